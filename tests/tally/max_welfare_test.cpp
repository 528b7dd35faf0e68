// Maximum utilitarian welfare: hand-worked cases, brute force over every allocation on small
// random elections, pabutools' reference outcomes, the node limit, and invariances.
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
#include "support/printers.hpp"
#include "support/random_election.hpp"

namespace {

using ppb::project_index;
using ppb::satisfaction_kind;

auto welfare_ids(const ppb::instance& inst, const std::vector<project_index>& ps) -> std::set<std::string> {
  std::set<std::string> s;
  for (auto p : ps) s.insert(inst[p].id);
  return s;
}

auto split_cells(const std::string& text, char sep) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(text);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  return out;
}

// Total satisfaction of `funded`, summed voter by voter (independent of ppb::totals).
auto voter_welfare(const ppb::instance& inst, const ppb::profile& prof, const std::vector<bool>& funded,
                   satisfaction_kind s) -> ppb::wide {
  ppb::wide w = 0;
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto b = prof[i];
    ppb::wide mine = 0;
    for (std::size_t j = 0; j < b.items.size(); ++j) {
      if (!funded[b.items[j]]) continue;
      switch (s) {
        case satisfaction_kind::cost: mine += inst[b.items[j]].cost; break;
        case satisfaction_kind::cardinality: mine += 1; break;
        case satisfaction_kind::points:
          mine += !b.points.empty() ? b.points[j]
                  : prof.kind() == ppb::vote_type::ordinal ? static_cast<std::int64_t>(b.items.size() - j)
                                                            : 1;
          break;
      }
    }
    w += mine * static_cast<ppb::wide>(b.weight);
  }
  return w;
}

struct brute_result {
  ppb::wide welfare = 0;
  std::vector<bool> funded;
};

// Every affordable allocation; among those of maximal welfare, the documented choice: projects
// worth nothing never funded, free ones always, then the first in the order "welfare per cost,
// best first, ties by the tie-break".
auto brute_force(const ppb::instance& inst, const ppb::profile& prof, satisfaction_kind s, const ppb::tie_break& tie)
    -> brute_result {
  const auto n = inst.size();
  std::vector<ppb::wide> worth(n);
  for (project_index p = 0; p < n; ++p) {
    std::vector<bool> only(n, false);
    only[p] = true;
    worth[p] = voter_welfare(inst, prof, only, s);
  }
  const auto t = ppb::totals(inst, prof);
  const auto priority = tie.priority(inst, t.supporters);
  std::vector<project_index> items;
  std::vector<bool> base(n, false);
  for (project_index p = 0; p < n; ++p) {
    if (worth[p] <= 0 || inst[p].cost > inst.budget) continue;
    if (inst[p].cost == 0) base[p] = true;
    else items.push_back(p);
  }
  std::sort(items.begin(), items.end(), [&](project_index a, project_index b) {
    const ppb::wide l = worth[a] * inst[b].cost, r = worth[b] * inst[a].cost;
    return l != r ? l > r : priority[a] < priority[b];
  });
  brute_result best{-1, {}};
  for (std::uint32_t mask = 0; mask < (1U << items.size()); ++mask) {
    ppb::money cost = 0;
    auto funded = base;
    for (std::size_t k = 0; k < items.size(); ++k)
      if (mask >> k & 1U) {
        cost += inst[items[k]].cost;
        funded[items[k]] = true;
      }
    if (cost > inst.budget) continue;
    const auto w = voter_welfare(inst, prof, funded, s);
    bool better = w > best.welfare;
    if (w == best.welfare)
      for (auto p : items)
        if (funded[p] != best.funded[p]) {
          better = funded[p];
          break;
        }
    if (better) best = {w, funded};
  }
  return best;
}

auto as_flags(std::size_t n, const std::vector<project_index>& selected) -> std::vector<bool> {
  std::vector<bool> f(n, false);
  for (auto p : selected) f[p] = true;
  return f;
}

}  // namespace

TEST_CASE("max-welfare: two cheaper projects beat the most popular one") {
  // a (6) has 3 voters, b (5) and c (5) have 2 each; budget 10. Greedy funds a; welfare by cost
  // is 18 for {a} and 20 for {b, c}, by cardinality 3 and 4.
  ppb::instance inst;
  inst.budget = 10;
  inst.add({.id = "a", .cost = 6});
  inst.add({.id = "b", .cost = 5});
  inst.add({.id = "c", .cost = 5});
  ppb::profile prof;
  const project_index a[] = {0}, b[] = {1}, c[] = {2};
  for (int k = 0; k < 3; ++k) prof.add(a);
  for (int k = 0; k < 2; ++k) {
    prof.add(b);
    prof.add(c);
  }
  for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality, satisfaction_kind::points}) {
    CAPTURE(ppb::satisfaction_name(s));
    const auto r = ppb::tally::max_welfare_detailed(inst, prof, {s, ppb::tie_break::lexicographic()});
    CHECK(welfare_ids(inst, r.result.selected) == std::set<std::string>{"b", "c"});
    CHECK(r.proven_optimal);
    CHECK(r.ties_resolved);
    CHECK(r.welfare == (s == satisfaction_kind::cost ? 20 : 4));
    CHECK(r.result.spent == 10);
    CHECK(r.result.rule == "max-welfare");
    CHECK(r.result.projects[0].status == ppb::project_status::skipped);
    CHECK(r.result.projects[0].reason == "not in the allocation of maximal welfare");
    REQUIRE(r.result.notes.size() == 1);
    CHECK(r.result.notes[0].find("proven optimal after") != std::string::npos);
    CHECK(r.result.trace.back().detail.find("total welfare ") != std::string::npos);
  }
}

TEST_CASE("max-welfare: free projects are funded, projects nobody supports are not") {
  ppb::instance inst;
  inst.budget = 5;
  inst.add({.id = "free", .cost = 0});
  inst.add({.id = "nobody", .cost = 1});
  inst.add({.id = "a", .cost = 5});
  ppb::profile prof;
  const project_index both[] = {0, 2};
  prof.add(both);
  // Cardinality: the free project is worth 1 and is funded. Cost: it is worth 0 (supporters ×
  // cost) and is not.
  const auto card = ppb::tally::max_utilitarian_welfare(inst, prof, {satisfaction_kind::cardinality});
  CHECK(welfare_ids(inst, card.selected) == std::set<std::string>{"free", "a"});
  CHECK(card.projects[1].reason == "adds no welfare (nobody supports it)");
  CHECK(card.projects[0].reason == "costs nothing; welfare 1, costs 0");
  const auto cost = ppb::tally::max_utilitarian_welfare(inst, prof, {satisfaction_kind::cost});
  CHECK(welfare_ids(inst, cost.selected) == std::set<std::string>{"a"});
}

TEST_CASE("max-welfare: equals brute force over every allocation (up to 12 projects, every vote type)") {
  const ppb::vote_type kinds[] = {ppb::vote_type::approval, ppb::vote_type::choose_1, ppb::vote_type::cumulative,
                                  ppb::vote_type::scoring, ppb::vote_type::ordinal};
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    spec.projects = 1 + seed % 12;
    spec.voters = 3 + seed % 20;
    spec.kind = kinds[seed % 5];
    spec.min_cost = seed % 7 == 0 ? 0 : 1;
    spec.max_cost = seed % 3 == 0 ? 5 : 60;  // small costs: many allocations of equal welfare
    const auto e = ppb::testing::random_election(seed, spec);
    for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality, satisfaction_kind::points}) {
      for (const auto& tie : {ppb::tie_break::lexicographic(), ppb::tie_break::standard()}) {
        CAPTURE(ppb::satisfaction_name(s));
        const auto r = ppb::tally::max_welfare_detailed(e.inst, e.prof, {s, tie});
        const auto want = brute_force(e.inst, e.prof, s, tie);
        REQUIRE(r.proven_optimal);
        CHECK(r.welfare == want.welfare);
        CHECK(voter_welfare(e.inst, e.prof, as_flags(e.inst.size(), r.result.selected), s) == want.welfare);
        CHECK(as_flags(e.inst.size(), r.result.selected) == want.funded);
        CHECK(r.result.spent <= e.inst.budget);
      }
    }
  }
}

TEST_CASE("max-welfare: the node limit returns the best allocation found and says optimality is not proven") {
  ppb::testing::random_spec spec;
  spec.projects = 40;
  spec.voters = 200;
  spec.max_ballot_length = 10;
  const auto e = ppb::testing::random_election(7, spec);
  ppb::max_welfare_options o;
  o.node_limit = 1;
  const auto r = ppb::tally::max_welfare_detailed(e.inst, e.prof, o);
  CHECK_FALSE(r.proven_optimal);
  CHECK_FALSE(r.ties_resolved);
  CHECK(r.nodes == 1);
  CHECK(r.result.spent <= e.inst.budget);
  REQUIRE(!r.result.notes.empty());
  CHECK(r.result.notes[0].find("node limit 1 reached") == 0);
  CHECK(r.result.notes[0].find("optimality NOT proven") != std::string::npos);
  const auto full = ppb::tally::max_welfare_detailed(e.inst, e.prof);
  CHECK(full.proven_optimal);
  CHECK(full.welfare >= r.welfare);
  // The outcome carries the flag (JSON "optimal"), and tally::run passes the limit on.
  CHECK(r.result.optimal == std::optional<bool>{false});
  CHECK(full.result.optimal == std::optional<bool>{true});
  ppb::rule_options by_name;
  by_name.rule = "max-welfare";
  by_name.satisfaction = o.satisfaction;
  by_name.tie = o.tie;
  by_name.node_limit = 1;
  const auto cut = ppb::tally::run(e.inst, e.prof, by_name);
  CHECK(cut.optimal == std::optional<bool>{false});
  CHECK(cut.selected == r.result.selected);
  by_name.node_limit = 0;  // no limit
  CHECK(ppb::tally::run(e.inst, e.prof, by_name).optimal == std::optional<bool>{true});
  by_name.rule = "greedy";
  CHECK_THROWS_WITH_AS(ppb::tally::run(e.inst, e.prof, by_name),
                       "[ppb.usage_error.200] a node limit goes with rule max-welfare, not greedy", ppb::usage_error);
  by_name.node_limit.reset();
  CHECK_FALSE(ppb::tally::run(e.inst, e.prof, by_name).optimal.has_value());
}

TEST_CASE("max-welfare: every pabutools maxwelfare row of expected.tsv (ties lexicographic)") {
  std::ifstream in(std::string(PPB_SHARED_DIR) + "/pabulib/expected.tsv");
  REQUIRE(in.good());
  std::string line;
  std::size_t compared = 0;
  while (std::getline(in, line)) {
    const auto cells = split_cells(line, '\t');
    if (cells.size() < 3 || (cells[1] != "maxwelfare_cost" && cells[1] != "maxwelfare_card")) continue;
    CAPTURE(line.substr(0, 80));
    const auto e = ppb::io::read_pabulib(std::string(PPB_SHARED_DIR) + "/pabulib/" + cells[0]);
    const auto s = cells[1] == "maxwelfare_cost" ? satisfaction_kind::cost : satisfaction_kind::cardinality;
    const auto r = ppb::tally::max_welfare_detailed(e.inst, e.prof, {s, ppb::tie_break::lexicographic()});
    CHECK(r.proven_optimal);
    const auto want = split_cells(cells[2], ',');
    CHECK(welfare_ids(e.inst, r.result.selected) == std::set<std::string>(want.begin(), want.end()));
    ++compared;
  }
  CHECK(compared == 24);
}

TEST_CASE("max-welfare: outcome does not change when voters are permuted or identical ballots merged") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    spec.projects = 15;
    spec.voters = 60;
    spec.max_cost = 10;
    const auto e = ppb::testing::random_election(seed, spec);
    std::vector<std::size_t> order(e.prof.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
    ppb::profile shuffled(e.prof.kind());
    for (auto i : order) shuffled.add(e.prof[i].items, e.prof[i].points, e.prof[i].weight);
    for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality}) {
      const auto base = ppb::tally::max_utilitarian_welfare(e.inst, e.prof, {s});
      CHECK(ppb::tally::max_utilitarian_welfare(e.inst, shuffled, {s}).selected == base.selected);
      CHECK(ppb::tally::max_utilitarian_welfare(e.inst, e.prof.merge_identical(), {s}).selected == base.selected);
    }
  }
}

TEST_CASE("max-welfare: run by name through tally::run") {
  const auto e = ppb::testing::random_election(3);
  ppb::rule_options o;
  o.rule = "max-welfare";
  o.satisfaction = satisfaction_kind::cost;
  const auto out = ppb::tally::run(e.inst, e.prof, o);
  CHECK(out.rule == "max-welfare");
  CHECK(out.satisfaction == "cost");
  CHECK(out.selected == ppb::tally::max_utilitarian_welfare(e.inst, e.prof, {satisfaction_kind::cost, o.tie}).selected);
}
