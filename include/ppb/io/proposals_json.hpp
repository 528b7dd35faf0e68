/// @file
/// The files of the proposal workflow (docs/proposals.md): proposals as residents submit,
/// revise and withdraw them (`ppb/proposals/v1`), the expert council's review votes and merges
/// (`ppb/reviews/v1`), and the audit trail as CSV.
#ifndef PPB_IO_PROPOSALS_JSON_HPP
#define PPB_IO_PROPOSALS_JSON_HPP

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/proposals/registry.hpp"

PPB_BEGIN_NAMESPACE

/// What an entry of a proposals file asks for.
enum class proposal_action : std::uint8_t {
  submit = 0,    ///< a new proposal
  revise = 1,    ///< the author's revision of a returned proposal
  withdraw = 2,  ///< the author withdraws it
};

/// One entry of a proposals file.
struct proposal_entry {
  proposal_action action = proposal_action::submit;
  submission fields;                 ///< for withdraw: only id and author
  std::chrono::sys_seconds at{};     ///< when it was done (UTC)
  std::string comment;               ///< withdraw: why
  friend auto operator==(const proposal_entry&, const proposal_entry&) -> bool = default;
};

/// One entry of a reviews file: a council member's vote, or a merge.
struct review_entry {
  std::string proposal;
  bool merge = false;  ///< a merge of `proposal` into `into` instead of a vote
  std::string into;
  review_vote vote;    ///< reviewer, decision, cost, ground, comment, at (for a merge: reviewer, comment, at)
  friend auto operator==(const review_entry&, const review_entry&) -> bool = default;
};

namespace io {

/// Parses a `ppb/proposals/v1` document. Throws `parse_error` for text that is not JSON
/// (`json_syntax`, with the line) or not such a document (`bad_value` / `missing_field` /
/// `bad_date`, listing every problem with its JSON path). Empty titles, unknown units and the
/// like are not errors here: the registry refuses them with reason codes.
PPB_API auto parse_proposal_entries(std::string_view text, std::string_view name = "<input>")
    -> std::vector<proposal_entry>;

/// Parses a `ppb/reviews/v1` document; errors as `parse_proposal_entries`.
PPB_API auto parse_review_entries(std::string_view text, std::string_view name = "<input>") -> std::vector<review_entry>;

/// Applies one entry of a proposals file to `registry`: a submission (`roll` may be null: then
/// authors' residence is not checked), the author's revision, or a withdrawal.
PPB_API auto apply_entry(proposal_registry& registry, const election_definition& election, const voter_roll* roll,
                         const proposal_entry& entry) -> proposal_verdict;

/// Applies one entry of a reviews file to `registry`: a council member's vote, or a merge.
PPB_API auto apply_entry(proposal_registry& registry, const election_definition& election, const review_entry& entry)
    -> proposal_verdict;

/// The proposals (all, or only those of `unit` when it is not empty), in submission order, as
/// one line of JSON: `[{"id", "unit", "state", "author", "title", "description", "address",
/// "category", "estimated_cost", "final_cost" (null until approved), "cost" (the ballot's),
/// "submitted_at", "revisions", "round", "rejection" (a ground's name or null), "decision_comment",
/// "merged_into", "attachments": [{"ref", "sha256"}]}]`. Money is an integer count of the
/// election's smallest unit; states and reasons are their stable names. What `ppb proposals list
/// --json` prints and the C ABI's `ppb_registry_list_json` returns.
PPB_API auto proposals_to_json_text(const proposal_registry& registry, std::string_view unit = {}) -> std::string;

/// Writes the audit trail as CSV: `seq,at,proposal,actor,from,to,reason,comment` (RFC 4180
/// quoting, `from` empty for a submission, `reason` a stable reason name or empty).
PPB_API void write_audit_csv(std::ostream& out, const proposal_registry& registry);

}  // namespace io
PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/proposals_json-inl.hpp"
#endif

#endif
