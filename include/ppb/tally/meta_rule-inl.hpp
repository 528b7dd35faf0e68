// Definitions for tally/meta_rule.hpp.
#ifndef PPB_TALLY_META_RULE_INL_HPP
#define PPB_TALLY_META_RULE_INL_HPP

#include "ppb/tally/meta_rule.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto tally::meta_rule_options(const instance& inst, const rule_options& given) -> rule_options {
  if (given.satisfaction_given || given.completion != "none" || given.comparison)
    throw usage_error("--rule meta takes satisfaction, completion and comparison from the file's META rule; "
                      "do not give them");
  const std::string* meta = inst.meta_value("rule");
  const std::string name = meta ? *meta : "";
  if (name.empty() || name == "unknown")
    throw usage_error("the file names no rule (META rule is '" + (meta ? name : std::string("absent")) +
                      "'); choose one with --rule");
  rule_options o;
  o.tie_given = true;
  for (const auto& g : greedy_variant_names())
    if (g == name) {
      o.rule = name;
      o.satisfaction = satisfaction_kind::points;
      o.tie = given.tie_given ? given.tie : tie_break::file_order();
      return o;
    }
  if (name == "equalshares" || name == "equalshares-comparison" || name == "equalshares/add1" ||
      name == "equalshares/add1-comparison") {
    o.rule = "mes";
    o.satisfaction = satisfaction_kind::cost;
    o.satisfaction_given = true;
    o.completion = name.starts_with("equalshares/add1") ? "add1" : "none";
    o.comparison = name.ends_with("-comparison");
    o.tie = given.tie_given ? given.tie
                            : tie_break{{tie_criterion::min_cost, tie_criterion::max_votes, tie_criterion::file_order}, 0};
    return o;
  }
  if (name == "greedy-custom")
    throw usage_error("META rule greedy-custom is a city's own variant that the file does not describe; "
                      "choose a rule with --rule");
  throw usage_error("META rule '" + name + "' is not one ppb knows; choose a rule with --rule");
}

PPB_FUNC auto tally::run_meta(const instance& inst, const profile& prof, const rule_options& given) -> outcome {
  const auto o = meta_rule_options(inst, given);
  auto out = run(inst, prof, o);
  std::string what = "--rule meta: the file's META rule is '" + *inst.meta_value("rule") + "', run as rule " + o.rule +
                     ", satisfaction " + std::string(satisfaction_name(o.satisfaction));
  if (o.rule == "mes") what += ", completion " + o.completion + (o.comparison ? ", with comparison" : "");
  what += ", ties " + o.tie.name();
  out.notes.insert(out.notes.begin(), std::move(what));
  return out;
}

PPB_END_NAMESPACE

#endif
