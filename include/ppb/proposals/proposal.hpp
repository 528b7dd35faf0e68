/// @file
/// Proposals: what a resident submits, the reason codes of every refusal and rejection, the
/// lifecycle states and which transitions between them are legal, review votes and the audit
/// trail. The registry that runs them is in proposals/registry.hpp.
///
/// Lifecycle (every other transition is refused with `illegal_transition`):
///
/// | from | to |
/// | --- | --- |
/// | (new) | submitted |
/// | submitted | under_review, withdrawn, merged |
/// | under_review | approved, returned, rejected, merged, withdrawn |
/// | returned | resubmitted, withdrawn |
/// | resubmitted | under_review, withdrawn, merged |
/// | approved | withdrawn, merged |
/// | rejected, withdrawn, merged | — (final) |
#ifndef PPB_PROPOSALS_PROPOSAL_HPP
#define PPB_PROPOSALS_PROPOSAL_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/core/lang.hpp"
#include "ppb/core/money.hpp"

PPB_BEGIN_NAMESPACE

/// Why a proposal, a revision, a review vote or a lifecycle step was refused, or why the council
/// rejected a proposal. Values and names are pinned: codes never change meaning.
/// 1–19: submission checks; 20–39: lifecycle and review; 40–59: grounds on which the expert
/// council rejects a proposal (`is_rejection_ground`).
enum class proposal_reason : std::uint8_t {
  outside_submission_window = 1,  ///< submitted outside the submission phase
  author_iin_invalid = 2,         ///< the author's IIN fails `check_iin`
  author_underage = 3,            ///< the author is younger than the authors' minimum age
  author_not_resident = 4,        ///< the author does not live in the proposal's unit
  author_not_on_roll = 5,         ///< the author's IIN is not on the roll
  author_not_active = 6,          ///< the author's roll status is not active
  unit_not_in_election = 7,       ///< the unit is not in the election
  unit_without_budget = 8,        ///< the unit has no budget envelope, so no ballot
  category_not_allowed = 9,       ///< the category is not one the election allows
  cost_above_cap = 10,            ///< the cost is above the per-project cap (or the unit's budget)
  cost_below_minimum = 11,        ///< the cost is below the minimum
  missing_field = 12,             ///< a required field is empty (the detail names it)
  author_limit_reached = 13,      ///< the author already has the maximum number of proposals
  likely_duplicate = 14,          ///< same unit, near-identical normalised title and address
  duplicate_id = 15,              ///< another proposal already has this id
  bad_attachment = 16,            ///< an attachment has no reference or a hash that is not SHA-256 hex
  unit_changed = 17,              ///< a revision tries to move the proposal to another unit
  illegal_transition = 20,        ///< the lifecycle does not allow this step from the current state
  unknown_proposal = 21,          ///< no proposal has this id
  outside_review_window = 22,     ///< a review vote outside the review and re-review phases
  outside_revision_window = 23,   ///< a revision outside the revision phase
  revision_limit_reached = 24,    ///< returned too often; rejected instead of returned again
  not_a_council_member = 25,      ///< the reviewer is not on the expert council
  already_reviewed = 26,          ///< the reviewer already voted in this review round
  bad_merge_target = 27,          ///< merge into itself, an unknown, final or other-unit proposal
  not_the_author = 28,            ///< only the author may revise or withdraw
  not_a_rejection_ground = 29,    ///< a reject vote without a ground from 40–59
  outside_competence = 40,        ///< ground: outside the local executive body's competence
  not_feasible = 41,              ///< ground: technically infeasible
  land_unavailable = 42,          ///< ground: the land is not available
  cost_unjustified = 43,          ///< ground: the cost is not justified
  already_planned = 44,           ///< ground: the work is already planned in the budget
  duplicate_of_other = 45,        ///< ground: duplicates another proposal
  against_law = 46,               ///< ground: contrary to law or building standards
  other = 59,                     ///< ground: another reason, given in the comment
};

/// Every reason, in value order.
inline constexpr proposal_reason all_proposal_reasons[] = {
    proposal_reason::outside_submission_window, proposal_reason::author_iin_invalid,
    proposal_reason::author_underage,           proposal_reason::author_not_resident,
    proposal_reason::author_not_on_roll,        proposal_reason::author_not_active,
    proposal_reason::unit_not_in_election,      proposal_reason::unit_without_budget,
    proposal_reason::category_not_allowed,      proposal_reason::cost_above_cap,
    proposal_reason::cost_below_minimum,        proposal_reason::missing_field,
    proposal_reason::author_limit_reached,      proposal_reason::likely_duplicate,
    proposal_reason::duplicate_id,              proposal_reason::bad_attachment,
    proposal_reason::unit_changed,              proposal_reason::illegal_transition,
    proposal_reason::unknown_proposal,          proposal_reason::outside_review_window,
    proposal_reason::outside_revision_window,   proposal_reason::revision_limit_reached,
    proposal_reason::not_a_council_member,      proposal_reason::already_reviewed,
    proposal_reason::bad_merge_target,          proposal_reason::not_the_author,
    proposal_reason::not_a_rejection_ground,    proposal_reason::outside_competence,
    proposal_reason::not_feasible,              proposal_reason::land_unavailable,
    proposal_reason::cost_unjustified,          proposal_reason::already_planned,
    proposal_reason::duplicate_of_other,        proposal_reason::against_law,
    proposal_reason::other};

/// Stable snake_case name (`"cost_above_cap"`).
PPB_API auto reason_name(proposal_reason r) noexcept -> std::string_view;
/// The reason from its name; nothing for an unknown name.
PPB_API auto parse_proposal_reason(std::string_view name) noexcept -> std::optional<proposal_reason>;
/// The reason explained to a citizen in `l`.
PPB_API auto message(proposal_reason r, lang l) noexcept -> std::string_view;
/// Whether `r` is a ground the council may reject on (40–59).
constexpr auto is_rejection_ground(proposal_reason r) noexcept -> bool {
  return static_cast<int>(r) >= 40 && static_cast<int>(r) <= 59;
}

/// Lifecycle states. Values and names are pinned.
enum class proposal_state : std::uint8_t {
  submitted = 0,     ///< accepted by the submission checks, waiting for review
  under_review = 1,  ///< the expert council is voting on it
  approved = 2,      ///< on the ballot of its unit
  returned = 3,      ///< returned to the author for revision
  resubmitted = 4,   ///< revised by the author, waiting for re-review
  rejected = 5,      ///< rejected by the council, with a ground and a comment (final)
  withdrawn = 6,     ///< withdrawn by the author (final)
  merged = 7,        ///< merged into another proposal (final)
};

/// Every state, in value order.
inline constexpr proposal_state all_proposal_states[] = {
    proposal_state::submitted, proposal_state::under_review, proposal_state::approved, proposal_state::returned,
    proposal_state::resubmitted, proposal_state::rejected, proposal_state::withdrawn, proposal_state::merged};

/// `"under_review"` etc.
PPB_API auto proposal_state_name(proposal_state s) noexcept -> std::string_view;
PPB_API auto parse_proposal_state(std::string_view s) noexcept -> std::optional<proposal_state>;
/// Whether the lifecycle allows `from` → `to` (the table in this file's comment).
PPB_API auto transition_allowed(proposal_state from, proposal_state to) noexcept -> bool;
/// Whether `s` is final (rejected, withdrawn, merged).
constexpr auto is_final(proposal_state s) noexcept -> bool {
  return s == proposal_state::rejected || s == proposal_state::withdrawn || s == proposal_state::merged;
}

/// A council member's vote on a proposal under review.
enum class review_decision : std::uint8_t {
  approve = 0,              ///< put it on the ballot (optionally at a revised cost)
  return_for_revision = 1,  ///< send it back to the author, with a comment
  reject = 2,               ///< reject it, with a ground (40–59) and a comment
};
/// `"approve"`, `"return"`, `"reject"`.
PPB_API auto review_decision_name(review_decision d) noexcept -> std::string_view;
PPB_API auto parse_review_decision(std::string_view s) noexcept -> std::optional<review_decision>;

/// A document attached to a proposal, by reference: where it is and, optionally, its SHA-256.
struct attachment {
  std::string ref;     ///< file name or URL; non-empty
  std::string sha256;  ///< 64 hex digits, or empty
  friend auto operator==(const attachment&, const attachment&) -> bool = default;
};

/// What a resident submits (or sends as a revision).
struct submission {
  std::string id;           ///< the proposal's id; empty: the registry assigns `P0001`, `P0002`, …
  std::string author;       ///< the author's IIN, as text
  std::string unit;         ///< id of the unit the project is for
  std::string title;        ///< becomes the project's name on the ballot
  std::string description;
  std::string address;
  std::string category;
  money cost = 0;           ///< estimated cost, smallest units
  std::vector<attachment> attachments;
  friend auto operator==(const submission&, const submission&) -> bool = default;
};

/// One council member's vote.
struct review_vote {
  std::string reviewer;
  review_decision decision = review_decision::approve;
  std::optional<money> cost;           ///< approve: the cost the review sets (absent: keep the estimate)
  std::optional<proposal_reason> ground;  ///< reject: the ground (40–59)
  std::string comment;                 ///< required to return or reject
  std::chrono::sys_seconds at{};
  std::uint32_t round = 0;             ///< set by the registry: the review round it belongs to
  friend auto operator==(const review_vote&, const review_vote&) -> bool = default;
};

/// A proposal and where it stands.
struct proposal {
  std::string id;
  std::string author;  ///< IIN text
  std::string unit, title, description, address, category;
  std::vector<attachment> attachments;
  money estimated_cost = 0;           ///< the author's latest estimate
  std::optional<money> final_cost;    ///< the cost set by the review, once approved
  proposal_state state = proposal_state::submitted;
  std::chrono::sys_seconds submitted_at{};
  std::uint32_t revisions = 0;        ///< times returned for revision
  std::uint32_t round = 1;            ///< current review round (1, then 2 after a resubmission, …)
  std::vector<review_vote> votes;     ///< every vote of every round
  std::optional<proposal_reason> rejection;  ///< the council's ground, when rejected
  std::string decision_comment;       ///< the council's comment on its latest decision
  std::string merged_into;            ///< the surviving proposal, when merged
  /// The cost on the ballot: the review's, else the estimate.
  [[nodiscard]] auto cost() const noexcept -> money { return final_cost.value_or(estimated_cost); }
  friend auto operator==(const proposal&, const proposal&) -> bool = default;
};

/// One transition, as the audit trail keeps it.
struct audit_entry {
  std::uint64_t seq = 0;                  ///< 1, 2, 3, … in the order applied
  std::chrono::sys_seconds at{};
  std::string actor;                      ///< author IIN, reviewer id, or `council` for a decision
  std::string proposal;
  std::optional<proposal_state> from;     ///< absent for the submission itself
  proposal_state to = proposal_state::submitted;
  std::optional<proposal_reason> reason;  ///< the ground of a rejection, or why the step was taken
  std::string comment;
  friend auto operator==(const audit_entry&, const audit_entry&) -> bool = default;
};

/// One problem with a request: a code and a detail for officials (English, names the values).
struct proposal_problem {
  proposal_reason reason{};
  std::string detail;
  friend auto operator==(const proposal_problem&, const proposal_problem&) -> bool = default;
};

/// The answer to a request (submit, review, resubmit, withdraw, merge, transition): done, or every
/// problem found. `state` is the proposal's state afterwards, when it exists.
struct proposal_verdict {
  std::string id;
  std::vector<proposal_problem> problems;
  std::optional<proposal_state> state;
  [[nodiscard]] auto ok() const noexcept -> bool { return problems.empty(); }
  /// Whether problem `r` was found.
  [[nodiscard]] auto has(proposal_reason r) const noexcept -> bool {
    for (const auto& p : problems)
      if (p.reason == r) return true;
    return false;
  }
};

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/proposals/proposal-inl.hpp"
#endif

#endif
