// Times greedy (points, cost, cardinality), the greedy variants, sequential Phragmén, maximum
// welfare (cost, cardinality) and --rule meta on the largest pabulib files and on a synthetic
// profile of 1 M voters × 200 projects. Prints a table; nothing is asserted.
// usage: rules_bench [PABULIB_DIR] [--no-synthetic]
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "ppb/ppb.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

auto seconds_since(clock_type::time_point start) -> double {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// One rule timed on one election: seconds, or the reason it does not apply.
auto time_rule(const ppb::election& e, const ppb::rule_options& o) -> std::string {
  const auto start = clock_type::now();
  try {
    const auto out = ppb::tally::run(e.inst, e.prof, o);
    const double s = seconds_since(start);
    bool unproven = false;
    for (const auto& n : out.notes) unproven = unproven || n.find("NOT proven") != std::string::npos;
    return fmt::format("{:.3f}{}", s, unproven ? "*" : "");
  } catch (const ppb::usage_error&) {
    return "–";
  }
}

// 1 M voters, 200 projects, ballots of 1..10 approvals with Zipf-like popularity; seeded.
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

void print_row(const std::string& name, const ppb::election& e, double read_s) {
  struct column {
    const char* title;
    const char* rule;
    const char* satisfaction;
  };
  static const column columns[] = {
      {"greedy", "greedy", "points"},           {"greedy-cost", "greedy", "cost"},
      {"greedy-card", "greedy", "cardinality"}, {"no-skip", "greedy-no-skip", "points"},
      {"phragmen", "phragmen", nullptr},        {"maxw-cost", "max-welfare", "cost"},
      {"maxw-card", "max-welfare", "cardinality"}, {"meta", "meta", nullptr},
  };
  static bool header = false;
  if (!header) {
    fmt::print("{:<34} {:>5} {:>8} {:>7}", "election", "proj", "voters", "read");
    for (const auto& c : columns) fmt::print(" {:>11}", c.title);
    fmt::print("\n");
    header = true;
  }
  fmt::print("{:<34} {:>5} {:>8} {:>7.2f}", name.substr(0, 34), e.inst.size(), e.prof.voters(), read_s);
  std::fflush(stdout);
  for (const auto& c : columns) {
    ppb::rule_options o;
    o.rule = c.rule;
    if (c.satisfaction) {
      o.satisfaction = ppb::parse_satisfaction(c.satisfaction);
      o.satisfaction_given = true;
    }
    o.tie = ppb::tie_break::lexicographic();
    fmt::print(" {:>11}", time_rule(e, o));
    std::fflush(stdout);
  }
  fmt::print("\n");
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::filesystem::path dir = std::filesystem::path(PPB_SHARED_DIR) / "pabulib";
  bool with_synthetic = true, smoke = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--no-synthetic") with_synthetic = false;
    else if (a == "--smoke") smoke = true;  // CI: one small file, no synthetic profile
    else dir = a;
  }
  if (smoke) with_synthetic = false;
  fmt::print("seconds per rule (one run each; ties lexicographic; – = rule does not apply; * = node limit hit)\n\n");
  const std::vector<const char*> files =
      smoke ? std::vector<const char*>{"Poland_Warszawa_2017_Mlynow.pb"}
            : std::vector<const char*>{"Poland_Warszawa_2026.pb", "Poland_Krakow_2024.pb", "Poland_Lodz_2022.pb",
                                       "Poland_Wroclaw_2015_150_-_500.pb", "Poland_Wroclaw_2015_up_to_150.pb"};
  for (const char* f : files) {
    const auto start = clock_type::now();
    ppb::election e;
    try {
      e = ppb::io::read_pabulib(dir / f);
    } catch (const ppb::error& err) {
      fmt::print("{}: {}\n", f, err.what());
      continue;
    }
    print_row(f, e, seconds_since(start));
  }
  if (with_synthetic) {
    const auto start = clock_type::now();
    const auto e = synthetic(1'000'000, 200);
    print_row("synthetic 1M voters x 200 projects", e, seconds_since(start));
    const auto mstart = clock_type::now();
    const auto merged = e.prof.merge_identical();
    const double merge_s = seconds_since(mstart);
    ppb::election m;
    m.inst = e.inst;
    m.prof = merged;
    print_row(fmt::format("  same, merged ({} rows)", merged.size()), m, merge_s);
  }
  return 0;
}
