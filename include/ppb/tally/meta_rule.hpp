/// @file
/// `--rule meta`: the rule a pabulib file's META `rule` names, applied with pabulib's checker
/// conventions (../shared/pabulib/PB_FORMAT.md §5), so that the official outcome can be re-derived.
#ifndef PPB_TALLY_META_RULE_HPP
#define PPB_TALLY_META_RULE_HPP

#include "ppb/ballots/profile.hpp"
#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

// Declared before rule.hpp is included: in header-only builds rule.hpp's definitions call
// `run_meta`, so these declarations must exist whichever header comes first.
struct rule_options;

namespace tally {

/// The `rule_options` that reproduce the META `rule` of `inst`:
/// - `greedy`, `greedy-threshold`, `greedy-no-skip`, `greedy-exclusive`: that greedy rule by
///   points (score; approval: votes), ties in file order (see `greedy_variant_options`);
/// - `equalshares`, `equalshares-comparison`, `equalshares/add1`, `equalshares/add1-comparison`:
///   rule `mes`, satisfaction cost, completion `none` or `add1`, with or without the comparison
///   step, ties min-cost, max-votes, file-order.
/// A tie-break given by the caller (`given.tie_given`) replaces the checker's.
/// Throws `usage_error` when the file names no rule (`unknown` or no META `rule`), names
/// `greedy-custom` (city-specific, not described in the file) or a rule ppb does not know, or
/// when `given` sets a satisfaction, completion or comparison (the file's rule fixes them).
PPB_API auto meta_rule_options(const instance& inst, const rule_options& given) -> rule_options;

/// `run(inst, prof, meta_rule_options(inst, given))`, with a note in the outcome naming the
/// META rule. MES rules need rule `mes` to be registered in `run`.
PPB_API auto run_meta(const instance& inst, const profile& prof, const rule_options& given) -> outcome;

}  // namespace tally

PPB_END_NAMESPACE

#include "ppb/tally/rule.hpp"

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/meta_rule-inl.hpp"
#endif

#endif
