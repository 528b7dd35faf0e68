/// @file
/// The proposal registry: submission with every check of the election's proposal rules, review
/// by the expert council, revision, withdrawal, merging — each step validated against the
/// lifecycle (proposals/proposal.hpp) and kept in an audit trail. Refusals are values
/// (`proposal_verdict` with coded problems), never exceptions.
#ifndef PPB_PROPOSALS_REGISTRY_HPP
#define PPB_PROPOSALS_REGISTRY_HPP

#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ppb/eligibility/roll.hpp"
#include "ppb/model/election.hpp"
#include "ppb/proposals/proposal.hpp"

PPB_BEGIN_NAMESPACE

/// All proposals of one budget cycle and the audit trail of every transition. The registry does
/// not hold the election or the roll: each request takes them, so a snapshot stores each once.
/// Not thread-safe for writes; concurrent reads are safe.
class PPB_API proposal_registry {
 public:
  /// Submits a proposal at time `at`. Checks, reporting every failure: the submission window;
  /// the author (valid IIN; age on the local date ≥ `author_min_age`, else the voting age; and
  /// with a `roll`: on it, active, living in the unit or inside it); the unit (in the election,
  /// with a budget); title and the election's required fields; the category; the cost (≥ min,
  /// ≤ the cap and the unit's budget); attachments; the author's limit; the id; and likely
  /// duplicates (same unit; normalised titles with the same numbers and within 10% edit
  /// distance, and addresses too when both have one; rejected, withdrawn and merged proposals
  /// are not compared). Without a roll
  /// residence is not checked. On success the proposal is `submitted` (audit: actor = author).
  /// O(proposals in the unit × title length).
  auto submit(const election_definition& election, const voter_roll* roll, const submission& s,
              std::chrono::sys_seconds at) -> proposal_verdict;

  /// Records a council member's vote. A vote on a `submitted` or `resubmitted` proposal first
  /// opens its review round (→ `under_review`, actor = the reviewer). Checks: the proposal
  /// exists and can be under review; `at` is in the review or re-review phase (if the election
  /// has neither: before voting begins); the reviewer is on the council (if it lists members) and
  /// has not voted in this round; a rejection has a ground (40–59) and a comment, a return a
  /// comment; a revised cost is within the cost rules. Once the round has `quorum` votes the
  /// decision is taken (actor `council`): approved when every vote (`all`) or more than half
  /// (`majority`) approve, at the lower median of the approving votes' costs; otherwise returned
  /// for revision when at least as many votes return as reject and revisions remain; otherwise
  /// rejected, on the most frequent ground among the reject votes (first cast wins a tie), or on
  /// `revision_limit_reached` when nobody rejected.
  auto review(const election_definition& election, std::string_view id, review_vote vote) -> proposal_verdict;

  /// The author revises a returned proposal (→ `resubmitted`; the next vote opens round n+1).
  /// `revised.author` must be the author; `revised.unit` must be empty or unchanged; the fields
  /// are checked as on submission (except the window, the author's limit and eligibility: the
  /// revision phase applies, or, without one, any time before voting begins).
  auto resubmit(const election_definition& election, std::string_view id, const submission& revised,
                std::chrono::sys_seconds at) -> proposal_verdict;

  /// The author withdraws the proposal (any non-final state → `withdrawn`). Like every step
  /// below (and `review`, `resubmit`), it is refused with `illegal_transition` when dated before
  /// the proposal's latest transition: the audit trail never goes back in time.
  auto withdraw(std::string_view id, std::string_view author, std::chrono::sys_seconds at, std::string comment = {})
      -> proposal_verdict;

  /// The council merges proposal `id` into `into` (same unit, neither final, not itself).
  auto merge(std::string_view id, std::string_view into, std::string_view actor, std::chrono::sys_seconds at,
             std::string comment = {}) -> proposal_verdict;

  /// Low-level step of the state machine: moves `id` to `to` if the lifecycle allows it and `at`
  /// is not earlier than the proposal's latest transition (else `illegal_transition`), and
  /// records it. The operations above use it; officials' tools may too (the audit trail shows it).
  auto transition(std::string_view id, proposal_state to, std::string_view actor, std::chrono::sys_seconds at,
                  std::optional<proposal_reason> reason = std::nullopt, std::string comment = {}) -> proposal_verdict;

  /// The proposal with this id, or nullptr. O(1).
  [[nodiscard]] auto find(std::string_view id) const -> const proposal*;
  /// All proposals in submission order.
  [[nodiscard]] auto proposals() const noexcept -> const std::vector<proposal>& { return proposals_; }
  /// Every transition in the order applied.
  [[nodiscard]] auto audit() const noexcept -> const std::vector<audit_entry>& { return audit_; }
  /// The approved proposals of `unit`, in submission order.
  [[nodiscard]] auto approved(std::string_view unit) const -> std::vector<const proposal*>;

  /// Rebuilds a registry from stored parts (snapshots). Throws `usage_error` if two proposals
  /// share an id.
  static auto restore(std::vector<proposal> proposals, std::vector<audit_entry> audit) -> proposal_registry;

  friend auto operator==(const proposal_registry& a, const proposal_registry& b) -> bool {
    return a.proposals_ == b.proposals_ && a.audit_ == b.audit_;
  }

 private:
  auto find_mutable(std::string_view id) -> proposal*;
  /// An `illegal_transition` problem when `at` is earlier than `p`'s latest audit entry (the
  /// audit trail never goes back in time), else nothing.
  [[nodiscard]] auto backdated(const proposal& p, std::chrono::sys_seconds at) const -> std::optional<proposal_problem>;
  void record(proposal& p, proposal_state to, std::string_view actor, std::chrono::sys_seconds at,
              std::optional<proposal_reason> reason, std::string comment);
  void check_fields(const election_definition& election, const submission& s, const std::string& self,
                    std::vector<proposal_problem>& problems) const;
  void decide(const election_definition& election, proposal& p, std::chrono::sys_seconds at);

  std::vector<proposal> proposals_;
  std::vector<audit_entry> audit_;
  std::unordered_map<std::string, std::size_t> index_;
};

namespace detail {
/// Text normalised for duplicate detection: lowercase (Latin, Russian and Kazakh Cyrillic; ё→е),
/// letters and digits kept, everything else one space, trimmed. As code points.
PPB_API auto normalise_for_duplicates(std::string_view text) -> std::u32string;
/// Whether two normalised texts are near-identical: the same numbers in the same order (house
/// numbers tell places apart) and an edit distance ≤ ⌊longer length / 10⌋.
PPB_API auto near_identical(const std::u32string& a, const std::u32string& b) -> bool;
}  // namespace detail

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/proposals/registry-inl.hpp"
#endif

#endif
