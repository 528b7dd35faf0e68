// Greedy variants: ordinal (Borda-like k…1) ballots, pabulib's greedy-threshold, greedy-no-skip
// and greedy-exclusive, properties on random elections, and pabutools' greedy rows.
// GCC 12 reports a false -Wrestrict inside std::string's operator+ once random_election() is
// inlined here (GCC bug 105329); the warning must be off before any standard header.
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "ppb/ppb.hpp"
#include "support/random_election.hpp"

namespace {

using ppb::project_index;
using ppb::project_status;

auto greedy_ids(const ppb::instance& inst, const std::vector<project_index>& ps) -> std::set<std::string> {
  std::set<std::string> s;
  for (auto p : ps) s.insert(inst[p].id);
  return s;
}

// a (6) 5 votes, s (999999999, a withdrawn-project sentinel) 4 votes, b (5) 3 votes, c (1) 2 votes;
// budget 10.
auto no_skip_election() -> ppb::election {
  ppb::election e;
  e.inst.budget = 10;
  e.inst.add({.id = "a", .cost = 6});
  e.inst.add({.id = "s", .cost = 999999999});
  e.inst.add({.id = "b", .cost = 5});
  e.inst.add({.id = "c", .cost = 1});
  const std::pair<project_index, int> votes[] = {{0, 5}, {1, 4}, {2, 3}, {3, 2}};
  for (const auto& [p, n] : votes)
    for (int k = 0; k < n; ++k) {
      const project_index one[] = {p};
      e.prof.add(one);
    }
  return e;
}

}  // namespace

TEST_CASE("greedy: ordinal ballots score k, k-1, ..., 1 by rank") {
  // [a, b, c] twice: a 3, b 2, c 1 each; [c, b] three times: c 2, b 1 each.
  // Scores: a 6, b 7, c 8. Every project costs 1, budget 2: c and b.
  ppb::instance inst;
  inst.kind = ppb::vote_type::ordinal;
  inst.budget = 2;
  for (const char* id : {"a", "b", "c"}) inst.add({.id = id, .cost = 1});
  ppb::profile prof(ppb::vote_type::ordinal);
  const project_index abc[] = {0, 1, 2}, cb[] = {2, 1};
  prof.add(abc, {}, 2);
  prof.add(cb, {}, 3);
  const auto out = ppb::tally::greedy(inst, prof);
  CHECK(out.selected == std::vector<project_index>{2, 1});
  CHECK(out.projects[0].points == 6);
  CHECK(out.projects[1].points == 7);
  CHECK(out.projects[2].points == 8);
  CHECK(out.projects[0].status == project_status::skipped);
}

TEST_CASE("greedy: a merged profile whose first row has weight above 1 counts every voter") {
  ppb::instance inst;
  inst.budget = 1;
  inst.add({.id = "a", .cost = 1});
  inst.add({.id = "b", .cost = 1});
  ppb::profile prof;
  const project_index a[] = {0}, b[] = {1};
  prof.add(a, {}, 3);
  prof.add(b, {}, 2);
  CHECK(prof.voters() == 5);
  CHECK(prof[0].weight == 3);
  const auto out = ppb::tally::greedy(inst, prof);
  CHECK(out.projects[0].votes == 3);
  CHECK(out.selected == std::vector<project_index>{0});
}

TEST_CASE("greedy-threshold: projects below META min_project_score_threshold are excluded") {
  ppb::election e = no_skip_election();
  e.inst.cost_of(1) = 1;  // no sentinel here
  e.inst.set_meta("min_project_score_threshold", "3");
  const auto g = ppb::tally::greedy_variant_options(e.inst, "greedy-threshold");
  REQUIRE(g.min_points.has_value());
  CHECK(*g.min_points == 3);
  const auto out = ppb::tally::greedy(e.inst, e.prof, g);
  CHECK(out.rule == "greedy-threshold");
  // a (6) and s (1) fit; b (5) does not; c fits but has 2 < 3 votes.
  CHECK(greedy_ids(e.inst, out.selected) == std::set<std::string>{"a", "s"});
  CHECK(out.projects[3].status == project_status::excluded);
  CHECK(out.projects[3].reason == "support 2 below the threshold 3");
  CHECK(out.notes == std::vector<std::string>{"projects with support below 3 are excluded"});
  CHECK(greedy_ids(e.inst, ppb::tally::greedy(e.inst, e.prof).selected) == std::set<std::string>{"a", "s", "c"});

  e.inst.set_meta("min_project_score_threshold", "2.5");
  CHECK_THROWS_WITH_AS(ppb::tally::greedy_variant_options(e.inst, "greedy-threshold"),
                       "[ppb.usage_error.200] META min_project_score_threshold '2.5' is not a whole number",
                       ppb::usage_error);
  ppb::instance bare;
  CHECK_THROWS_WITH_AS(
      ppb::tally::greedy_variant_options(bare, "greedy-threshold"),
      "[ppb.usage_error.200] greedy-threshold needs META min_project_score_threshold, which this file does not have",
      ppb::usage_error);
}

TEST_CASE("greedy-no-skip: stops at the first project that does not fit, sentinels do not stop it") {
  const auto e = no_skip_election();
  const auto out = ppb::tally::greedy(e.inst, e.prof, ppb::tally::greedy_variant_options(e.inst, "greedy-no-skip"));
  CHECK(out.rule == "greedy-no-skip");
  CHECK(out.selected == std::vector<project_index>{0});
  CHECK(out.projects[1].status == project_status::skipped);  // sentinel: skipped, no stop
  CHECK(out.projects[2].status == project_status::skipped);
  CHECK(out.projects[2].reason.ends_with("; the rule stops here"));
  CHECK(out.projects[3].status == project_status::not_reached);
  // Plain greedy goes on and funds c.
  CHECK(ppb::tally::greedy(e.inst, e.prof).selected == std::vector<project_index>{0, 3});
}

TEST_CASE("greedy-exclusive: plain greedy, with a note that exclusions are not in the file") {
  const auto e = no_skip_election();
  const auto out = ppb::tally::greedy(e.inst, e.prof, ppb::tally::greedy_variant_options(e.inst, "greedy-exclusive"));
  CHECK(out.rule == "greedy-exclusive");
  CHECK(out.selected == ppb::tally::greedy(e.inst, e.prof).selected);
  REQUIRE(out.notes.size() == 1);
  CHECK(out.notes[0].starts_with("greedy-exclusive: the file does not say which projects"));
}

TEST_CASE("greedy variants: names, and unknown names refused") {
  CHECK(ppb::tally::greedy_variant_names() ==
        std::vector<std::string>{"greedy", "greedy-threshold", "greedy-no-skip", "greedy-exclusive"});
  const auto names = ppb::tally::rule_names();
  for (const auto& n : ppb::tally::greedy_variant_names())
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
  CHECK_THROWS_WITH_AS(ppb::tally::greedy_variant_options(ppb::instance{}, "greedy-custom"),
                       "[ppb.usage_error.200] unknown greedy rule 'greedy-custom' (use greedy, greedy-threshold, "
                       "greedy-no-skip or greedy-exclusive)",
                       ppb::usage_error);
  ppb::rule_options o;
  o.rule = "greedy-no-skip";
  const auto e = no_skip_election();
  CHECK(ppb::tally::run(e.inst, e.prof, o).selected == std::vector<project_index>{0});
}

TEST_CASE("greedy variants: budget kept, exhaustive where the rule must be, voter order irrelevant") {
  const ppb::vote_type kinds[] = {ppb::vote_type::approval, ppb::vote_type::choose_1, ppb::vote_type::cumulative,
                                  ppb::vote_type::scoring, ppb::vote_type::ordinal};
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    spec.projects = 3 + seed % 15;
    spec.voters = 5 + seed % 50;
    spec.kind = kinds[seed % 5];
    auto e = ppb::testing::random_election(seed, spec);
    const auto t = ppb::totals(e.inst, e.prof);
    const std::int64_t threshold = t.points[seed % e.inst.size()];
    e.inst.set_meta("min_project_score_threshold", std::to_string(threshold));
    for (const auto& tie : {ppb::tie_break::file_order(), ppb::tie_break::lexicographic(), ppb::tie_break::standard()}) {
      std::vector<std::set<project_index>> funded;
      for (const auto& name : ppb::tally::greedy_variant_names()) {
        CAPTURE(name);
        auto g = ppb::tally::greedy_variant_options(e.inst, name);
        g.tie = tie;
        const auto out = ppb::tally::greedy(e.inst, e.prof, g);
        ppb::money spent = 0;
        for (auto p : out.selected) spent += e.inst[p].cost;
        CHECK(spent == out.spent);
        CHECK(spent <= e.inst.budget);
        const ppb::money left = e.inst.budget - spent;
        for (project_index p = 0; p < e.inst.size(); ++p) {
          if (out.is_funded(p)) continue;
          if (name == "greedy-threshold") {
            CHECK((t.points[p] < threshold || e.inst[p].cost > left));
          } else if (name != "greedy-no-skip") {
            CHECK(e.inst[p].cost > left);  // exhaustive
          }
        }
        if (name == "greedy-threshold")
          for (auto p : out.selected) CHECK(t.points[p] >= threshold);
        funded.emplace_back(out.selected.begin(), out.selected.end());
        // Voters in another order: same outcome.
        std::vector<std::size_t> order(e.prof.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
        ppb::profile shuffled(e.prof.kind());
        for (auto i : order) shuffled.add(e.prof[i].items, e.prof[i].points, e.prof[i].weight);
        CHECK(ppb::tally::greedy(e.inst, shuffled, g).selected == out.selected);
        CHECK(ppb::tally::greedy(e.inst, e.prof.merge_identical(), g).selected == out.selected);
      }
      // no-skip funds a prefix of greedy's order: a subset of greedy's outcome.
      CHECK(std::includes(funded[0].begin(), funded[0].end(), funded[2].begin(), funded[2].end()));
      CHECK(funded[3] == funded[0]);
    }
  }
}

TEST_CASE("greedy: every pabutools greedy row of expected.tsv still agrees (ties lexicographic)") {
  std::ifstream in(std::string(PPB_SHARED_DIR) + "/pabulib/expected.tsv");
  REQUIRE(in.good());
  std::string line;
  std::size_t compared = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string c; std::getline(row, c, '\t');) cells.push_back(c);
    if (cells.size() < 3 || !cells[1].starts_with("greedy_")) continue;
    CAPTURE(line.substr(0, 80));
    ppb::greedy_options g;
    g.satisfaction = ppb::parse_satisfaction(cells[1] == "greedy_cost"   ? "cost"
                                             : cells[1] == "greedy_card" ? "cardinality"
                                                                         : "points");
    g.tie = ppb::tie_break::lexicographic();
    const auto e = ppb::io::read_pabulib(std::string(PPB_SHARED_DIR) + "/pabulib/" + cells[0]);
    std::set<std::string> want;
    std::istringstream w(cells[2]);
    for (std::string id; std::getline(w, id, ',');) want.insert(id);
    CHECK(greedy_ids(e.inst, ppb::tally::greedy(e.inst, e.prof, g).selected) == want);
    ++compared;
  }
  CHECK(compared == 52);
}
