// `ppb tally FILE.pb --rule ...`: run a rule and print the result as a table or JSON.
#include <fmt/format.h>

#include <charconv>

#include "cli.hpp"
#include "text.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view tally_help = R"(usage: ppb tally FILE.pb [--rule RULE] [--satisfaction points|cost|cardinality]
                 [--tie-break POLICY] [--seed N] [--json] [--trace] [--strict] [--quiet]

Tallies a pabulib election and prints, per project in the rule's order: rank, id, name, votes,
cost, funded/skipped and the budget left.

  --rule RULE            greedy (default): most support first, fund each project that still fits;
                         greedy-cost: support per cost first.
                         greedy-threshold, greedy-no-skip, greedy-exclusive: pabulib's variants
                         (threshold from META min_project_score_threshold; no-skip stops at the
                         first project that does not fit).
                         phragmen: sequential Phragmén, exact loads (approval, choose-1).
                         max-welfare: allocation of maximal total satisfaction (exact knapsack).
                         meta: the rule the file's META names, with pabulib's conventions.
  --satisfaction S       points (default): total approvals, points or score (ordinal: k..1 by rank);
                         cost: rank by number of supporters (pabutools' Cost_Sat);
                         cardinality: supporters per cost (pabutools' Cardinality_Sat).
  --tie-break POLICY     default (min-cost,max-votes,file-order), file-order (pabulib's checker),
                         lexicographic (pabutools: project ids by code point), lot (seeded),
                         or a comma list of min-cost, max-votes, file-order, lexicographic, lot.
  --seed N               seed of the lot (with --tie-break lot).
  --json                 print {"rule","budget","spent","selected":[ids],"projects":[...]} on stdout.
                         Money in JSON is an integer count of 10^-money_places units.
  --trace                with --json: add each step of the rule.
  --strict               refuse a file whose ballots break its META limits (default: count them
                         and warn on stderr, as published elections contain such ballots).
  --quiet                no warnings or progress on stderr.

Exit status: 0 done, 1 bad input file, 2 bad command line.
)";

auto parse_seed(const std::string& s) -> std::uint64_t {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) throw usage("--seed needs a non-negative whole number");
  return v;
}

void print_table(const std::string& path, const instance& inst, const profile& prof, const outcome& out) {
  const auto money_text = [&](money m) { return format_units(m, inst.money_places); };
  const std::string* currency = inst.meta_value("currency");
  fmt::print("{}\n", path);
  fmt::print("{} ballots, {} projects, budget {}{}\n", prof.voters(), inst.size(), money_text(inst.budget),
             currency ? " " + *currency : "");
  fmt::print("rule {}, satisfaction {}, ties {}\n\n", out.rule, out.satisfaction, out.tie_break);
  std::vector<const project_result*> rows;
  for (const auto& r : out.projects) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->rank < b->rank; });
  std::size_t id_width = 2;
  for (const auto& p : inst.projects()) id_width = std::max(id_width, display_width(p.id));
  id_width = std::min<std::size_t>(id_width, 16);
  std::vector<std::string> left_after(inst.size());
  for (const auto& s : out.trace) left_after[s.project] = money_text(s.budget_left);
  fmt::print("{:>4}  {}  {}  {:>9}  {:>14}  {:<11}  {:>14}\n", "rank", fit("id", id_width), fit("name", 36), "votes",
             "cost", "status", "budget left");
  for (const auto* r : rows) {
    const auto& p = inst[r->project];
    fmt::print("{:>4}  {}  {}  {:>9}  {:>14}  {:<11}  {:>14}\n", r->rank, fit(p.id, id_width), fit(p.name, 36), r->votes,
               money_text(p.cost), project_status_name(r->status), left_after[r->project]);
  }
  fmt::print("\nfunded {} of {} projects for {} of {} ({} left)\n", out.selected.size(), inst.size(), money_text(out.spent),
             money_text(out.budget), money_text(out.budget - out.spent));
  std::size_t deciding = 0;
  for (const auto& t : out.ties) deciding += t.changed_outcome;
  if (!out.ties.empty())
    fmt::print("{} ties broken by {} ({} of them decided what was funded; see --json)\n", out.ties.size(), out.tie_break,
               deciding);
  for (const auto& n : out.notes) fmt::print("note: {}\n", n);
}

auto run_tally(std::span<const std::string_view> argv) -> int {
  args a(argv, {"--json", "--trace", "--strict", "--quiet", "--comparison"},
         {"--rule", "--satisfaction", "--tie-break", "--seed", "--completion"});
  if (a.positional().size() != 1) throw usage("give exactly one FILE.pb");
  rule_options opts;
  if (auto r = a.value("--rule")) opts.rule = *r;
  if (auto s = a.value("--satisfaction")) {
    opts.satisfaction = parse_satisfaction(*s);
    opts.satisfaction_given = true;
  }
  if (auto c = a.value("--completion")) opts.completion = *c;
  opts.comparison = a.has("--comparison");
  const std::uint64_t seed = a.value("--seed") ? parse_seed(*a.value("--seed")) : 0;
  if (auto t = a.value("--tie-break")) {
    opts.tie = tie_break::parse(*t, seed);
    opts.tie_given = true;
  }
  if (a.has("--trace") && !a.has("--json")) throw usage("--trace goes with --json");
  // Check the rule name before reading a large file.
  const auto names = tally::rule_names();
  if (std::find(names.begin(), names.end(), opts.rule) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw usage(fmt::format("unknown rule '{}' (known: {})", opts.rule, known));
  }
  const auto& path = a.positional()[0];
  const election e = load_pabulib(path, a.has("--strict"), a.has("--quiet"));
  const outcome out = tally::run(e.inst, e.prof, opts);
  if (a.has("--json")) fmt::print("{}\n", io::outcome_to_json_text(e.inst, out, a.has("--trace")));
  else print_table(path, e.inst, e.prof, out);
  return exit_ok;
}

}  // namespace

auto tally_command() -> command {
  return {"tally", "run a tally rule on a pabulib .pb file", tally_help, run_tally};
}

}  // namespace ppb::cli
