// Definitions for proposals/ballot.hpp.
#ifndef PPB_PROPOSALS_BALLOT_INL_HPP
#define PPB_PROPOSALS_BALLOT_INL_HPP

#include <cstdio>

#include "ppb/proposals/ballot.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

/// pabulib's META `rule` for a `ppb tally` rule name (PB_FORMAT.md §2); `unknown` if it has none.
inline auto pabulib_rule_name(std::string_view rule) -> std::string {
  for (std::string_view same : {"greedy", "greedy-no-skip", "greedy-threshold", "greedy-exclusive"})
    if (rule == same) return std::string(rule);
  return "unknown";
}

inline auto pabulib_date(std::chrono::sys_days d) -> std::string {
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                static_cast<int>(ymd.year()));
  return buf;
}

}  // namespace detail

PPB_FUNC auto ballot_instance(const election_definition& def, const proposal_registry& registry, std::string_view unit)
    -> instance {
  const auto* u = def.find_unit(unit);
  if (u == nullptr) throw usage_error("unit '" + std::string(unit) + "' is not in election " + def.spec().cycle);
  if (!u->budget) throw usage_error("unit '" + std::string(unit) + "' has no budget, so no ballot");
  const auto& spec = def.spec();
  const auto& ballot = def.ballot_of(unit);
  instance inst;
  inst.budget = *u->budget;
  inst.money_places = spec.money_places;
  inst.kind = ballot.kind;
  inst.rules = ballot.rules;
  inst.project_columns = {"project_id", "cost", "name", "category", "address", "description"};
  const territorial_unit* root = u;
  while (!root->parent.empty()) root = def.find_unit(root->parent);
  const auto approved = registry.approved(unit);
  inst.set_meta("description", spec.title.en);
  inst.set_meta("country", spec.country);
  inst.set_meta("unit", root->name.en);
  if (root != u) inst.set_meta("subunit", u->name.en);
  inst.set_meta("instance", spec.cycle);
  inst.set_meta("num_projects", std::to_string(approved.size()));
  inst.set_meta("num_votes", "0");
  inst.set_meta("budget", format_units(inst.budget, inst.money_places));
  inst.set_meta("vote_type", std::string(vote_type_name(inst.kind)));
  inst.set_meta("rule", detail::pabulib_rule_name(spec.tally.rule));
  if (const auto* voting = def.phase(phase_kind::voting)) {
    inst.set_meta("date_begin", detail::pabulib_date(def.local_date(voting->begin)));
    inst.set_meta("date_end", detail::pabulib_date(def.local_date(voting->end - std::chrono::seconds{1})));
  }
  inst.set_meta("currency", spec.currency);
  const auto limit = [&](std::string_view key, const auto& v, bool is_money) {
    if (v) inst.set_meta(key, is_money ? format_units(*v, inst.money_places) : std::to_string(*v));
  };
  limit("min_length", ballot.rules.min_length, false);
  limit("max_length", ballot.rules.max_length, false);
  limit("min_sum_cost", ballot.rules.min_sum_cost, true);
  limit("max_sum_cost", ballot.rules.max_sum_cost, true);
  limit("min_points", ballot.rules.min_points, false);
  limit("max_points", ballot.rules.max_points, false);
  limit("min_sum_points", ballot.rules.min_sum_points, false);
  limit("max_sum_points", ballot.rules.max_sum_points, false);
  limit("max_project_cost", spec.proposals.max_cost, true);
  for (const auto* p : approved) {
    project pr;
    pr.id = p->id;
    pr.name = p->title;
    pr.cost = p->cost();
    if (!p->category.empty()) pr.categories = {p->category};
    pr.extra = {{"address", p->address}, {"description", p->description}};
    inst.add(std::move(pr));
  }
  return inst;
}

PPB_FUNC auto ballot_instances(const election_definition& def, const proposal_registry& registry)
    -> std::vector<std::pair<std::string, instance>> {
  std::vector<std::pair<std::string, instance>> out;
  for (const auto& id : def.ballot_units()) out.emplace_back(id, ballot_instance(def, registry, id));
  return out;
}

PPB_FUNC auto ballot_election(const election_definition& def, const proposal_registry& registry, std::string_view unit)
    -> election {
  election e;
  e.inst = ballot_instance(def, registry, unit);
  return e;
}

PPB_END_NAMESPACE

#endif
