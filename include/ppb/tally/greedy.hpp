/// @file
/// Greedy rules: "most votes win while the money lasts" (BNU, CONSUL, most pabulib cities) and
/// greedy by support per cost.
#ifndef PPB_TALLY_GREEDY_HPP
#define PPB_TALLY_GREEDY_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Which of pabulib's greedy rules (META `rule`) an outcome follows; only names the outcome and
/// its notes — the behaviour is in `greedy_options`' fields.
enum class greedy_variant : std::uint8_t {
  standard,   ///< `greedy`: fund each project that fits, skip the others
  threshold,  ///< `greedy-threshold`: projects below `min_points` are excluded
  no_skip,    ///< `greedy-no-skip`: stop at the first project that does not fit
  exclusive,  ///< `greedy-exclusive`: greedy where the city declared some projects mutually exclusive
};

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
  /// Projects funded before greedy starts, when greedy completes another rule (MES): they stay
  /// funded, first in `selected`, and greedy ranks and funds the others from what they leave.
  std::vector<project_index> already_funded;
  /// Names the outcome (`greedy-threshold`, …); see `greedy_variant_options`.
  greedy_variant variant = greedy_variant::standard;
};

/// Greedy: rank projects by support (see `satisfaction_kind`), best first, ties by `opts.tie`;
/// fund each that still fits in the remaining budget, skip the others and go on.
/// Pure: same inputs, same outcome. O(n log n + total ballot length). Exact: ratios compared by
/// 128-bit cross-multiplication. With `satisfaction = cost` or `cardinality` and
/// `tie = lexicographic()` it equals pabutools' `greedy_utilitarian_welfare(Cost_Sat /
/// Cardinality_Sat)`.
namespace tally {
PPB_API auto greedy(const instance& inst, const profile& prof, const greedy_options& opts = {}) -> outcome;

/// The rule names `greedy_variant_options` knows: `greedy`, `greedy-threshold`,
/// `greedy-no-skip`, `greedy-exclusive` (pabulib's META `rule` values).
PPB_API auto greedy_variant_names() -> std::vector<std::string>;

/// The options of pabulib's greedy rule `rule` for this instance, as pabulib's checker applies
/// it (PB_FORMAT.md §5); satisfaction and tie-break keep their defaults, for the caller to set.
/// - `greedy`: plain greedy.
/// - `greedy-threshold`: `min_points` = META `min_project_score_threshold` (an integer; a
///   project needs at least that score, approval: votes). Throws `usage_error` if the META
///   key is absent or not a whole number.
/// - `greedy-no-skip`: `stop_at_first_unaffordable`.
/// - `greedy-exclusive`: plain greedy. The variant lets a city treat projects as mutually
///   exclusive (e.g. two for the same place), but pabulib files do not record which ones, so
///   the official outcome can only be reproduced when no exclusion bound it (Warszawa 2024
///   Białołęka: it did not). The outcome says so in `notes`.
/// Throws `usage_error` for any other name.
PPB_API auto greedy_variant_options(const instance& inst, std::string_view rule) -> greedy_options;
}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/greedy-inl.hpp"
#endif

#endif
