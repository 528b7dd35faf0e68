#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

#include "ppb/io/pabulib.hpp"
#include "ppb/tally/greedy.hpp"
#include "ppb/tally/rule.hpp"
#include "support/random_election.hpp"
#include "support/reference.hpp"

using namespace ppb;

namespace {

auto make_instance(money budget, std::vector<money> costs) -> instance {
  instance inst;
  inst.budget = budget;
  for (std::size_t i = 0; i < costs.size(); ++i) inst.add({.id = std::string(1, static_cast<char>('a' + i)), .cost = costs[i]});
  return inst;
}

auto approvals(std::initializer_list<std::vector<project_index>> ballots) -> profile {
  profile prof;
  for (const auto& b : ballots) prof.add(b);
  return prof;
}

auto ids(const instance& inst, const outcome& out) -> std::string {
  std::string s;
  for (auto p : out.selected) s += inst[p].id;
  return s;
}

}  // namespace

TEST_CASE("greedy funds by votes, skips what does not fit and goes on") {
  // a: 3 votes, cost 60; b: 2 votes, cost 50 (does not fit after a); c: 1 vote, cost 40.
  const auto inst = make_instance(100, {60, 50, 40});
  const auto prof = approvals({{0, 1}, {0, 1}, {0, 2}});
  const auto out = tally::greedy(inst, prof);
  CHECK(ids(inst, out) == "ac");
  CHECK(out.spent == 100);
  CHECK(out.projects[1].status == project_status::skipped);
  CHECK(out.projects[1].reason == "does not fit: costs 50, only 40 left");
  CHECK(out.projects[0].votes == 3);
  CHECK(out.projects[1].rank == 2);
  REQUIRE(out.trace.size() == 3);
  CHECK(out.trace[0].budget_left == 40);
}

TEST_CASE("greedy-cost ranks by support per cost") {
  const auto inst = make_instance(100, {60, 50, 10});
  const auto prof = approvals({{0, 1}, {0, 1}, {0, 2}});
  greedy_options opts;
  opts.per_cost = true;
  // support per cost: a 3/60, b 2/50, c 1/10 → c, a (b no longer fits).
  const auto out = tally::greedy(inst, prof, opts);
  CHECK(ids(inst, out) == "ca");
  CHECK(out.rule == "greedy-cost");
  CHECK(out.projects[2].support == fraction{1, 10});
}

TEST_CASE("satisfactions: points, cost (supporters) and cardinality (supporters per cost)") {
  instance inst = make_instance(10, {10, 6, 4});
  inst.kind = vote_type::cumulative;
  profile prof(vote_type::cumulative);
  const project_index a[] = {0}, bc[] = {1, 2};
  const std::int64_t five[] = {5}, one_one[] = {1, 1};
  prof.add(a, five);
  prof.add(bc, one_one);
  prof.add(bc, one_one);
  greedy_options opts;
  CHECK(ids(inst, tally::greedy(inst, prof, opts)) == "a");  // a has 5 points, b and c 2 each
  opts.satisfaction = satisfaction_kind::cost;
  CHECK(ids(inst, tally::greedy(inst, prof, opts)) == "cb");  // b, c have 2 supporters; tie → cheaper c first
  opts.satisfaction = satisfaction_kind::cardinality;
  CHECK(ids(inst, tally::greedy(inst, prof, opts)) == "cb");  // 2/4 > 2/6 > 1/10
}

TEST_CASE("ordinal ballots score k, k-1, ..., 1 by rank") {
  instance inst = make_instance(10, {10, 10, 10});
  inst.kind = vote_type::ordinal;
  profile prof(vote_type::ordinal);
  const project_index r1[] = {2, 0, 1}, r2[] = {0, 2};
  prof.add(r1);
  prof.add(r2);
  const auto t = totals(inst, prof);
  CHECK(t.points == std::vector<std::int64_t>{2 + 2, 1, 3 + 1});
  // a and c tie on 4 points, cost and votes; the file's order decides.
  CHECK(ids(inst, tally::greedy(inst, prof)) == "a");
}

TEST_CASE("ties follow the named policy and are recorded with what decided them") {
  // Three projects with 2 votes each; budget fits two of them.
  const auto inst = make_instance(100, {50, 40, 50});
  const auto prof = approvals({{0, 1, 2}, {0, 1, 2}});
  greedy_options opts;  // default: min-cost, max-votes, file-order
  auto out = tally::greedy(inst, prof, opts);
  CHECK(ids(inst, out) == "ba");
  REQUIRE(out.ties.size() == 1);
  CHECK(out.ties[0].projects == std::vector<project_index>{1, 0, 2});
  CHECK(out.ties[0].decided_by == std::vector<tie_criterion>{tie_criterion::min_cost, tie_criterion::file_order});
  CHECK(out.ties[0].changed_outcome);

  opts.tie = tie_break::file_order();
  CHECK(ids(inst, tally::greedy(inst, prof, opts)) == "ab");
  opts.tie = tie_break::parse("lexicographic");
  CHECK(ids(inst, tally::greedy(inst, prof, opts)) == "ab");

  // A seeded lot is a fixed function of the seed and the ids.
  opts.tie = tie_break::parse("lot", 7);
  const auto first = ids(inst, tally::greedy(inst, prof, opts));
  CHECK(ids(inst, tally::greedy(inst, prof, opts)) == first);
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    opts.tie = tie_break::parse("lot", seed);
    seen.insert(ids(inst, tally::greedy(inst, prof, opts)));
  }
  CHECK(seen.size() > 1);  // different seeds draw different orders
}

TEST_CASE("lexicographic ties compare ids by code point, not as numbers") {
  instance inst;
  inst.budget = 10;
  inst.add({.id = "9", .cost = 10});
  inst.add({.id = "10", .cost = 10});
  const auto prof = approvals({{0, 1}});
  greedy_options opts;
  opts.tie = tie_break::lexicographic();
  CHECK(inst[tally::greedy(inst, prof, opts).selected.at(0)].id == "10");
}

TEST_CASE("unknown tie-break, satisfaction and rule names are refused") {
  CHECK_THROWS_AS(tie_break::parse("coin"), usage_error);
  CHECK_THROWS_AS(tie_break::parse("min-cost,,file-order"), usage_error);
  CHECK_THROWS_AS(parse_satisfaction("happiness"), usage_error);
  rule_options opts;
  opts.rule = "dictator";
  CHECK_THROWS_AS(tally::run(make_instance(1, {1}), approvals({{0}}), opts), usage_error);
}

TEST_CASE("zero support ranks last, positive support at zero cost ranks first per cost") {
  const auto inst = make_instance(10, {0, 10, 5});
  const auto prof = approvals({{0}, {1}, {1}});
  greedy_options opts;
  opts.satisfaction = satisfaction_kind::cardinality;
  const auto out = tally::greedy(inst, prof, opts);
  CHECK(out.projects[0].rank == 1);
  CHECK(out.projects[2].rank == 3);
  CHECK(ids(inst, out) == "ab");
}

TEST_CASE("greedy properties on random elections: within budget, exhaustive, permutation-invariant, totals over distinct rows") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    CAPTURE(seed);
    testing::random_spec spec;
    spec.kind = std::array{vote_type::approval, vote_type::cumulative, vote_type::ordinal, vote_type::choose_1}[seed % 4];
    const auto e = testing::random_election(seed, spec);
    // Counted over the distinct rows with their weights (as MES does), the totals are the same.
    const auto t = totals(e.inst, e.prof), by_distinct = totals(e.inst, e.prof, e.prof.find_distinct());
    CHECK(by_distinct.supporters == t.supporters);
    CHECK(by_distinct.points == t.points);
    for (auto sat : {satisfaction_kind::points, satisfaction_kind::cost, satisfaction_kind::cardinality}) {
      greedy_options opts;
      opts.satisfaction = sat;
      const auto out = tally::greedy(e.inst, e.prof, opts);
      money spent = 0;
      for (auto p : out.selected) spent += e.inst[p].cost;
      CHECK(spent == out.spent);
      CHECK(spent <= e.inst.budget);
      for (project_index p = 0; p < e.inst.size(); ++p)
        if (!out.is_funded(p)) CHECK(e.inst[p].cost > e.inst.budget - spent);  // exhaustive
      // Same ballots in another order: same outcome.
      std::vector<std::size_t> order(e.prof.size());
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
      profile shuffled(e.prof.kind());
      for (auto i : order) shuffled.add(e.prof[i].items, e.prof[i].points);
      CHECK(tally::greedy(e.inst, shuffled, opts).selected == out.selected);
      CHECK(tally::greedy(e.inst, e.prof.merge_identical(), opts).selected == out.selected);
    }
  }
}

TEST_CASE("greedy agrees with every greedy row of expected.tsv (pabutools 1.2.3)") {
  const std::map<std::string, satisfaction_kind> rules = {{"greedy_cost", satisfaction_kind::cost},
                                                          {"greedy_card", satisfaction_kind::cardinality},
                                                          {"greedy_score", satisfaction_kind::points}};
  std::size_t checked = 0;
  for (const auto& [name, sat] : rules) {
    for (const auto& row : testing::expected_rows(name)) {
      CAPTURE(row.file);
      CAPTURE(row.rule);
      const auto e = io::read_pabulib(testing::shared_pabulib_dir() / row.file);
      greedy_options opts;
      opts.satisfaction = sat;
      opts.tie = tie_break::lexicographic();
      CHECK(testing::winner_ids(e.inst, tally::greedy(e.inst, e.prof, opts)) == row.winners);
      ++checked;
    }
  }
  CHECK(checked == 52);
}

TEST_CASE("greedy reproduces the official outcome of every real election whose META rule is greedy") {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::shared_pabulib_dir())) {
    if (entry.path().extension() != ".pb") continue;
    const auto e = io::read_pabulib(entry.path());
    const auto* rule = e.inst.meta_value("rule");
    const auto official = testing::official_winners(e.inst);
    if (!rule || *rule != "greedy" || !official) continue;
    CAPTURE(entry.path().filename().string());
    greedy_options opts;
    opts.tie = tie_break::file_order();  // pabulib's checker: ties keep the file's order
    CHECK(testing::winner_ids(e.inst, tally::greedy(e.inst, e.prof, opts)) == *official);
    ++checked;
  }
  // Every greedy file with a `selected` column; none differs from the city's outcome.
  CHECK(checked == 5);
}

TEST_CASE("rule options: greedy-cost takes only points, a lot's seed is in the outcome, nothing else's") {
  const auto inst = make_instance(100, {60, 50, 10});
  const auto prof = approvals({{0, 1}, {0, 1}, {0, 2}});
  rule_options o;
  o.rule = "greedy-cost";
  o.satisfaction_given = true;
  for (auto s : {satisfaction_kind::cost, satisfaction_kind::cardinality}) {
    o.satisfaction = s;
    CHECK_THROWS_AS(tally::check_options(o), usage_error);
    CHECK_THROWS_AS((void)tally::run(inst, prof, o), usage_error);
  }
  o.satisfaction = satisfaction_kind::points;
  CHECK(ids(inst, tally::run(inst, prof, o)) == "ca");
  o.rule = "no-such-rule";
  CHECK_THROWS_WITH_AS(tally::check_options(o),
                       "[ppb.usage_error.200] unknown rule 'no-such-rule' (known: greedy, greedy-cost, greedy-threshold, "
                       "greedy-no-skip, greedy-exclusive, mes, phragmen, max-welfare, meta)",
                       usage_error);

  rule_options lot;
  lot.tie = tie_break::parse("min-cost,lot", 99);
  CHECK(tally::run(inst, prof, lot).seed == std::uint64_t{99});
  rule_options plain;
  plain.tie = tie_break::parse("file-order", 99);  // a seed no criterion reads is not reported
  CHECK(tally::run(inst, prof, plain).seed == std::nullopt);
}
