// Definitions for tally/rule.hpp.
#ifndef PPB_TALLY_RULE_INL_HPP
#define PPB_TALLY_RULE_INL_HPP

#include "ppb/tally/rule.hpp"
#include "ppb/tally/max_welfare.hpp"
#include "ppb/tally/mes.hpp"
#include "ppb/tally/meta_rule.hpp"
#include "ppb/tally/phragmen.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto tally::rule_names() -> std::vector<std::string> {
  return {"greedy", "greedy-cost", "greedy-threshold", "greedy-no-skip", "greedy-exclusive", "mes", "phragmen", "max-welfare",
          "meta"};
}

PPB_FUNC auto tally::run(const instance& inst, const profile& prof, const rule_options& opts) -> outcome {
  if (opts.rule != "mes" && opts.rule != "meta" && (opts.completion != "none" || opts.comparison))
    throw usage_error("completion and comparison go with rule mes, not " + opts.rule);
  if (opts.rule != "max-welfare" && opts.node_limit) throw usage_error("a node limit goes with rule max-welfare, not " + opts.rule);
  if (opts.rule == "greedy" || opts.rule == "greedy-cost") {
    greedy_options g;
    g.satisfaction = opts.satisfaction;
    g.per_cost = opts.rule == "greedy-cost";
    g.tie = opts.tie;
    return greedy(inst, prof, g);
  }
  if (opts.rule == "greedy-threshold" || opts.rule == "greedy-no-skip" || opts.rule == "greedy-exclusive") {
    greedy_options g = greedy_variant_options(inst, opts.rule);
    g.satisfaction = opts.satisfaction;
    g.tie = opts.tie;
    return greedy(inst, prof, g);
  }
  if (opts.rule == "mes") {
    mes_options m;
    m.satisfaction = opts.satisfaction_given ? opts.satisfaction : satisfaction_kind::cost;
    m.tie = opts.tie;
    m.completion = parse_mes_completion(opts.completion);
    m.comparison = opts.comparison;
    return method_of_equal_shares(inst, prof, m);
  }
  if (opts.rule == "phragmen") {
    if (opts.satisfaction_given) throw usage_error("phragmen takes no satisfaction");
    return sequential_phragmen(inst, prof, {opts.tie});
  }
  if (opts.rule == "max-welfare") {
    max_welfare_options m;
    m.satisfaction = opts.satisfaction;
    m.tie = opts.tie;
    if (opts.node_limit) m.node_limit = *opts.node_limit;
    return max_utilitarian_welfare(inst, prof, m);
  }
  if (opts.rule == "meta") return run_meta(inst, prof, opts);
  std::string known;
  for (const auto& n : rule_names()) known += (known.empty() ? "" : ", ") + n;
  throw usage_error("unknown rule '" + opts.rule + "' (known: " + known + ")");
}

PPB_END_NAMESPACE

#endif
