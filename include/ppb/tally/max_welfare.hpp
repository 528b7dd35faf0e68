/// @file
/// Maximum utilitarian welfare: the affordable set of projects whose total satisfaction is
/// largest, found by an exact branch and bound over the knapsack problem.
#ifndef PPB_TALLY_MAX_WELFARE_HPP
#define PPB_TALLY_MAX_WELFARE_HPP

#include "ppb/ballots/profile.hpp"
#include "ppb/tally/greedy.hpp"
#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

/// Options of `max_utilitarian_welfare`.
struct max_welfare_options {
  /// What a funded project is worth: `cost` = supporters × cost (pabutools' Cost_Sat),
  /// `cardinality` = supporters (Cardinality_Sat), `points` = total points or score
  /// (approval: = cardinality; ordinal: k…1 by rank).
  satisfaction_kind satisfaction = satisfaction_kind::cost;
  /// Orders projects of equal welfare per cost. Among allocations of equal (maximal) welfare the
  /// rule returns the first in the order "welfare per cost, best first, ties by `tie`": it funds
  /// the first project of that order if some optimal allocation does, then the next, and so on.
  /// This is the allocation pabutools' primal-dual branch and bound returns when it keeps the
  /// greedy start (checked on every maxwelfare row of pabulib/expected.tsv).
  tie_break tie = tie_break::standard();
  /// Branch-and-bound nodes the search may visit (0 = no limit). When reached, the best
  /// allocation found so far is returned with `proven_optimal == false`.
  std::uint64_t node_limit = 50'000'000;
};

/// The outcome with what only this rule knows.
struct max_welfare_result {
  outcome result;
  wide welfare = 0;             ///< total satisfaction of `result.selected`
  bool proven_optimal = false;  ///< false only when `node_limit` stopped the search
  /// Whether the choice among equally good allocations followed `tie` to the end (false when
  /// `node_limit` ran out during that step; the allocation is still optimal if `proven_optimal`).
  bool ties_resolved = false;
  std::uint64_t nodes = 0;      ///< branch-and-bound nodes visited
};

namespace tally {

/// Maximum utilitarian welfare (pabutools' `max_additive_utilitarian_welfare`): among all sets of
/// projects whose total cost is within the budget, one with the largest sum over voters of their
/// satisfaction (see `max_welfare_options::satisfaction`). Projects nobody supports add nothing
/// and are never funded; projects of cost 0 that someone supports are always funded.
///
/// Exact 0/1 knapsack by depth-first branch and bound (items by welfare per cost, bounded by the
/// LP relaxation of Dantzig, all in 128-bit integers), then a deterministic choice among optimal
/// allocations (see `max_welfare_options::tie`). Worst case exponential in the number of projects;
/// `opts.node_limit` caps the work and the result says whether optimality was proven (also in
/// `outcome.notes`). The trace lists the funded projects with the budget left, and the last step
/// gives the welfare. Works for every vote type.
PPB_API auto max_welfare_detailed(const instance& inst, const profile& prof, const max_welfare_options& opts = {})
    -> max_welfare_result;

/// `max_welfare_detailed(...).result`.
PPB_API auto max_utilitarian_welfare(const instance& inst, const profile& prof, const max_welfare_options& opts = {})
    -> outcome;

}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/max_welfare-inl.hpp"
#endif

#endif
