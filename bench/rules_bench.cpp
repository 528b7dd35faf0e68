// Times greedy (points, cost, cardinality), sequential Phragmén, maximum welfare, MES (no
// completion, add1-exhaustive, add1-exhaustive+greedy, add1) and --rule meta on the largest
// pabulib files and on a synthetic profile of 1 M voters × 200 projects, and compares with
// pabutools' times recorded in pabulib/INDEX.md. Prints Markdown tables; nothing is asserted.
// usage: rules_bench [PABULIB_DIR] [--no-synthetic | --synthetic-only] [--voters N] [--smoke]
//        (--voters: the synthetic profile's size, default 1,000,000)
#include <fmt/format.h>

#include <sys/resource.h>

#include <time.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ppb/ppb.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

auto seconds_since(clock_type::time_point start) -> double {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// `voters` voters, 200 projects, ballots of 1..10 approvals with Zipf-like popularity; seeded.
auto synthetic(std::size_t voters, std::size_t projects) -> ppb::election {
  std::mt19937_64 rng(20240601);
  ppb::election e;
  e.inst.set_meta("rule", "greedy");
  ppb::money total = 0;
  for (std::size_t p = 0; p < projects; ++p) {
    const auto cost = std::uniform_int_distribution<ppb::money>(10'000, 1'000'000)(rng);
    e.inst.add({.id = fmt::format("p{}", p), .cost = cost});
    total += cost;
  }
  e.inst.budget = total / 4;
  std::vector<double> cumulative(projects);
  double sum = 0;
  for (std::size_t p = 0; p < projects; ++p) cumulative[p] = sum += 1.0 / static_cast<double>(p + 1);
  std::uniform_real_distribution<double> unit(0, sum);
  std::uniform_int_distribution<int> length(1, 10);
  e.prof.reserve(voters, voters * 6);
  std::vector<ppb::project_index> items;
  for (std::size_t v = 0; v < voters; ++v) {
    items.clear();
    const int k = length(rng);
    while (static_cast<int>(items.size()) < k) {
      const auto p = static_cast<ppb::project_index>(std::lower_bound(cumulative.begin(), cumulative.end(), unit(rng)) -
                                                     cumulative.begin());
      if (p < projects && std::find(items.begin(), items.end(), p) == items.end()) items.push_back(p);
    }
    e.prof.add(items);
  }
  return e;
}

// CPU seconds of this process: the rules are single-threaded, and CPU time does not count what
// other programs on a busy 2-core machine take.
auto cpu_seconds() -> double {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// pabutools' seconds per rule and file, from the table in pabulib/INDEX.md (same machine kind);
// `merged` (ᵐ there): pabutools ran on its merged-ballot profile, merging not timed.
struct pabutools_time {
  double seconds = 0;
  bool merged = false;
};
using pabutools_times = std::map<std::string, std::map<std::string, pabutools_time>>;
auto read_pabutools_times(const std::filesystem::path& index) -> pabutools_times {
  pabutools_times t;
  std::ifstream in(index);
  std::string line;
  std::vector<std::string> header;
  auto cells = [](const std::string& l) {
    std::vector<std::string> c;
    std::stringstream ss(l);
    std::string cell;
    std::getline(ss, cell, '|');
    while (std::getline(ss, cell, '|')) {
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      c.push_back(cell);
    }
    return c;
  };
  while (std::getline(in, line)) {
    if (line.starts_with("| file | type | proj | votes | greedy_cost")) {
      header = cells(line);
      continue;
    }
    if (header.empty() || !line.starts_with("| ")) continue;
    const auto c = cells(line);
    for (std::size_t i = 4; i < c.size() && i < header.size(); ++i) {
      std::string v = c[i];
      const auto mark = v.find("ᵐ");
      if (mark != std::string::npos) v.erase(mark);
      try {
        t[c[0] + ".pb"][header[i]] = {std::stod(v), mark != std::string::npos};
      } catch (const std::exception&) {
      }
    }
  }
  return t;
}

struct column {
  const char* title;
  const char* rule;
  const char* satisfaction;
  const char* completion;
  const char* pabutools;  // the INDEX.md column timing the same rule, if any
};

const column columns[] = {
    {"greedy", "greedy", "points", nullptr, nullptr},
    {"greedy-cost", "greedy", "cost", nullptr, "greedy_cost"},
    {"greedy-card", "greedy", "cardinality", nullptr, "greedy_card"},
    {"phragmen", "phragmen", nullptr, nullptr, "phragmen"},
    {"maxw-cost", "max-welfare", "cost", nullptr, nullptr},
    {"mes-cost", "mes", "cost", "none", "mes_cost"},
    {"mes-add1-exh", "mes", "cost", "add1-exhaustive", "mes_cost_add1"},
    {"mes-full", "mes", "cost", "add1-exhaustive+greedy", "mes_cost_add1_greedy"},
    {"mes-add1", "mes", "cost", "add1", nullptr},
    {"meta", "meta", nullptr, nullptr, "meta"},
};

// One rule timed on one election: seconds, or nothing if it does not apply.
auto time_rule(const ppb::instance& inst, const ppb::profile& prof, const column& c) -> std::optional<double> {
  ppb::rule_options o;
  o.rule = c.rule;
  if (c.satisfaction) {
    o.satisfaction = ppb::parse_satisfaction(c.satisfaction);
    o.satisfaction_given = true;
  }
  if (c.completion) o.completion = c.completion;
  if (std::string(c.rule) != "meta") o.tie = ppb::tie_break::lexicographic();
  try {
    // Short runs are repeated until 0.05 s have passed, so the clock's resolution does not count.
    const auto start = cpu_seconds();
    int runs = 0;
    do {
      (void)ppb::tally::run(inst, prof, o);
      ++runs;
    } while (cpu_seconds() - start < 0.05);
    return (cpu_seconds() - start) / runs;
  } catch (const ppb::usage_error&) {
    return std::nullopt;
  }
}

// Prints one row of seconds per rule, and returns the speed-ups over pabutools where it has a time.
// Where pabutools was timed on its merged profile (ᵐ), ppb is timed on a merged profile too
// (`profile::merge_identical`, not timed, as pabutools' `as_multiprofile` was not), and the
// cell gives ppb's time on the file's own rows as well.
void print_row(const std::string& name, const ppb::election& e, double read_s, const pabutools_times& pabutools,
               std::vector<std::string>& speedups) {
  static bool header = false;
  if (!header) {
    fmt::print("| election | proj | voters | read s |");
    for (const auto& c : columns) fmt::print(" {} |", c.title);
    fmt::print("\n|---|---|---|---|");
    for (std::size_t i = 0; i < std::size(columns); ++i) fmt::print("---|");
    fmt::print("\n");
    header = true;
  }
  fmt::print("| {} | {} | {} | {:.2f} |", name, e.inst.size(), e.prof.voters(), read_s);
  std::fflush(stdout);
  const auto known = pabutools.find(name);
  std::string ratios = "| " + name + " |";
  std::optional<ppb::profile> merged;
  for (const auto& c : columns) {
    const auto s = time_rule(e.inst, e.prof, c);
    fmt::print(" {} |", s ? fmt::format("{:.4f}", *s) : "–");
    std::fflush(stdout);
    if (c.pabutools == nullptr) continue;
    std::string cell = " – |";
    if (s && known != pabutools.end()) {
      const auto it = known->second.find(c.pabutools);
      if (it != known->second.end() && it->second.merged) {
        if (!merged) merged = e.prof.merge_identical();
        const auto m = time_rule(e.inst, *merged, c).value();
        cell = fmt::format(" {:.4g}ᵐ / {:.4f}ᵐ = {:.0f}× (rows as read: {:.4f}, {:.0f}×) |", it->second.seconds, m,
                           it->second.seconds / m, *s, it->second.seconds / *s);
      } else if (it != known->second.end()) {
        cell = fmt::format(" {:.4g} / {:.4f} = {:.0f}× |", it->second.seconds, *s, it->second.seconds / *s);
      }
    }
    ratios += cell;
  }
  fmt::print("\n");
  speedups.push_back(ratios);
}

auto peak_rss_mb() -> double {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::filesystem::path dir = std::filesystem::path(PPB_SHARED_DIR) / "pabulib";
  bool with_synthetic = true, with_files = true, smoke = false;
  std::size_t voters = 1'000'000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--no-synthetic") with_synthetic = false;
    else if (a == "--synthetic-only") with_files = false;
    else if (a == "--voters" && i + 1 < argc) voters = std::stoull(argv[++i]);
    else if (a == "--smoke") smoke = true;  // CI: one small file, no synthetic profile
    else dir = a;
  }
  if (smoke) with_synthetic = false;
  const auto pabutools = read_pabutools_times(dir / "INDEX.md");
  fmt::print("CPU seconds per rule (one run each, parsing excluded; ties lexicographic, meta: the file's own; "
             "– = rule does not apply)\n\n");
  const std::vector<const char*> files =
      smoke ? std::vector<const char*>{"Poland_Warszawa_2017_Mlynow.pb"}
            : std::vector<const char*>{"Poland_Warszawa_2026.pb", "Poland_Krakow_2024.pb", "Poland_Lodz_2022.pb",
                                       "Poland_Wroclaw_2015_150_-_500.pb", "Poland_Wroclaw_2015_up_to_150.pb",
                                       "Poland_Warszawa_2023_Targowek.pb", "Poland_Wieliczka_2023_Green_Budget.pb",
                                       "Poland_Warszawa_2017_Mlynow.pb", "France_Toulouse_2019.pb",
                                       "France_Toulouse_2024.pb"};
  std::vector<std::string> speedups;
  for (const char* f : files) {
    if (!with_files) break;
    const auto start = clock_type::now();
    ppb::election e;
    try {
      e = ppb::io::read_pabulib(dir / f);
    } catch (const ppb::error& err) {
      fmt::print("{}: {}\n", f, err.what());
      continue;
    }
    print_row(f, e, seconds_since(start), pabutools, speedups);
  }
  if (with_synthetic) {
    const auto start = clock_type::now();
    const auto e = synthetic(voters, 200);
    const double read_s = seconds_since(start);
    // Memory of MES (with add1) over the profile it tallies: the growth of the peak resident set
    // while it runs, first thing after the profile is built.
    const double profile_mb = static_cast<double>(e.prof.memory_bytes()) / 1e6, before = peak_rss_mb();
    ppb::rule_options mes;
    mes.rule = "mes";
    mes.completion = "add1";
    (void)ppb::tally::run(e.inst, e.prof, mes);
    const double grew = peak_rss_mb() - before;
    print_row(fmt::format("synthetic {} voters x 200 projects", voters), e, read_s, pabutools, speedups);
    fmt::print("\nsynthetic profile: {:.0f} MB of ballot arrays; MES with add1 raised the peak resident set by "
               "{:.0f} MB ({:.1f}× the profile)\n",
               profile_mb, grew, grew / profile_mb);
  }
  fmt::print("\npabutools seconds (pabulib/INDEX.md) / ppb seconds = speed-up\n\n| election |");
  for (const auto& c : columns)
    if (c.pabutools) fmt::print(" {} |", c.title);
  fmt::print("\n|---|");
  for (const auto& c : columns)
    if (c.pabutools) fmt::print("---|");
  fmt::print("\n");
  for (const auto& r : speedups) fmt::print("{}\n", r);
  return 0;
}
