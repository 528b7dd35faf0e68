// Sequential Phragmén: hand-worked cases, pabutools' reference outcomes on real elections, a
// direct per-voter re-implementation on random tiny elections, and invariances.
// GCC 12 reports a false -Wrestrict inside std::string's operator+ once random_election() is
// inlined here (GCC bug 105329); the warning must be off before any standard header.
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include <doctest/doctest.h>

#include <boost/multiprecision/gmp.hpp>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "ppb/ppb.hpp"
#include "support/random_election.hpp"

namespace {

using ppb::project_index;
using q = boost::multiprecision::mpq_rational;

auto ids(const ppb::instance& inst, const std::vector<project_index>& ps) -> std::set<std::string> {
  std::set<std::string> s;
  for (auto p : ps) s.insert(inst[p].id);
  return s;
}

auto split(const std::string& text, char sep) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(text);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  return out;
}

// Rows of pabulib/expected.tsv for one rule: (file, winners).
auto expected_rows(const std::string& rule) -> std::vector<std::pair<std::string, std::string>> {
  std::ifstream in(std::string(PPB_SHARED_DIR) + "/pabulib/expected.tsv");
  REQUIRE(in.good());
  std::vector<std::pair<std::string, std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    const auto cells = split(line, '\t');
    if (cells.size() >= 3 && cells[1] == rule) rows.emplace_back(cells[0], cells[2]);
  }
  return rows;
}

// Sequential Phragmén written straight from its definition, one load per voter (weights
// expanded), exact rationals, pabutools' stopping rule.
auto direct_phragmen(const ppb::instance& inst, const ppb::profile& prof, const ppb::tie_break& tie)
    -> std::vector<project_index> {
  std::vector<std::vector<project_index>> voters;
  for (std::size_t i = 0; i < prof.size(); ++i)
    for (std::uint64_t k = 0; k < prof[i].weight; ++k) voters.emplace_back(prof[i].items.begin(), prof[i].items.end());
  const auto t = ppb::totals(inst, prof);
  const auto priority = tie.priority(inst, t.supporters);
  std::vector<q> load(voters.size(), q(0));
  std::vector<bool> open(inst.size());
  for (project_index p = 0; p < inst.size(); ++p) open[p] = inst[p].cost <= inst.budget;
  ppb::money left = inst.budget;
  std::vector<project_index> funded;
  for (;;) {
    std::vector<std::pair<std::optional<q>, project_index>> cand;  // nullopt = infinite
    for (project_index p = 0; p < inst.size(); ++p) {
      if (!open[p]) continue;
      q sum = inst[p].cost;
      std::int64_t n = 0;
      for (std::size_t v = 0; v < voters.size(); ++v)
        if (std::find(voters[v].begin(), voters[v].end(), p) != voters[v].end()) {
          sum += load[v];
          ++n;
        }
      cand.emplace_back(n == 0 ? std::nullopt : std::optional<q>(sum / n), p);
    }
    if (cand.empty()) break;
    const auto less = [](const std::optional<q>& a, const std::optional<q>& b) { return a && (!b || *a < *b); };
    auto best = cand.front().first;
    for (const auto& c : cand)
      if (less(c.first, best)) best = c.first;
    std::vector<project_index> tied;
    for (const auto& c : cand)
      if (!less(best, c.first)) tied.push_back(c.second);
    bool stop = false;
    for (auto p : tied) stop = stop || inst[p].cost > left;
    if (stop) break;
    const auto chosen = *std::min_element(tied.begin(), tied.end(), [&](auto a, auto b) { return priority[a] < priority[b]; });
    open[chosen] = false;
    left -= inst[chosen].cost;
    funded.push_back(chosen);
    if (best)
      for (std::size_t v = 0; v < voters.size(); ++v)
        if (std::find(voters[v].begin(), voters[v].end(), chosen) != voters[v].end()) load[v] = *best;
  }
  return funded;
}

auto make_instance(std::initializer_list<std::pair<const char*, ppb::money>> projects, ppb::money budget) -> ppb::instance {
  ppb::instance inst;
  inst.budget = budget;
  for (const auto& [id, cost] : projects) inst.add({.id = id, .cost = cost});
  return inst;
}

void add(ppb::profile& prof, std::initializer_list<project_index> items, std::uint64_t times = 1) {
  const std::vector<project_index> v(items);
  for (std::uint64_t k = 0; k < times; ++k) prof.add(v);
}

}  // namespace

TEST_CASE("phragmen: hand-worked election, loads in the trace") {
  // a (3): 3 voters; b (2) and c (2): 2 voters approve both, 1 approves only c. Budget 5.
  // Round 1: c at load 2/3. Round 2: a at 1 (b would need (2·2/3 + 2)/2 = 5/3). Round 3: b at
  // 5/3 does not fit in what is left (0): stop.
  const auto inst = make_instance({{"a", 3}, {"b", 2}, {"c", 2}}, 5);
  ppb::profile prof;
  add(prof, {0}, 3);
  add(prof, {1, 2}, 2);
  add(prof, {2});
  const auto out = ppb::tally::sequential_phragmen(inst, prof, {ppb::tie_break::lexicographic()});
  CHECK(out.rule == "phragmen");
  CHECK(out.selected == std::vector<project_index>{2, 0});
  CHECK(out.spent == 5);
  REQUIRE(out.trace.size() == 3);
  CHECK(out.trace[0].detail == "max load 2/3 for 3 supporters");
  CHECK(out.trace[1].detail == "max load 1 for 3 supporters");
  CHECK(out.trace[2].detail == "max load 5/3; does not fit, stop");
  CHECK(out.trace[2].action == ppb::project_status::skipped);
  CHECK(out.projects[2].support == ppb::fraction{2, 3});
  CHECK(out.projects[1].status == ppb::project_status::skipped);
  CHECK(out.projects[1].reason.find("the rule stops here") != std::string::npos);
  CHECK(out.projects[0].reason == "round 2: its 3 supporters' load rises to 1; costs 3, 0 left after");
}

TEST_CASE("phragmen: stops when a project of smallest load does not fit, even if a tied one would") {
  // r (2) with 4 voters: load 1/2, funded, 3 left. Then p (2, 2 voters) and q (4, 4 voters)
  // tie at load 1; q does not fit, so the rule stops although p would fit (pabutools).
  const auto inst = make_instance({{"r", 2}, {"p", 2}, {"q", 4}}, 5);
  ppb::profile prof;
  add(prof, {0}, 4);
  add(prof, {1}, 2);
  add(prof, {2}, 4);
  const auto out = ppb::tally::sequential_phragmen(inst, prof, {ppb::tie_break::lexicographic()});
  CHECK(out.selected == std::vector<project_index>{0});
  CHECK(out.projects[1].status == ppb::project_status::not_reached);
  CHECK(out.projects[2].status == ppb::project_status::skipped);
  CHECK(out.projects[2].support == ppb::fraction{1, 1});
}

TEST_CASE("phragmen: ties follow the tie-break and are recorded") {
  // y and x (file order) cost 2 each with one voter each; budget 2: only one is funded.
  const auto inst = make_instance({{"y", 2}, {"x", 2}}, 2);
  ppb::profile prof;
  add(prof, {0});
  add(prof, {1});
  const auto lex = ppb::tally::sequential_phragmen(inst, prof, {ppb::tie_break::lexicographic()});
  CHECK(lex.selected == std::vector<project_index>{1});
  REQUIRE(lex.ties.size() == 1);
  CHECK(lex.ties[0].projects == std::vector<project_index>{1, 0});
  CHECK(lex.ties[0].decided_by == std::vector<ppb::tie_criterion>{ppb::tie_criterion::lexicographic});
  CHECK(lex.ties[0].changed_outcome);
  const auto file = ppb::tally::sequential_phragmen(inst, prof, {ppb::tie_break::file_order()});
  CHECK(file.selected == std::vector<project_index>{0});
}

TEST_CASE("phragmen: projects nobody approves are funded only while every remaining one fits") {
  ppb::profile prof;
  add(prof, {0});
  const auto all_fit = make_instance({{"a", 1}, {"z", 1}, {"w", 2}}, 5);
  CHECK(ppb::tally::sequential_phragmen(all_fit, prof, {ppb::tie_break::lexicographic()}).selected ==
        std::vector<project_index>{0, 2, 1});
  const auto one_does_not = make_instance({{"a", 1}, {"z", 1}, {"w", 3}}, 3);
  CHECK(ppb::tally::sequential_phragmen(one_does_not, prof, {ppb::tie_break::lexicographic()}).selected ==
        std::vector<project_index>{0});
}

TEST_CASE("phragmen: projects dearer than the whole budget are never considered") {
  const auto inst = make_instance({{"big", 11}, {"a", 4}}, 10);
  ppb::profile prof;
  add(prof, {0}, 5);
  add(prof, {1});
  const auto out = ppb::tally::sequential_phragmen(inst, prof);
  CHECK(out.selected == std::vector<project_index>{1});
  CHECK(out.projects[0].reason == "costs 11, more than the whole budget 10: never considered");
}

TEST_CASE("phragmen: refuses ballots other than approval and choose-1") {
  for (auto kind : {ppb::vote_type::cumulative, ppb::vote_type::scoring, ppb::vote_type::ordinal}) {
    ppb::testing::random_spec spec;
    spec.kind = kind;
    const auto e = ppb::testing::random_election(1, spec);
    CHECK_THROWS_WITH_AS(ppb::tally::sequential_phragmen(e.inst, e.prof),
                         ("[ppb.usage_error.200] sequential Phragmén applies to approval and choose-1 ballots, not " +
                          std::string(ppb::vote_type_name(kind))).c_str(),
                         ppb::usage_error);
  }
}

TEST_CASE("phragmen: every pabutools row of expected.tsv (ties lexicographic)") {
  const auto rows = expected_rows("phragmen");
  REQUIRE(rows.size() >= 20);
  std::size_t compared = 0;
  for (const auto& row : rows) {
    const auto& [file, winners] = row;
    CAPTURE(row.first);  // clang 14 cannot capture a structured binding in CAPTURE's lambda
    const auto e = ppb::io::read_pabulib(std::string(PPB_SHARED_DIR) + "/pabulib/" + file);
    if (winners == "UNSUPPORTED") {
      CHECK_THROWS_AS(ppb::tally::sequential_phragmen(e.inst, e.prof), ppb::usage_error);
      continue;
    }
    const auto out = ppb::tally::sequential_phragmen(e.inst, e.prof, {ppb::tie_break::lexicographic()});
    const auto want = split(winners, ',');
    CHECK(ids(e.inst, out.selected) == std::set<std::string>(want.begin(), want.end()));
    CHECK(out.spent <= e.inst.budget);
    ++compared;
  }
  CHECK(compared == 14);
}

TEST_CASE("phragmen: equals the direct per-voter definition on random tiny elections") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    spec.projects = 2 + seed % 6;
    spec.voters = 1 + seed % 13;
    spec.max_cost = seed % 3 == 0 ? 6 : 40;  // small costs: many exact ties
    spec.kind = seed % 4 == 0 ? ppb::vote_type::choose_1 : ppb::vote_type::approval;
    const auto e = ppb::testing::random_election(seed, spec);
    for (const auto& tie : {ppb::tie_break::lexicographic(), ppb::tie_break::standard()}) {
      const auto out = ppb::tally::sequential_phragmen(e.inst, e.prof, {tie});
      CHECK(out.selected == direct_phragmen(e.inst, e.prof, tie));
      CHECK(out.spent <= e.inst.budget);
      ppb::money sum = 0;
      for (auto p : out.selected) sum += e.inst[p].cost;
      CHECK(sum == out.spent);
    }
  }
}

TEST_CASE("phragmen: outcome does not change when voters are permuted or identical ballots merged") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    ppb::testing::random_spec spec;
    spec.projects = 12;
    spec.voters = 80;
    spec.max_cost = 20;
    const auto e = ppb::testing::random_election(seed, spec);
    std::vector<std::size_t> order(e.prof.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
    ppb::profile shuffled(e.prof.kind());
    for (auto i : order) shuffled.add(e.prof[i].items, e.prof[i].points, e.prof[i].weight);
    const auto base = ppb::tally::sequential_phragmen(e.inst, e.prof);
    CHECK(ppb::tally::sequential_phragmen(e.inst, shuffled).selected == base.selected);
    CHECK(ppb::tally::sequential_phragmen(e.inst, e.prof.merge_identical()).selected == base.selected);
  }
}

TEST_CASE("phragmen: run by name through tally::run") {
  const auto inst = make_instance({{"a", 3}, {"b", 2}, {"c", 2}}, 5);
  ppb::profile prof;
  add(prof, {0}, 3);
  add(prof, {1, 2}, 2);
  add(prof, {2});
  ppb::rule_options o;
  o.rule = "phragmen";
  CHECK(ppb::tally::run(inst, prof, o).selected == std::vector<project_index>{2, 0});
  o.satisfaction_given = true;
  CHECK_THROWS_WITH_AS(ppb::tally::run(inst, prof, o), "[ppb.usage_error.200] phragmen takes no satisfaction",
                       ppb::usage_error);
}
