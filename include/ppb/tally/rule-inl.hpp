// Definitions for tally/rule.hpp.
#ifndef PPB_TALLY_RULE_INL_HPP
#define PPB_TALLY_RULE_INL_HPP

#include "ppb/tally/rule.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto tally::rule_names() -> std::vector<std::string> { return {"greedy", "greedy-cost"}; }

PPB_FUNC auto tally::run(const instance& inst, const profile& prof, const rule_options& opts) -> outcome {
  if (opts.rule == "greedy" || opts.rule == "greedy-cost") {
    greedy_options g;
    g.satisfaction = opts.satisfaction;
    g.per_cost = opts.rule == "greedy-cost";
    g.tie = opts.tie;
    return greedy(inst, prof, g);
  }
  std::string known;
  for (const auto& n : rule_names()) known += (known.empty() ? "" : ", ") + n;
  throw usage_error("unknown rule '" + opts.rule + "' (known: " + known + ")");
}

PPB_END_NAMESPACE

#endif
