/// @file
/// Greedy rules: "most votes win while the money lasts" (BNU, CONSUL, most pabulib cities) and
/// greedy by support per cost.
#ifndef PPB_TALLY_GREEDY_HPP
#define PPB_TALLY_GREEDY_HPP

#include <optional>

#include "ppb/ballots/profile.hpp"
#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

/// What a voter's support for a project is worth to a rule.
enum class satisfaction_kind : std::uint8_t {
  points,       ///< approvals, points or score (ordinal: k, k−1, …, 1 by rank) — what cities use
  cost,         ///< pabutools' Cost_Sat: greedy ranks by the number of supporters
  cardinality,  ///< pabutools' Cardinality_Sat: greedy ranks by supporters per cost
};

/// Stable name (`"points"`); `parse_satisfaction` is its inverse and throws `usage_error`.
PPB_API auto satisfaction_name(satisfaction_kind s) noexcept -> std::string_view;
PPB_API auto parse_satisfaction(std::string_view name) -> satisfaction_kind;

/// Options of `greedy`.
struct greedy_options {
  satisfaction_kind satisfaction = satisfaction_kind::points;
  /// Rank by support divided by cost ("greedy-cost"); with `cardinality` the support is already
  /// per cost and is not divided again.
  bool per_cost = false;
  tie_break tie = tie_break::standard();
  /// greedy-no-skip: stop at the first project that does not fit. Projects that cost more than
  /// the whole budget (pabulib's withdrawn-project sentinels) are skipped without stopping.
  bool stop_at_first_unaffordable = false;
  /// greedy-threshold: projects with fewer total points than this are excluded.
  std::optional<std::int64_t> min_points;
};

/// Greedy: rank projects by support (see `satisfaction_kind`), best first, ties by `opts.tie`;
/// fund each that still fits in the remaining budget, skip the others and go on.
/// Pure: same inputs, same outcome. O(n log n + total ballot length). Exact: ratios compared by
/// 128-bit cross-multiplication. With `satisfaction = cost` or `cardinality` and
/// `tie = lexicographic()` it equals pabutools' `greedy_utilitarian_welfare(Cost_Sat /
/// Cardinality_Sat)`.
namespace tally {
PPB_API auto greedy(const instance& inst, const profile& prof, const greedy_options& opts = {}) -> outcome;
}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/greedy-inl.hpp"
#endif

#endif
