#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ppb/ballots/validation.hpp"

using namespace ppb;

namespace {

// Projects a (cost 30), b (cost 20), c (cost 10.50 at two decimal places), d (cost 5).
auto make_instance(vote_type kind, const ballot_rules& rules = {}) -> instance {
  instance inst;
  inst.kind = kind;
  inst.money_places = 2;
  inst.budget = 10000;
  inst.rules = rules;
  inst.add({.id = "a", .cost = 3000});
  inst.add({.id = "b", .cost = 2000});
  inst.add({.id = "c", .cost = 1050});
  inst.add({.id = "d", .cost = 500});
  return inst;
}

struct checked {
  bool valid = true;
  ballot_fault fault{};
  std::string detail;
};

auto check(const instance& inst, std::vector<project_index> items, std::vector<std::int64_t> points = {}) -> checked {
  const auto v = validate(inst, ballot_view{items, points, 1});
  if (!v) return {};
  return {false, v->fault, v->detail};
}

}  // namespace

TEST_CASE("every ballot fault has its stable name and pinned value") {
  const std::vector<std::pair<ballot_fault, std::string>> faults = {
      {ballot_fault::too_few_projects, "too_few_projects"},
      {ballot_fault::too_many_projects, "too_many_projects"},
      {ballot_fault::cost_below_minimum, "cost_below_minimum"},
      {ballot_fault::cost_above_maximum, "cost_above_maximum"},
      {ballot_fault::points_below_minimum, "points_below_minimum"},
      {ballot_fault::points_above_maximum, "points_above_maximum"},
      {ballot_fault::point_sum_below_minimum, "point_sum_below_minimum"},
      {ballot_fault::point_sum_above_maximum, "point_sum_above_maximum"},
      {ballot_fault::unknown_project, "unknown_project"},
      {ballot_fault::duplicate_project, "duplicate_project"},
      {ballot_fault::not_exactly_one, "not_exactly_one"},
  };
  for (std::size_t i = 0; i < faults.size(); ++i) {
    CAPTURE(i);
    CHECK(static_cast<int>(faults[i].first) == static_cast<int>(i) + 1);
    CHECK(ballot_fault_name(faults[i].first) == faults[i].second);
  }
}

TEST_CASE("a ballot within every limit is valid, at each limit's edge") {
  ballot_rules r;
  r.min_length = 2;
  r.max_length = 3;
  r.min_sum_cost = 1550;
  r.max_sum_cost = 6050;
  CHECK(check(make_instance(vote_type::approval, r), {2, 3}).valid);        // 2 projects, 15.50
  CHECK(check(make_instance(vote_type::approval, r), {0, 1, 2}).valid);     // 3 projects, 60.50
  ballot_rules p;
  p.min_points = 1;
  p.max_points = 4;
  p.min_sum_points = 3;
  p.max_sum_points = 6;
  CHECK(check(make_instance(vote_type::cumulative, p), {0, 1}, {1, 2}).valid);
  CHECK(check(make_instance(vote_type::cumulative, p), {0, 1}, {4, 2}).valid);
}

TEST_CASE("each fault is reported with what was expected and found") {
  ballot_rules len;
  len.min_length = 2;
  len.max_length = 3;
  const auto few = check(make_instance(vote_type::approval, len), {0});
  CHECK(few.fault == ballot_fault::too_few_projects);
  CHECK(few.detail == "1 projects, at least 2 required");
  const auto many = check(make_instance(vote_type::approval, len), {0, 1, 2, 3});
  CHECK(many.fault == ballot_fault::too_many_projects);
  CHECK(many.detail == "4 projects, at most 3 allowed");

  ballot_rules cost;
  cost.min_sum_cost = 1600;
  cost.max_sum_cost = 5000;
  const auto cheap = check(make_instance(vote_type::approval, cost), {2, 3});
  CHECK(cheap.fault == ballot_fault::cost_below_minimum);
  CHECK(cheap.detail == "total cost 15.5 below the minimum 16");
  const auto dear = check(make_instance(vote_type::approval, cost), {0, 1, 3});
  CHECK(dear.fault == ballot_fault::cost_above_maximum);
  CHECK(dear.detail == "total cost 55 above the maximum 50");

  ballot_rules pts;
  pts.min_points = 1;
  pts.max_points = 4;
  pts.min_sum_points = 3;
  pts.max_sum_points = 6;
  const auto low = check(make_instance(vote_type::scoring, pts), {0, 1}, {3, 0});
  CHECK(low.fault == ballot_fault::points_below_minimum);
  CHECK(low.detail == "0 points, at least 1 per project");
  const auto high = check(make_instance(vote_type::scoring, pts), {0, 1}, {5, 1});
  CHECK(high.fault == ballot_fault::points_above_maximum);
  CHECK(high.detail == "5 points, at most 4 per project");
  const auto little = check(make_instance(vote_type::cumulative, pts), {0}, {2});
  CHECK(little.fault == ballot_fault::point_sum_below_minimum);
  CHECK(little.detail == "2 points in all, at least 3 required");
  const auto much = check(make_instance(vote_type::cumulative, pts), {0, 1}, {4, 3});
  CHECK(much.fault == ballot_fault::point_sum_above_maximum);
  CHECK(much.detail == "7 points in all, at most 6 allowed");

  const auto unknown = check(make_instance(vote_type::approval), {0, 4});
  CHECK(unknown.fault == ballot_fault::unknown_project);
  CHECK(unknown.detail == "project index 4 is not on the ballot");
  const auto twice = check(make_instance(vote_type::approval), {1, 0, 1});
  CHECK(twice.fault == ballot_fault::duplicate_project);
  CHECK(twice.detail == "a project is listed twice");

  CHECK(check(make_instance(vote_type::choose_1), {2}).valid);
  const auto two = check(make_instance(vote_type::choose_1), {0, 1});
  CHECK(two.fault == ballot_fault::not_exactly_one);
  CHECK(two.detail == "a choose-1 ballot lists 2 projects");
  const auto none = check(make_instance(vote_type::choose_1), {});
  CHECK(none.fault == ballot_fault::not_exactly_one);
  CHECK(none.detail == "a choose-1 ballot lists 0 projects");
}

TEST_CASE("a duplicate among more than 32 projects is found too (the sorted path)") {
  instance inst;
  for (int i = 0; i < 40; ++i) inst.add({.id = "p" + std::to_string(i), .cost = 1});
  std::vector<project_index> items;
  for (project_index i = 0; i < 40; ++i) items.push_back(i);
  CHECK(check(inst, items).valid);
  items.back() = 3;
  CHECK(check(inst, items).fault == ballot_fault::duplicate_project);
}

TEST_CASE("faults are checked in a fixed order: the first broken rule is reported") {
  ballot_rules r;
  r.max_length = 1;
  r.max_sum_cost = 100;
  // Unknown beats duplicate beats length beats cost.
  CHECK(check(make_instance(vote_type::approval, r), {0, 0, 9}).fault == ballot_fault::unknown_project);
  CHECK(check(make_instance(vote_type::approval, r), {0, 0}).fault == ballot_fault::duplicate_project);
  CHECK(check(make_instance(vote_type::approval, r), {0, 1}).fault == ballot_fault::too_many_projects);
  CHECK(check(make_instance(vote_type::approval, r), {0}).fault == ballot_fault::cost_above_maximum);
}

TEST_CASE("the format's defaults: cumulative points are 0..max_sum_points, scoring is unbounded") {
  ballot_rules stock;
  stock.max_sum_points = 5;
  const auto cumulative = make_instance(vote_type::cumulative, stock);
  const auto eff = effective_rules(cumulative);
  CHECK(eff.min_points == 0);
  CHECK(eff.max_points == 5);
  CHECK(eff.min_sum_points == 0);
  CHECK(eff.max_sum_points == 5);
  CHECK(cumulative.rules.min_points == std::nullopt);  // the instance keeps what its election said
  CHECK(eff.min_length == std::nullopt);               // an empty ballot stays valid (blank vote)

  // A negative share in a cumulative ballot: refused by default, whatever the sum.
  const auto negative = check(cumulative, {0, 1}, {-3, 1});
  CHECK(negative.fault == ballot_fault::points_below_minimum);
  CHECK(negative.detail == "-3 points, at least 0 per project");
  // A META min_points below 0 does not lower the floor for cumulative ballots.
  ballot_rules lower = stock;
  lower.min_points = -2;
  CHECK(effective_rules(make_instance(vote_type::cumulative, lower)).min_points == 0);
  CHECK(check(make_instance(vote_type::cumulative, lower), {0}, {-1}).fault == ballot_fault::points_below_minimum);
  // One project over the whole stock is over max_points (the default) before the sum is looked at.
  const auto over = check(cumulative, {0}, {6});
  CHECK(over.fault == ballot_fault::points_above_maximum);
  CHECK(over.detail == "6 points, at most 5 per project");
  CHECK(check(cumulative, {0, 1}, {0, 5}).valid);
  CHECK(check(cumulative, {}, {}).valid);

  // An explicit max_points stays.
  ballot_rules three = stock;
  three.max_points = 3;
  CHECK(effective_rules(make_instance(vote_type::cumulative, three)).max_points == 3);

  // Scoring: points per project range over all integers unless META limits them.
  const auto scoring = make_instance(vote_type::scoring, stock);
  CHECK(effective_rules(scoring).min_points == std::nullopt);
  CHECK(effective_rules(scoring).max_points == std::nullopt);
  CHECK(check(scoring, {0, 1}, {-3, 1}).valid);
  // Approval and ordinal: the rules as given.
  CHECK(effective_rules(make_instance(vote_type::approval, stock)) == stock);
  CHECK(effective_rules(make_instance(vote_type::ordinal, stock)) == stock);
}
