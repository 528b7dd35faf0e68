// Definitions for tally/greedy.hpp.
#ifndef PPB_TALLY_GREEDY_INL_HPP
#define PPB_TALLY_GREEDY_INL_HPP

#include <algorithm>
#include <numeric>

#include "ppb/tally/greedy.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto satisfaction_name(satisfaction_kind s) noexcept -> std::string_view {
  switch (s) {
    case satisfaction_kind::points: return "points";
    case satisfaction_kind::cost: return "cost";
    case satisfaction_kind::cardinality: return "cardinality";
  }
  return "points";
}

PPB_FUNC auto parse_satisfaction(std::string_view name) -> satisfaction_kind {
  for (auto s : {satisfaction_kind::points, satisfaction_kind::cost, satisfaction_kind::cardinality})
    if (satisfaction_name(s) == name) return s;
  throw usage_error("unknown satisfaction '" + std::string(name) + "' (use points, cost or cardinality)");
}

namespace detail {
// Records each run of equal support in `order` (already sorted) as a tie.
inline void record_ties(const instance& inst, const std::vector<project_index>& order,
                        const std::vector<fraction>& key, std::span<const std::uint64_t> votes,
                        const tie_break& tie, outcome& out) {
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && key[order[j]] == key[order[i]]) ++j;
    if (j - i > 1) {
      tie_record t;
      t.support = key[order[i]];
      bool some_funded = false, some_not = false;
      for (std::size_t k = i; k < j; ++k) {
        t.projects.push_back(order[k]);
        if (k > i) t.decided_by.push_back(tie.deciding(inst, votes, order[k - 1], order[k]));
        (out.is_funded(order[k]) ? some_funded : some_not) = true;
      }
      t.changed_outcome = some_funded && some_not;
      out.ties.push_back(std::move(t));
    }
    i = j;
  }
}
}  // namespace detail

PPB_FUNC auto tally::greedy(const instance& inst, const profile& prof, const greedy_options& opts) -> outcome {
  const auto n = inst.size();
  const auto t = totals(inst, prof);
  outcome out;
  switch (opts.variant) {
    case greedy_variant::standard: out.rule = opts.per_cost ? "greedy-cost" : "greedy"; break;
    case greedy_variant::threshold: out.rule = "greedy-threshold"; break;
    case greedy_variant::no_skip: out.rule = "greedy-no-skip"; break;
    case greedy_variant::exclusive: out.rule = "greedy-exclusive"; break;
  }
  if (opts.min_points)
    out.notes.push_back("projects with support below " + std::to_string(*opts.min_points) + " are excluded");
  if (opts.stop_at_first_unaffordable)
    out.notes.push_back("the rule stops at the first project that does not fit (projects costing more than the "
                        "whole budget are skipped without stopping)");
  if (opts.variant == greedy_variant::exclusive)
    out.notes.push_back("greedy-exclusive: the file does not say which projects the city treated as mutually "
                        "exclusive, so this is plain greedy; it matches the official outcome only if no exclusion "
                        "changed it");
  out.satisfaction = std::string(satisfaction_name(opts.satisfaction));
  out.tie_break = opts.tie.name();
  out.budget = inst.budget;
  out.projects.resize(n);

  // The ranking key: an exact fraction per project.
  std::vector<fraction> key(n);
  for (project_index p = 0; p < n; ++p) {
    const auto supporters = static_cast<std::int64_t>(t.supporters[p]);
    std::int64_t support = opts.satisfaction == satisfaction_kind::points ? t.points[p] : supporters;
    const bool divide = opts.per_cost || opts.satisfaction == satisfaction_kind::cardinality;
    // pabutools: zero support ranks last whatever the cost; positive support at zero cost first.
    key[p] = !divide ? fraction{support, 1} : support <= 0 ? fraction{0, 1} : fraction{support, inst[p].cost};
    auto& r = out.projects[p];
    r.project = p;
    r.votes = t.supporters[p];
    r.points = t.points[p];
    r.support = key[p];
  }

  const auto priority = opts.tie.priority(inst, t.supporters);
  std::vector<project_index> order(n);
  std::iota(order.begin(), order.end(), project_index{0});
  std::sort(order.begin(), order.end(), [&](project_index a, project_index b) {
    if (key[a] != key[b]) return key[a] > key[b];
    return priority[a] < priority[b];
  });

  money left = inst.budget;
  bool stopped = false;
  std::uint32_t round = 0;
  std::vector<bool> before(n, false);
  for (auto p : opts.already_funded) {
    PPB_ASSERT(p < n && !before[p]);
    before[p] = true;
    left = checked_add(left, -inst[p].cost);
    auto& r = out.projects[p];
    r.status = project_status::funded;
    r.rank = ++round;
    r.reason = "funded before the greedy pass";
    out.selected.push_back(p);
    out.trace.push_back({round, p, r.status, left, "funded before"});
  }
  if (left < 0) throw usage_error("greedy: the projects funded before it already cost more than the budget");
  for (auto p : order) {
    if (before[p]) continue;
    auto& r = out.projects[p];
    r.rank = ++round;
    const auto cost_text = format_units(inst[p].cost, inst.money_places);
    if (opts.min_points && t.points[p] < *opts.min_points) {
      r.status = project_status::excluded;
      r.reason = "support " + std::to_string(t.points[p]) + " below the threshold " + std::to_string(*opts.min_points);
    } else if (stopped) {
      r.status = project_status::not_reached;
      r.reason = "the rule stopped at the first project that did not fit";
    } else if (inst[p].cost <= left) {
      left -= inst[p].cost;
      r.status = project_status::funded;
      r.reason = "fits: costs " + cost_text + ", " + format_units(left, inst.money_places) + " left after";
      out.selected.push_back(p);
    } else {
      r.status = project_status::skipped;
      r.reason = "does not fit: costs " + cost_text + ", only " + format_units(left, inst.money_places) + " left";
      if (opts.stop_at_first_unaffordable && inst[p].cost <= inst.budget) {
        stopped = true;
        r.reason += "; the rule stops here";
      }
    }
    out.trace.push_back({round, p, r.status, left, "support " + key[p].to_string()});
  }
  out.spent = inst.budget - left;
  std::erase_if(order, [&](project_index p) { return before[p]; });
  detail::record_ties(inst, order, key, t.supporters, opts.tie, out);
  return out;
}

PPB_FUNC auto tally::greedy_variant_names() -> std::vector<std::string> {
  return {"greedy", "greedy-threshold", "greedy-no-skip", "greedy-exclusive"};
}

PPB_FUNC auto tally::greedy_variant_options(const instance& inst, std::string_view rule) -> greedy_options {
  greedy_options g;
  if (rule == "greedy") return g;
  if (rule == "greedy-no-skip") {
    g.variant = greedy_variant::no_skip;
    g.stop_at_first_unaffordable = true;
    return g;
  }
  if (rule == "greedy-exclusive") {
    g.variant = greedy_variant::exclusive;
    return g;
  }
  if (rule == "greedy-threshold") {
    g.variant = greedy_variant::threshold;
    const std::string* text = inst.meta_value("min_project_score_threshold");
    if (text == nullptr)
      throw usage_error("greedy-threshold needs META min_project_score_threshold, which this file does not have");
    const auto d = parse_decimal(*text);
    if (!d || d->places != 0)
      throw usage_error("META min_project_score_threshold '" + *text + "' is not a whole number");
    g.min_points = d->digits;
    return g;
  }
  throw usage_error("unknown greedy rule '" + std::string(rule) +
                    "' (use greedy, greedy-threshold, greedy-no-skip or greedy-exclusive)");
}

PPB_END_NAMESPACE

#endif
