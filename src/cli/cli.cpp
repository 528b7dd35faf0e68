#include "cli.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <random>

namespace ppb::cli {

args::args(std::span<const std::string_view> argv, std::vector<std::string_view> flags,
           std::vector<std::string_view> valued) {
  const auto known = [](const std::vector<std::string_view>& list, std::string_view k) {
    return std::find(list.begin(), list.end(), k) != list.end();
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (!a.starts_with("--") || a == "--") {
      positional_.emplace_back(a);
      continue;
    }
    std::string key(a), val;
    bool has_val = false;
    if (const auto eq = a.find('='); eq != std::string_view::npos) {
      key = std::string(a.substr(0, eq));
      val = std::string(a.substr(eq + 1));
      has_val = true;
    }
    if (known(flags, key)) {
      if (has_val) throw usage(fmt::format("option {} takes no value", key));
      ++flags_[key];
    } else if (known(valued, key)) {
      if (!has_val) {
        if (i + 1 >= argv.size()) throw usage(fmt::format("option {} needs a value", key));
        val = std::string(argv[++i]);
      }
      values_[key] = val;
    } else {
      throw usage(fmt::format("unknown option {}", key));
    }
  }
}

auto args::value(std::string_view key) const -> std::optional<std::string> {
  const auto it = values_.find(std::string(key));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

auto load_pabulib(const std::string& path, bool strict, bool quiet) -> election {
  read_options opts;
  opts.limits = strict ? limit_policy::enforce : limit_policy::report;
  const bool tty = isatty(STDERR_FILENO) != 0 && !quiet;
  bool drew = false;
  if (tty)
    opts.progress = [&](std::uint64_t done, std::uint64_t total) {
      if (total < (16U << 20)) return;  // small files read faster than a bar can be seen
      const int width = 40;
      const auto filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
      fmt::print(stderr, "\rreading {} [{:<{}}] {:3d}%", path, std::string(static_cast<std::size_t>(std::min(filled, width)), '#'),
                 width, static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)));
      drew = true;
    };
  auto e = io::read_pabulib(path, opts);
  if (drew) fmt::print(stderr, "\r\033[K");
  if (!quiet) {
    const std::size_t shown = 5;
    for (std::size_t i = 0; i < e.warnings.size() && i < shown; ++i)
      fmt::print(stderr, "ppb: warning: {}:{}: {}\n", e.warnings[i].file, e.warnings[i].line, e.warnings[i].reason);
    if (e.warnings.size() > shown)
      fmt::print(stderr, "ppb: warning: {} more ballots break the ballot rules; they are counted (use --strict to refuse the file)\n",
                 e.warnings.size() - shown);
    else if (!e.warnings.empty())
      fmt::print(stderr, "ppb: warning: these ballots are counted as cast (use --strict to refuse the file)\n");
  }
  return e;
}

}  // namespace ppb::cli

namespace ppb::cli {

const std::string_view rule_options_help = R"(  --rule RULE            greedy (default): most support first, fund each project that still fits;
                         greedy-cost: points per cost first (takes no other satisfaction).
                         greedy-threshold, greedy-no-skip, greedy-exclusive: pabulib's variants
                         (threshold from META min_project_score_threshold; no-skip stops at the
                         first project that does not fit).
                         mes: Method of Equal Shares, exact (satisfaction cost unless given).
                         phragmen: sequential Phragmén, exact loads (approval, choose-1).
                         max-welfare: allocation of maximal total satisfaction (exact knapsack).
                         meta: the rule the file's META names, with pabulib's conventions.
  --satisfaction S       points (default; mes: cost): total approvals, points or score (ordinal:
                         k..1 by rank); cost: rank by number of supporters (pabutools' Cost_Sat;
                         mes: satisfaction = cost of the funded projects); cardinality: supporters
                         per cost (pabutools' Cardinality_Sat; mes: number of funded projects).
  --completion C         mes only: none (default), add1 (equalshares.net and pabulib: start at
                         floor(B/n) per voter, raise by 1 while the outcome fits), add1-exhaustive
                         (pabutools: from B/n, raise by 1 until exhaustive), greedy (fill what is
                         left by support), or a chain: add1+greedy, add1-exhaustive+greedy.
  --comparison           mes only: keep the MES outcome unless strictly more voters have more
                         funded projects under greedy by votes (equalshares.net).
  --tie-break POLICY     default (min-cost,max-votes,file-order), file-order (pabulib's checker),
                         lexicographic (pabutools: project ids by code point), lot (seeded),
                         or a comma list of min-cost, max-votes, file-order, lexicographic, lot.
  --seed N               seed of the lot (only with --tie-break lot). Without it ppb draws a
                         seed and prints it with the outcome and on stderr, so the lot can be
                         replayed.
)";

auto joined(std::vector<std::string_view> base, const std::vector<std::string_view>& extra) -> std::vector<std::string_view> {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

auto parse_rule_options(const args& a) -> rule_options {
  rule_options opts;
  if (auto r = a.value("--rule")) opts.rule = *r;
  if (auto s = a.value("--satisfaction")) {
    opts.satisfaction = parse_satisfaction(*s);
    opts.satisfaction_given = true;
  }
  if (auto c = a.value("--completion")) {
    opts.completion = *c;
    (void)parse_mes_completion(*c);  // a bad chain is a bad command line, found before reading
  }
  opts.comparison = a.has("--comparison");
  if (auto t = a.value("--tie-break")) {
    opts.tie = tie_break::parse(*t);
    opts.tie_given = true;
  }
  const bool lot = opts.tie.draws_lots();
  if (auto s = a.value("--seed")) {
    // A seed the policy never reads would look as if it had decided something.
    if (!lot) throw usage(fmt::format("--seed goes with --tie-break lot; the tie-break {} draws no lots", opts.tie.name()));
    const auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), opts.tie.seed);
    if (ec != std::errc() || p != s->data() + s->size()) throw usage("--seed needs a non-negative whole number");
  } else if (lot) {
    // Printed with the outcome (table, explain, JSON), and here for commands that print none of
    // those (ppb report), so that every drawn lot can be replayed.
    opts.tie.seed = draw_seed();
    if (!a.has("--quiet")) fmt::print(stderr, "ppb: the lot drew seed {} (--seed {} replays it)\n", opts.tie.seed, opts.tie.seed);
  }
  tally::check_options(opts);  // rule name and combinations, before anything reads a large file
  return opts;
}

auto draw_seed() -> std::uint64_t {
  std::random_device device;
  const std::uint64_t wide = (std::uint64_t{device()} << 32) ^ device();
  return wide & ((std::uint64_t{1} << 53) - 1);  // exact in every JSON reader, JavaScript's included
}

auto ties_text(const outcome& out) -> std::string {
  return out.seed ? fmt::format("{} (seed {})", out.tie_break, *out.seed) : out.tie_break;
}

}  // namespace ppb::cli
