// Method of Equal Shares: hand-worked cases (ρ, payments, completions, comparison), a direct
// per-voter implementation of the definition on random elections, pabutools' reference outcomes,
// and invariances.
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic ignored "-Wrestrict"  // GCC bug 105329, see max_welfare_test.cpp
#endif
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "ppb/ppb.hpp"
#include "support/random_election.hpp"
#include "support/reference.hpp"

namespace {

using ppb::mes_completion;
using ppb::project_index;
using ppb::rational;
using ppb::satisfaction_kind;

auto ids(const ppb::instance& inst, const std::vector<project_index>& ps) -> std::set<std::string> {
  std::set<std::string> s;
  for (auto p : ps) s.insert(inst[p].id);
  return s;
}

auto make_instance(ppb::money budget, const std::vector<std::pair<std::string, ppb::money>>& projects,
                   ppb::vote_type kind = ppb::vote_type::approval) -> ppb::instance {
  ppb::instance inst;
  inst.budget = budget;
  inst.kind = kind;
  for (const auto& [id, cost] : projects) inst.add({.id = id, .cost = cost});
  return inst;
}

auto mes(const ppb::instance& inst, const ppb::profile& prof, satisfaction_kind s, const std::string& completion = "none",
         bool comparison = false) -> ppb::mes_result {
  ppb::mes_options o;
  o.satisfaction = s;
  o.completion = ppb::parse_mes_completion(completion);
  o.comparison = comparison;
  return ppb::tally::method_of_equal_shares_detailed(inst, prof, o);
}

// Four voters, budget 100 (25 each): a (60) by v1-v3, b (40) by v1, c (30) by v4.
struct small_city {
  ppb::instance inst = make_instance(100, {{"a", 60}, {"b", 40}, {"c", 30}});
  ppb::profile prof;
  small_city() {
    for (const std::vector<project_index>& b : std::vector<std::vector<project_index>>{{0, 1}, {0}, {0}, {2}}) prof.add(b);
  }
};

}  // namespace

TEST_CASE("mes: the supporters of the cheapest share pay equally, unaffordable projects are not funded") {
  small_city c;
  const auto r = mes(c.inst, c.prof, satisfaction_kind::cost);
  CHECK(ids(c.inst, r.result.selected) == std::set<std::string>{"a"});
  REQUIRE(r.rounds.size() == 1);
  CHECK(r.rounds[0].rho == rational(1, 3));  // each of 3 pays 20 = ρ × cost 60
  CHECK(r.rounds[0].share == 20);
  CHECK(r.rounds[0].full_payers == 3);
  CHECK(r.rounds[0].all_in_payers == 0);
  CHECK(r.per_voter_budget == 25);
  CHECK(r.result.spent == 60);
  CHECK(r.result.rule == "mes");
  CHECK(r.result.satisfaction == "cost");
  CHECK(r.supporters_left[1] == 5);   // v1 has 5 of b's 40
  CHECK(r.supporters_left[2] == 25);  // v4 has 25 of c's 30
  // b and c: their supporters never had their cost, so no ρ.
  CHECK(r.result.projects[1].reason ==
        "not affordable: its 1 supporters had 5 left at the end, 35 short of its cost 40; they never had enough, not even "
        "at the start (25 each)");
  CHECK(r.last_rho[1] == 0);
  CHECK_FALSE(r.last_affordable[1].has_value());
  CHECK(r.result.projects[0].reason == "round 1: lowest ρ = 1/3; its supporters paid its cost 60: 3 paid 20 each");
  CHECK(r.result.projects[0].support == ppb::fraction{1, 3});
}

TEST_CASE("mes: completions add1, add1-exhaustive, greedy and their chains") {
  small_city c;
  // add1: 25, 26, … per voter; at 30 v4 affords c; at 60 v1 could afford b too, which would cost
  // 130 > 100, so 59 is the last endowment that fits.
  const auto add1 = mes(c.inst, c.prof, satisfaction_kind::cost, "add1");
  CHECK(ids(c.inst, add1.result.selected) == std::set<std::string>{"a", "c"});
  CHECK(add1.per_voter_budget == 59);
  CHECK(add1.budget_steps == 34);
  // add1-exhaustive stops at the first exhaustive outcome: {a, c} at 30 (b no longer fits).
  const auto exhaustive = mes(c.inst, c.prof, satisfaction_kind::cost, "add1-exhaustive");
  CHECK(ids(c.inst, exhaustive.result.selected) == std::set<std::string>{"a", "c"});
  CHECK(exhaustive.per_voter_budget == 30);
  CHECK(exhaustive.budget_steps == 5);
  // greedy fills the 40 MES left: b and c have one supporter each, b first by id, and fits.
  const auto greedy = mes(c.inst, c.prof, satisfaction_kind::cost, "greedy");
  CHECK(ids(c.inst, greedy.result.selected) == std::set<std::string>{"a", "b"});
  CHECK(greedy.mes_selected == std::vector<project_index>{0});
  CHECK(greedy.result.spent == 100);
  CHECK(greedy.result.projects[1].reason.starts_with("greedy completion (support 1): "));
  const auto chain = mes(c.inst, c.prof, satisfaction_kind::cost, "add1+greedy");
  CHECK(ids(c.inst, chain.result.selected) == std::set<std::string>{"a", "c"});  // b does not fit in 10
  CHECK(chain.result.notes.front() == "completion add1+greedy");
}

TEST_CASE("mes: the comparison step keeps MES unless strictly more voters prefer greedy") {
  small_city c;
  // MES {a} vs greedy by votes {a, b}: v1 prefers greedy, nobody prefers MES.
  const auto r = mes(c.inst, c.prof, satisfaction_kind::cost, "none", true);
  CHECK(r.comparison_chose_greedy);
  CHECK(r.prefer_greedy == 1);
  CHECK(r.prefer_mes == 0);
  CHECK(ids(c.inst, r.result.selected) == std::set<std::string>{"a", "b"});
  CHECK(r.result.rule == "mes");
  CHECK(r.result.notes.back() ==
        "comparison: 1 voters have more funded projects under greedy, 0 under MES, so the greedy outcome (by votes) "
        "replaces MES");
  // add1 funds {a, c}: v1 prefers greedy {a, b}, v4 prefers MES: a tie, and MES stands.
  const auto tie = mes(c.inst, c.prof, satisfaction_kind::cost, "add1", true);
  CHECK_FALSE(tie.comparison_chose_greedy);
  CHECK(tie.prefer_greedy == 1);
  CHECK(tie.prefer_mes == 1);
  CHECK(ids(c.inst, tie.result.selected) == std::set<std::string>{"a", "c"});
}

TEST_CASE("mes: a supporter who cannot pay the equal share pays all they have") {
  // Budget 30, 10 each. Cardinality: x (5, v1) has ρ 5 < y's 7 (21 by three), so x first; then v1
  // has 5 < 7 and pays it all, and v2, v3 pay (21 − 5) / 2 = 8.
  const auto inst = make_instance(30, {{"x", 5}, {"y", 21}});
  ppb::profile prof;
  prof.add(std::vector<project_index>{0, 1});
  prof.add(std::vector<project_index>{1});
  prof.add(std::vector<project_index>{1});
  const auto r = mes(inst, prof, satisfaction_kind::cardinality);
  CHECK(r.result.selected == std::vector<project_index>{0, 1});
  REQUIRE(r.rounds.size() == 2);
  CHECK(r.rounds[0].rho == 5);
  CHECK(r.rounds[1].rho == 8);
  CHECK(r.rounds[1].full_payers == 2);
  CHECK(r.rounds[1].all_in_payers == 1);
  CHECK(r.rounds[1].all_in_paid == 5);
  CHECK(r.result.projects[1].reason ==
        "round 2: lowest ρ = 8; its supporters paid its cost 21: 2 paid 8 each, 1 paid all they had left (5 together)");
  // By cost, y (ρ 1/3) comes first and leaves v1 3 < 5: x is not funded.
  const auto by_cost = mes(inst, prof, satisfaction_kind::cost);
  CHECK(by_cost.result.selected == std::vector<project_index>{1});
}

TEST_CASE("mes: points satisfaction charges by points, and the poor pay all") {
  // Cumulative: v1 gives a 3 points, v2 gives 1; a costs 8; 5 each. ρ 2 would charge v1 6 > 5, so
  // v1 pays 5 and v2 pays the remaining 3: ρ = 3.
  const auto inst = make_instance(10, {{"a", 8}}, ppb::vote_type::cumulative);
  ppb::profile prof(ppb::vote_type::cumulative);
  prof.add(std::vector<project_index>{0}, std::vector<std::int64_t>{3});
  prof.add(std::vector<project_index>{0}, std::vector<std::int64_t>{1});
  const auto r = mes(inst, prof, satisfaction_kind::points);
  REQUIRE(r.rounds.size() == 1);
  CHECK(r.rounds[0].rho == 3);
  CHECK(r.rounds[0].all_in_payers == 1);
  CHECK(r.rounds[0].full_payers == 1);
  CHECK(r.result.projects[0].reason.ends_with("1 paid 3 per point, 1 paid all they had left (5 together)"));
}

TEST_CASE("mes: free projects with supporters are funded first, projects nobody supports never") {
  const auto inst = make_instance(10, {{"free", 0}, {"lonely", 1}, {"a", 4}});
  ppb::profile prof;
  prof.add(std::vector<project_index>{0, 2});
  prof.add(std::vector<project_index>{2});
  const auto r = mes(inst, prof, satisfaction_kind::cost, "add1-exhaustive");
  CHECK(r.result.selected.front() == 0);
  CHECK(ids(inst, r.result.selected) == std::set<std::string>{"free", "a"});
  CHECK(r.result.projects[1].reason == "nobody supports it");
  CHECK(r.result.projects[0].reason == "costs nothing and 1 voters support it: funded first");
}

TEST_CASE("mes: completion names and bad options") {
  CHECK(ppb::parse_mes_completion("none").empty());
  CHECK(ppb::parse_mes_completion("add1-exhaustive+greedy") ==
        std::vector<mes_completion>{mes_completion::add1_exhaustive, mes_completion::greedy});
  CHECK_THROWS_WITH_AS(ppb::parse_mes_completion("greedy+add1"),
                       "[ppb.usage_error.200] completion 'greedy+add1': greedy can only come last", ppb::usage_error);
  CHECK_THROWS_AS(ppb::parse_mes_completion("add1+add1-exhaustive"), ppb::usage_error);
  CHECK_THROWS_AS(ppb::parse_mes_completion("add2"), ppb::usage_error);
  CHECK_THROWS_AS(ppb::parse_mes_completion(""), ppb::usage_error);
  ppb::profile ordinal(ppb::vote_type::ordinal);
  ordinal.add(std::vector<project_index>{0});
  const auto inst = make_instance(10, {{"a", 4}}, ppb::vote_type::ordinal);
  CHECK_THROWS_AS(mes(inst, ordinal, satisfaction_kind::points), ppb::usage_error);
  ppb::rule_options greedy_with_completion;
  greedy_with_completion.completion = "add1";
  CHECK_THROWS_AS(ppb::tally::run(inst, ordinal, greedy_with_completion), ppb::usage_error);
}

namespace {

// The definition, voter by voter, as pabutools' naive_mes and mes_inner_algo state it: no groups,
// no lazy scan. Returns the funded projects in order.
// `last_rho`, if given, gets each project's ρ at the last round it was affordable (0 if never).
auto direct_mes(const ppb::instance& inst, const ppb::profile& prof, satisfaction_kind s, const rational& endowment,
                const std::vector<std::uint32_t>& priority, std::vector<rational>* last_rho = nullptr)
    -> std::vector<project_index> {
  if (last_rho) last_rho->assign(inst.size(), rational(0));
  const auto n = inst.size();
  std::vector<rational> left;
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> supporters(n);  // (voter, utility)
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto b = prof[i];
    for (std::uint64_t copy = 0; copy < b.weight; ++copy) {
      const auto v = left.size();
      left.push_back(endowment);
      for (std::size_t j = 0; j < b.items.size(); ++j) {
        const auto p = b.items[j];
        std::int64_t u = s == satisfaction_kind::cost ? inst[p].cost : 1;
        if (s == satisfaction_kind::points && !b.points.empty()) u = b.points[j];
        if (u > 0) supporters[p].push_back({v, u});
      }
    }
  }
  std::vector<project_index> funded;
  std::vector<bool> open(n, false);
  for (project_index p = 0; p < n; ++p) {
    if (supporters[p].empty()) continue;
    if (inst[p].cost == 0) funded.push_back(p);
    else open[p] = true;
  }
  for (;;) {
    std::optional<project_index> best;
    rational best_rho;
    for (project_index p = 0; p < n; ++p) {
      if (!open[p]) continue;
      auto sup = supporters[p];
      rational total = 0;
      for (auto [v, u] : sup) total += left[v];
      if (total < inst[p].cost) {
        open[p] = false;
        continue;
      }
      std::sort(sup.begin(), sup.end(), [&](auto a, auto b) { return left[a.first] / a.second < left[b.first] / b.second; });
      rational paid = 0, den = 0;
      for (auto [v, u] : sup) den += u;
      for (auto [v, u] : sup) {
        const rational rho = (inst[p].cost - paid) / den;
        if (rho * u <= left[v]) {
          if (last_rho) (*last_rho)[p] = rho;  // per unit of utility, as ppb's ρ
          if (!best || rho < best_rho || (rho == best_rho && priority[p] < priority[*best])) {
            best = p;
            best_rho = rho;
          }
          break;
        }
        paid += left[v];
        den -= u;
      }
    }
    if (!best) return funded;
    open[*best] = false;
    funded.push_back(*best);
    for (auto [v, u] : supporters[*best]) left[v] -= std::min(left[v], rational(best_rho * u));
  }
}

}  // namespace

TEST_CASE("mes: equals the per-voter definition on random elections (every vote type and satisfaction)") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    const ppb::vote_type kinds[] = {ppb::vote_type::approval, ppb::vote_type::choose_1, ppb::vote_type::cumulative,
                                    ppb::vote_type::scoring};
    spec.kind = kinds[seed % 4];
    spec.projects = 3 + seed % 7;
    spec.voters = 5 + seed % 23;
    spec.max_cost = seed % 3 == 0 ? 6 : 90;  // small costs: many exact ties
    const auto e = ppb::testing::random_election(seed, spec);
    const auto priority = ppb::tie_break::lexicographic().priority(e.inst, ppb::totals(e.inst, e.prof).supporters);
    for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality, satisfaction_kind::points}) {
      CAPTURE(ppb::satisfaction_name(s));
      const auto r = mes(e.inst, e.prof, s);
      std::vector<rational> direct_rho;
      CHECK(r.result.selected ==
            direct_mes(e.inst, e.prof, s, rational(e.inst.budget, e.prof.voters()), priority, &direct_rho));
      // Every unfunded project's ρ is the one it needed when it was last affordable, as the
      // definition (which evaluates every project every round) computes it.
      for (project_index p = 0; p < e.inst.size(); ++p) {
        CAPTURE(p);
        if (r.result.is_funded(p)) continue;
        CHECK(r.last_rho[p] == direct_rho[p]);
        CHECK(r.last_affordable[p].has_value() == !direct_rho[p].is_zero());
      }
      CHECK(r.result.spent <= e.inst.budget);
      for (const auto& rd : r.rounds) CHECK(rd.rho > 0);
      // add1: the result fits, and one more unit per voter would not (or everything is funded).
      const auto add1 = mes(e.inst, e.prof, s, "add1");
      CHECK(add1.result.spent <= e.inst.budget);
      const auto next = direct_mes(e.inst, e.prof, s, add1.per_voter_budget + 1, priority);
      ppb::money next_cost = 0;
      for (auto p : next) next_cost += e.inst[p].cost;
      CHECK((next_cost > e.inst.budget || next.size() == add1.result.selected.size()));
      CHECK(add1.result.selected == direct_mes(e.inst, e.prof, s, add1.per_voter_budget, priority));
      // greedy completion is exhaustive.
      const auto full = mes(e.inst, e.prof, s, "add1-exhaustive+greedy");
      for (project_index p = 0; p < e.inst.size(); ++p)
        if (!full.result.is_funded(p)) CHECK(e.inst[p].cost > e.inst.budget - full.result.spent);
    }
  }
}

TEST_CASE("mes: outcome does not change when voters are permuted or identical ballots merged") {
  for (std::uint64_t seed = 100; seed < 120; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    spec.kind = seed % 2 ? ppb::vote_type::approval : ppb::vote_type::cumulative;
    spec.voters = 40;
    const auto e = ppb::testing::random_election(seed, spec);
    ppb::profile reversed(e.prof.kind());
    for (std::size_t i = e.prof.size(); i-- > 0;) reversed.add(e.prof[i].items, e.prof[i].points);
    for (auto s : {satisfaction_kind::cost, satisfaction_kind::points}) {
      ppb::mes_options o;
      o.satisfaction = s;
      o.completion = ppb::parse_mes_completion("add1+greedy");
      const auto a = ppb::tally::method_of_equal_shares(e.inst, e.prof, o);
      CHECK(ppb::tally::method_of_equal_shares(e.inst, reversed, o).selected == a.selected);
      CHECK(ppb::tally::method_of_equal_shares(e.inst, e.prof.merge_identical(), o).selected == a.selected);
    }
  }
}

TEST_CASE("mes: every pabutools row of expected.tsv (ties lexicographic)") {
  struct variant {
    const char* rule;
    satisfaction_kind s;
    const char* completion;
    bool comparison;
  };
  const variant variants[] = {
      {"mes_cost", satisfaction_kind::cost, "none", false},
      {"mes_card", satisfaction_kind::cardinality, "none", false},
      {"mes_points", satisfaction_kind::points, "none", false},
      {"mes_cost_add1", satisfaction_kind::cost, "add1-exhaustive", false},
      {"mes_cost_add1_greedy", satisfaction_kind::cost, "add1-exhaustive+greedy", false},
      {"mes_cost_add1_cmp", satisfaction_kind::cost, "add1-exhaustive", true},
      {"mes_cost_add1_int", satisfaction_kind::cost, "add1", false},
      {"mes_cost_add1_int_cmp", satisfaction_kind::cost, "add1", true},
  };
  std::size_t compared = 0;
  for (const auto& v : variants) {
    for (const auto& row : ppb::testing::expected_rows(v.rule)) {
      CAPTURE(row.file);
      CAPTURE(row.rule);
      const auto e = ppb::io::read_pabulib(ppb::testing::shared_pabulib_dir() / row.file);
      ppb::mes_options o;
      o.satisfaction = v.s;
      o.tie = ppb::tie_break::lexicographic();
      o.completion = ppb::parse_mes_completion(v.completion);
      o.comparison = v.comparison;
      CHECK(ids(e.inst, ppb::tally::method_of_equal_shares(e.inst, e.prof, o).selected) == row.winners);
      ++compared;
    }
  }
  CHECK(compared == 75);  // every MES row but pabutools' TIMEOUT and UNSUPPORTED ones
}

TEST_CASE("mes: run by name, satisfaction cost unless given") {
  small_city c;
  ppb::rule_options o;
  o.rule = "mes";
  o.tie = ppb::tie_break::lexicographic();
  const auto by_cost = ppb::tally::run(c.inst, c.prof, o);
  CHECK(by_cost.satisfaction == "cost");
  o.satisfaction = satisfaction_kind::cardinality;
  o.satisfaction_given = true;
  o.completion = "add1";
  o.comparison = true;
  const auto r = ppb::tally::run(c.inst, c.prof, o);
  CHECK(r.satisfaction == "cardinality");
  CHECK(r.notes.front() == "completion add1");
}

TEST_CASE("mes: an unfunded project's reason gives the ρ it needed when its supporters last could afford it") {
  // Four voters, 30 each. a (40) by all: ρ 1/4. c (50) by v2-v4: ρ 1/3. b (36) by v1, v2: ρ 1/2.
  // a, then c win; b's ρ was never the best, so the scan never computed it while affordable.
  // After round 1 v1 and v2 have 20 each and b needs 18 each, ρ = 1/2; round 2 (c) leaves v2
  // 10/3, and 20 + 10/3 < 36.
  const auto inst = make_instance(120, {{"a", 40}, {"b", 36}, {"c", 50}});
  ppb::profile prof;
  prof.add(std::vector<project_index>{0, 1});
  prof.add(std::vector<project_index>{0, 1, 2});
  prof.add(std::vector<project_index>{0, 2});
  prof.add(std::vector<project_index>{0, 2});
  const auto r = mes(inst, prof, satisfaction_kind::cost);
  CHECK(r.result.selected == std::vector<project_index>{0, 2});
  CHECK(r.last_rho[1] == rational(1, 2));
  REQUIRE(r.last_affordable[1].has_value());
  CHECK(*r.last_affordable[1] == 1);
  CHECK(r.supporters_left[1] == rational(70, 3));
  CHECK(r.result.projects[1].reason ==
        "not affordable: its 2 supporters had ≈23 left at the end, ≈13 short of its cost 36; it would have needed "
        "ρ = 1/2 in round 2, which c won at ρ = 1/3, and after its payments they could no longer pay it");
  CHECK(r.result.projects[1].support == ppb::fraction{1, 2});
  // Funded projects keep the ρ they were funded at, and have no "last affordable" round.
  CHECK(r.last_rho[0] == rational(1, 4));
  CHECK(r.last_rho[2] == rational(1, 3));
  CHECK_FALSE(r.last_affordable[0].has_value());
  // Three voters: b (50, by v1, v2) needed ρ 1/2 before round 1, which a (60, all) won at 1/3.
  const auto inst2 = make_instance(90, {{"a", 60}, {"b", 50}});
  ppb::profile prof2;
  prof2.add(std::vector<project_index>{0, 1});
  prof2.add(std::vector<project_index>{0, 1});
  prof2.add(std::vector<project_index>{0});
  const auto r2 = mes(inst2, prof2, satisfaction_kind::cost);
  CHECK(r2.result.selected == std::vector<project_index>{0});
  CHECK(r2.last_rho[1] == rational(1, 2));
  CHECK(r2.last_affordable[1] == std::optional<std::uint32_t>{0});
  CHECK(r2.result.projects[1].reason.ends_with("it would have needed ρ = 1/2 in round 1, which a won at ρ = 1/3, and after "
                                               "its payments they could no longer pay it"));
}

TEST_CASE("mes: every unfunded project of a real election says what ρ it needed or that it was never affordable") {
  for (const char* file : {"Poland_Wieliczka_2023_Green_Budget.pb", "Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb"}) {
    CAPTURE(file);
    const auto e = ppb::io::read_pabulib(ppb::testing::shared_pabulib_dir() / file);
    const auto r = mes(e.inst, e.prof, satisfaction_kind::cost);
    std::size_t with_rho = 0, never = 0;
    const rational endowment = r.per_voter_budget;
    const auto t = ppb::totals(e.inst, e.prof);
    for (project_index p = 0; p < e.inst.size(); ++p) {
      CAPTURE(e.inst[p].id);
      const auto& reason = r.result.projects[p].reason;
      if (r.result.is_funded(p) || t.supporters[p] == 0) continue;
      CHECK(r.supporters_left[p] < e.inst[p].cost);
      if (const auto last = r.last_affordable[p]) {
        ++with_rho;
        // The round that put it out of reach was won at a ρ no larger than the one it needed.
        REQUIRE(*last < r.rounds.size());
        CHECK(r.last_rho[p] >= r.rounds[*last].rho);
        CHECK(reason.find("it would have needed ρ = ") != std::string::npos);
      } else {
        ++never;
        // Never affordable: its supporters' endowments together were below its cost.
        CHECK(endowment * t.supporters[p] < e.inst[p].cost);
        CHECK(reason.ends_with(" each)"));
      }
    }
    CHECK(with_rho > 0);
    if (std::string(file).starts_with("Poland_Wieliczka")) CHECK(with_rho + never == 43);
  }
}

namespace {

// Replays every MES round voter by voter from the recorded shares: each supporter of the round's
// project pays share × k or, if that is more than they have, all they have. The engine's record
// must agree with the replay (who paid in full, who paid all, what they paid), the payments must
// add up to the cost exactly, and no balance ever goes below zero. Supporters with nothing left
// pay nothing and are counted neither as full nor as all-in payers. Checks the money left at the
// end for every project too.
void check_payments(const ppb::instance& inst, const ppb::profile& prof, satisfaction_kind s, const ppb::mes_result& r) {
  std::vector<rational> left;
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> supporters(inst.size());  // (voter, k)
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto b = prof[i];
    for (std::uint64_t copy = 0; copy < b.weight; ++copy) {
      const auto v = left.size();
      left.push_back(r.per_voter_budget);
      for (std::size_t j = 0; j < b.items.size(); ++j) {
        const std::int64_t k = s == satisfaction_kind::points && !b.points.empty() ? b.points[j] : 1;
        if (k > 0) supporters[b.items[j]].push_back({v, k});
      }
    }
  }
  for (std::size_t i = 0; i < r.rounds.size(); ++i) {
    CAPTURE(i);
    const auto& rd = r.rounds[i];
    CHECK(rd.share * rd.full_units + rd.all_in_paid == inst[rd.project].cost);
    std::uint64_t full = 0, full_units = 0, all_in = 0;
    rational all_in_paid = 0, paid = 0;
    for (const auto& supporter : supporters[rd.project]) {  // no structured binding: clang 14 and CHECK
      const auto v = supporter.first;
      const auto k = supporter.second;
      const rational due = rd.share * k;
      if (left[v] == 0) continue;  // nothing left: pays nothing, counted neither way
      if (due <= left[v]) {
        ++full;
        full_units += static_cast<std::uint64_t>(k);
        left[v] -= due;
        paid += due;
      } else {
        ++all_in;
        all_in_paid += left[v];
        paid += left[v];
        left[v] = 0;
      }
      CHECK(left[v] >= 0);
    }
    CHECK(paid == inst[rd.project].cost);
    CHECK(full == rd.full_payers);
    CHECK(full_units == rd.full_units);
    CHECK(all_in == rd.all_in_payers);
    CHECK(all_in_paid == rd.all_in_paid);
  }
  for (project_index p = 0; p < inst.size(); ++p) {
    rational total = 0;
    for (auto [v, k] : supporters[p]) total += left[v];
    CHECK(total == r.supporters_left[p]);
  }
}

}  // namespace

TEST_CASE("mes: each round's payments add up to the cost exactly and no balance goes negative (random elections)") {
  for (std::uint64_t seed = 200; seed < 260; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    const ppb::vote_type kinds[] = {ppb::vote_type::approval, ppb::vote_type::choose_1, ppb::vote_type::cumulative,
                                    ppb::vote_type::scoring};
    spec.kind = kinds[seed % 4];
    spec.projects = 3 + seed % 9;
    spec.voters = 5 + seed % 31;
    spec.max_cost = seed % 3 == 0 ? 6 : 90;
    const auto e = ppb::testing::random_election(seed, spec);
    for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality, satisfaction_kind::points}) {
      CAPTURE(ppb::satisfaction_name(s));
      check_payments(e.inst, e.prof, s, mes(e.inst, e.prof, s));
      check_payments(e.inst, e.prof, s, mes(e.inst, e.prof, s, "add1"));
    }
  }
}

TEST_CASE("mes: each round's payments add up to the cost exactly and no balance goes negative (real elections)") {
  for (const char* file : {"Poland_Wieliczka_2023_Green_Budget.pb", "Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb",
                           "France_Toulouse_2019.pb"}) {
    CAPTURE(file);
    const auto e = ppb::io::read_pabulib(ppb::testing::shared_pabulib_dir() / file);
    for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality}) {
      CAPTURE(ppb::satisfaction_name(s));
      const auto r = mes(e.inst, e.prof, s, "add1");
      CHECK(r.rounds.size() > 1);
      check_payments(e.inst, e.prof, s, r);
    }
  }
}
