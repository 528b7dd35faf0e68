/// @file
/// Checking one ballot against its instance's ballot rules (pabulib META limits).
#ifndef PPB_BALLOTS_VALIDATION_HPP
#define PPB_BALLOTS_VALIDATION_HPP

#include <optional>
#include <string>
#include <string_view>

#include "ppb/ballots/profile.hpp"

PPB_BEGIN_NAMESPACE

/// Why a ballot breaks the rules. Values are pinned (append only); the ballot box reports them.
enum class ballot_fault : std::int32_t {
  too_few_projects = 1,
  too_many_projects = 2,
  cost_below_minimum = 3,
  cost_above_maximum = 4,
  points_below_minimum = 5,
  points_above_maximum = 6,
  point_sum_below_minimum = 7,
  point_sum_above_maximum = 8,
  unknown_project = 9,
  duplicate_project = 10,
  not_exactly_one = 11,  ///< choose-1 ballot without exactly one project
};

/// Stable name of a fault (`"too_many_projects"`).
PPB_API auto ballot_fault_name(ballot_fault f) noexcept -> std::string_view;

/// A broken rule and a sentence saying what was expected and found.
struct ballot_violation {
  ballot_fault fault;
  std::string detail;
};

/// `inst.rules` with the defaults pabulib's format gives the limits an election leaves out
/// (PB_FORMAT.md §2), for `inst.kind`:
/// - cumulative: `min_points` 0 (and never below 0: a cumulative ballot shares out points, so a
///   negative share means nothing), `max_points` = `max_sum_points`, `min_sum_points` 0;
/// - scoring: none (points per project range over −∞…∞);
/// - every type: `min_length` is *not* defaulted to the format's 1. pabutools reads a META
///   `min_length` of 1 as no limit, and an empty ballot is a voter who approved nothing (it
///   counts for MES's per-voter budget), not a broken one. `max_length` (number of projects),
///   `min_sum_cost` (0) and `max_sum_cost` (∞) defaults could never be broken and stay absent.
PPB_API auto effective_rules(const instance& inst) -> ballot_rules;

/// The first rule of `effective_rules(inst)` that `b` breaks, or nothing if it is valid for
/// `inst`. O(ballot length).
PPB_API auto validate(const instance& inst, const ballot_view& b) -> std::optional<ballot_violation>;

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/ballots/validation-inl.hpp"
#endif

#endif
