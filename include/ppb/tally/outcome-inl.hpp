// Definitions for tally/outcome.hpp.
#ifndef PPB_TALLY_OUTCOME_INL_HPP
#define PPB_TALLY_OUTCOME_INL_HPP

#include <algorithm>

#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto project_status_name(project_status s) noexcept -> std::string_view {
  switch (s) {
    case project_status::funded: return "funded";
    case project_status::skipped: return "skipped";
    case project_status::excluded: return "excluded";
    case project_status::not_reached: return "not_reached";
  }
  return "skipped";
}

PPB_FUNC auto tally::start_outcome(const instance& inst, const project_totals& t, std::string rule,
                                  std::string satisfaction, const tie_break& tie) -> outcome {
  outcome out;
  out.rule = std::move(rule);
  out.satisfaction = std::move(satisfaction);
  out.tie_break = tie.name();
  if (tie.draws_lots()) out.seed = tie.seed;
  out.budget = inst.budget;
  out.projects.resize(inst.size());
  for (project_index p = 0; p < inst.size(); ++p) {
    auto& r = out.projects[p];
    r.project = p;
    r.votes = t.supporters[p];
    r.points = t.points[p];
  }
  return out;
}

PPB_FUNC auto tally::make_tie(const instance& inst, std::span<const std::uint64_t> votes, const tie_break& tie,
                             std::vector<project_index> ordered, fraction support) -> tie_record {
  tie_record t;
  t.projects = std::move(ordered);
  t.support = support;
  for (std::size_t k = 1; k < t.projects.size(); ++k)
    t.decided_by.push_back(tie.deciding(inst, votes, t.projects[k - 1], t.projects[k]));
  return t;
}

PPB_END_NAMESPACE

#endif
