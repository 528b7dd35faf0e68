/// @file
/// The eligibility checker: may this voter vote in this unit at this moment? The answer is a
/// verdict — eligible, or every failed condition with a stable reason code — never an exception:
/// an ineligible voter is an expected event, not an engine failure (STYLE.md §5).
#ifndef PPB_ELIGIBILITY_CHECKER_HPP
#define PPB_ELIGIBILITY_CHECKER_HPP

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/eligibility/roll.hpp"
#include "ppb/model/election.hpp"

PPB_BEGIN_NAMESPACE

/// Why a voter may not vote in a unit. Values and names are pinned: codes never change meaning.
enum class eligibility_reason : std::uint8_t {
  unknown_unit = 1,            ///< the unit is not in the election
  no_ballot_in_unit = 2,       ///< the unit has no budget envelope, so no ballot
  outside_voting_window = 3,   ///< the moment is outside the voting phase
  underage = 4,                ///< younger than the minimum age on the (local) voting day
  not_resident = 5,            ///< the unit is neither the voter's own nor contains it
  other_units_exhausted = 6,   ///< already voted in as many other units as the policy allows
  registered_after_cutoff = 7, ///< registered at this residence after the cutoff date
  not_active = 8,              ///< roll status is suspended or removed
  already_voted_online = 9,    ///< voted online in this unit, and the election refuses revotes
  already_voted_paper = 10,    ///< voted on paper in this unit (a paper vote cannot be replaced)
  not_on_roll = 11,            ///< the IIN is not on the voter roll
};

/// Every reason, in value order.
inline constexpr eligibility_reason all_eligibility_reasons[] = {
    eligibility_reason::unknown_unit,          eligibility_reason::no_ballot_in_unit,
    eligibility_reason::outside_voting_window, eligibility_reason::underage,
    eligibility_reason::not_resident,          eligibility_reason::other_units_exhausted,
    eligibility_reason::registered_after_cutoff, eligibility_reason::not_active,
    eligibility_reason::already_voted_online,  eligibility_reason::already_voted_paper,
    eligibility_reason::not_on_roll};

/// Stable snake_case name (`"underage"`).
PPB_API auto reason_name(eligibility_reason r) noexcept -> std::string_view;
/// The reason explained to a citizen in `l`.
PPB_API auto message(eligibility_reason r, lang l) noexcept -> std::string_view;

/// One failed condition: its code and a detail for logs and officials (English, with the
/// numbers: "age 17 on 2026-05-01; minimum 18").
struct eligibility_failure {
  eligibility_reason reason{};
  std::string detail;
  friend auto operator==(const eligibility_failure&, const eligibility_failure&) -> bool = default;
};

/// Eligible (no failures), or every failed condition in reason-code order.
struct eligibility_verdict {
  std::vector<eligibility_failure> failures;
  [[nodiscard]] auto eligible() const noexcept -> bool { return failures.empty(); }
  /// Whether condition `r` failed.
  [[nodiscard]] auto has(eligibility_reason r) const noexcept -> bool {
    for (const auto& f : failures)
      if (f.reason == r) return true;
    return false;
  }
};

namespace eligibility {

/// May `voter` vote in `unit` at `at`? Checks, and reports each that fails: the unit is in the
/// election and has a ballot; `at` is inside the voting phase; the voter's age (from the IIN) on
/// the local date of `at` is at least the policy's minimum; residence (`unit` is the voter's
/// unit or contains it; with `own_plus_others`, up to N other units, counted in `voted`);
/// registered on or before the cutoff; status active; and, when `voted` is given, not already
/// voted in `unit` (on paper: always refused; online: refused unless the revote policy is
/// `latest`). Pure function; O(depth of the territory tree + units voted in).
PPB_API auto check(const voter_record& voter, const election_definition& election, std::string_view unit,
                   std::chrono::sys_seconds at, const voted_set* voted = nullptr) -> eligibility_verdict;

/// The same for an IIN looked up on `roll`; `not_on_roll` alone when it is not there.
PPB_API auto check(const voter_roll& roll, const iin& voter, const election_definition& election,
                   std::string_view unit, std::chrono::sys_seconds at, const voted_set* voted = nullptr)
    -> eligibility_verdict;

}  // namespace eligibility

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/eligibility/checker-inl.hpp"
#endif

#endif
