// Definitions for ballots/validation.hpp.
#ifndef PPB_BALLOTS_VALIDATION_INL_HPP
#define PPB_BALLOTS_VALIDATION_INL_HPP

#include <algorithm>
#include <vector>

#include "ppb/ballots/validation.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto ballot_fault_name(ballot_fault f) noexcept -> std::string_view {
  switch (f) {
    case ballot_fault::too_few_projects: return "too_few_projects";
    case ballot_fault::too_many_projects: return "too_many_projects";
    case ballot_fault::cost_below_minimum: return "cost_below_minimum";
    case ballot_fault::cost_above_maximum: return "cost_above_maximum";
    case ballot_fault::points_below_minimum: return "points_below_minimum";
    case ballot_fault::points_above_maximum: return "points_above_maximum";
    case ballot_fault::point_sum_below_minimum: return "point_sum_below_minimum";
    case ballot_fault::point_sum_above_maximum: return "point_sum_above_maximum";
    case ballot_fault::unknown_project: return "unknown_project";
    case ballot_fault::duplicate_project: return "duplicate_project";
    case ballot_fault::not_exactly_one: return "not_exactly_one";
  }
  return "unknown";
}

PPB_FUNC auto effective_rules(const instance& inst) -> ballot_rules {
  ballot_rules r = inst.rules;
  if (inst.kind == vote_type::cumulative) {
    r.min_points = std::max<std::int64_t>(r.min_points.value_or(0), 0);
    if (!r.max_points) r.max_points = r.max_sum_points;
    if (!r.min_sum_points) r.min_sum_points = 0;
  }
  return r;
}

PPB_FUNC auto validate(const instance& inst, const ballot_view& b) -> std::optional<ballot_violation> {
  const auto r = effective_rules(inst);
  const auto n = static_cast<std::int64_t>(b.items.size());
  auto fail = [](ballot_fault f, std::string d) { return std::optional<ballot_violation>({f, std::move(d)}); };
  for (auto p : b.items)
    if (p >= inst.size()) return fail(ballot_fault::unknown_project, "project index " + std::to_string(p) + " is not on the ballot");
  // Short ballots (the usual case) are checked pairwise without allocating; long ones sorted.
  bool duplicate = false;
  if (b.items.size() <= 32) {
    for (std::size_t i = 0; i < b.items.size() && !duplicate; ++i)
      for (std::size_t j = i + 1; j < b.items.size(); ++j) duplicate = duplicate || b.items[i] == b.items[j];
  } else {
    std::vector<project_index> sorted(b.items.begin(), b.items.end());
    std::sort(sorted.begin(), sorted.end());
    duplicate = std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
  }
  if (duplicate) return fail(ballot_fault::duplicate_project, "a project is listed twice");
  if (inst.kind == vote_type::choose_1 && n != 1)
    return fail(ballot_fault::not_exactly_one, "a choose-1 ballot lists " + std::to_string(n) + " projects");
  if (r.min_length && n < *r.min_length)
    return fail(ballot_fault::too_few_projects, std::to_string(n) + " projects, at least " + std::to_string(*r.min_length) + " required");
  if (r.max_length && n > *r.max_length)
    return fail(ballot_fault::too_many_projects, std::to_string(n) + " projects, at most " + std::to_string(*r.max_length) + " allowed");
  if (r.min_sum_cost || r.max_sum_cost) {
    money cost = 0;
    for (auto p : b.items) cost = checked_add(cost, inst[p].cost);
    const auto text = [&](money m) { return format_units(m, inst.money_places); };
    if (r.min_sum_cost && cost < *r.min_sum_cost)
      return fail(ballot_fault::cost_below_minimum, "total cost " + text(cost) + " below the minimum " + text(*r.min_sum_cost));
    if (r.max_sum_cost && cost > *r.max_sum_cost)
      return fail(ballot_fault::cost_above_maximum, "total cost " + text(cost) + " above the maximum " + text(*r.max_sum_cost));
  }
  if (!b.points.empty()) {
    std::int64_t sum = 0;
    for (auto pts : b.points) {
      if (r.min_points && pts < *r.min_points)
        return fail(ballot_fault::points_below_minimum, std::to_string(pts) + " points, at least " + std::to_string(*r.min_points) + " per project");
      if (r.max_points && pts > *r.max_points)
        return fail(ballot_fault::points_above_maximum, std::to_string(pts) + " points, at most " + std::to_string(*r.max_points) + " per project");
      sum = checked_add(sum, pts);
    }
    if (r.min_sum_points && sum < *r.min_sum_points)
      return fail(ballot_fault::point_sum_below_minimum, std::to_string(sum) + " points in all, at least " + std::to_string(*r.min_sum_points) + " required");
    if (r.max_sum_points && sum > *r.max_sum_points)
      return fail(ballot_fault::point_sum_above_maximum, std::to_string(sum) + " points in all, at most " + std::to_string(*r.max_sum_points) + " allowed");
  }
  return std::nullopt;
}

PPB_END_NAMESPACE

#endif
