// Definitions for tally/rule.hpp.
#ifndef PPB_TALLY_RULE_INL_HPP
#define PPB_TALLY_RULE_INL_HPP

#include <algorithm>

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

PPB_FUNC void tally::check_options(const rule_options& opts) {
  const auto names = rule_names();
  if (std::find(names.begin(), names.end(), opts.rule) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw usage_error("unknown rule '" + opts.rule + "' (known: " + known + ")");
  }
  if (opts.rule != "mes" && opts.rule != "meta" && (opts.completion != "none" || opts.comparison))
    throw usage_error("completion and comparison go with rule mes, not " + opts.rule);
  if (opts.rule == "phragmen" && opts.satisfaction_given) throw usage_error("phragmen takes no satisfaction");
  // greedy-cost divides each project's total points by its cost. Cost satisfaction divided by
  // cost is the number of supporters, divided again a third ranking under a wrong name; and
  // cardinality would repeat `greedy --satisfaction cardinality`. One spelling for each.
  if (opts.rule == "greedy-cost" && opts.satisfaction_given && opts.satisfaction != satisfaction_kind::points)
    throw usage_error("greedy-cost ranks by points per cost and takes no satisfaction " +
                      std::string(satisfaction_name(opts.satisfaction)) +
                      " (supporters per cost: --rule greedy --satisfaction cardinality)");
  if (opts.rule != "max-welfare" && opts.node_limit) throw usage_error("a node limit goes with rule max-welfare, not " + opts.rule);
}

PPB_FUNC auto tally::run(const instance& inst, const profile& prof, const rule_options& opts) -> outcome {
  check_options(opts);
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
    return sequential_phragmen(inst, prof, {opts.tie});
  }
  if (opts.rule == "max-welfare") {
    max_welfare_options m;
    m.satisfaction = opts.satisfaction;
    m.tie = opts.tie;
    if (opts.node_limit) m.node_limit = *opts.node_limit;
    return max_utilitarian_welfare(inst, prof, m);
  }
  PPB_ASSERT(opts.rule == "meta");  // check_options refused every other name
  return run_meta(inst, prof, opts);
}

PPB_END_NAMESPACE

#endif
