/// @file
/// `ballot/v1`: the canonical byte encoding of a signed ballot (docs/ballot.md, DESIGN.md §5).
/// A ballot is these bytes and an Ed25519 signature over them, never a re-serialisation: the
/// box verifies the signature over the exact received bytes before it parses anything, then
/// parses strictly, so that `open(b)` succeeds only if `encode(open(b)) == b`.
///
/// | size | field |
/// | ---: | --- |
/// | 16 | context `"ppb/ballot/v1\0\0\0"` |
/// | 32 | election id = SHA-256("ppb/election/v1" ‖ exact definition bytes) |
/// | 4 | unit: index among the election's ballot units, in definition order |
/// | 32 | credential public key |
/// | 8 | revision (per credential and unit, strictly increasing) |
/// | 16 | random nonce |
/// | 2 | payload type: 1 approval, 2 points, 3 ranking |
/// | 4 | payload length n |
/// | n | payload: u16 count, then count u16 project indices (approval: strictly increasing;
///       ranking: distinct, most preferred first) or count (u16 index, u32 points > 0) pairs
///       with strictly increasing indices |
/// | 64 | signature over every byte before it |
///
/// Integers are big-endian.
#ifndef PPB_CRYPTO_CANONICAL_HPP
#define PPB_CRYPTO_CANONICAL_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/crypto/hash.hpp"
#include "ppb/crypto/keys.hpp"

PPB_BEGIN_NAMESPACE

/// Bytes of the fixed fields before the payload, of the nonce, and the smallest signed ballot.
inline constexpr std::size_t ballot_header_bytes = 114;
inline constexpr std::size_t ballot_nonce_bytes = 16;
inline constexpr std::size_t ballot_min_bytes = ballot_header_bytes + 2 + signature_bytes;
/// The domain-separation context every ballot starts with.
inline constexpr std::string_view ballot_context{"ppb/ballot/v1\0\0\0", 16};

/// What a ballot's payload holds. Values are pinned (they are on the wire).
enum class payload_kind : std::uint16_t {
  approval = 1,  ///< approval and choose-1 ballots: a set of projects
  points = 2,    ///< cumulative and scoring ballots: points per project
  ranking = 3,   ///< ordinal ballots: projects in order of preference
};

/// The content of a ballot: everything but the signature.
struct ballot_content {
  digest election{};                  ///< the election id
  std::uint32_t unit = 0;             ///< index of the unit among the election's ballot units
  public_key credential{};            ///< who signs it
  std::uint64_t revision = 0;         ///< counts up with each new ballot of this credential in this unit
  std::array<std::uint8_t, ballot_nonce_bytes> nonce{};  ///< random: equal ballots get different ids
  payload_kind kind = payload_kind::approval;
  std::vector<std::uint16_t> items;   ///< project indices (see the table above for their order)
  std::vector<std::uint32_t> points;  ///< points kind only: points[i] belongs to items[i]
  friend auto operator==(const ballot_content&, const ballot_content&) -> bool = default;
};

/// Why bytes are not a well-formed signed ballot. Values and names are pinned (append only);
/// the ballot box reports them with the same numbers.
enum class ballot_format_fault : std::uint16_t {
  too_short = 1,          ///< fewer bytes than the fixed fields, an empty payload and a signature
  bad_context = 2,        ///< does not start with `ballot_context` (another format or version)
  bad_signature = 3,      ///< the signature does not verify under the ballot's credential key
  truncated_payload = 4,  ///< the payload length says more bytes than there are
  trailing_bytes = 5,     ///< bytes after the payload and before the signature
  unknown_payload = 6,    ///< the payload type is not 1, 2 or 3
  count_mismatch = 7,     ///< the payload's count disagrees with its length
  wrong_order = 8,        ///< approval or points indices not strictly increasing
  duplicate_project = 9,  ///< a project appears twice
  zero_points = 10,       ///< a points entry gives 0 points
};
/// Stable name (`"bad_signature"`).
PPB_API auto ballot_format_fault_name(ballot_format_fault f) noexcept -> std::string_view;

/// The context a paper batch starts with.
inline constexpr std::string_view paper_context{"ppb/paper/v1\0\0\0\0", 16};
/// Bytes of a paper batch's fixed fields before its marks.
inline constexpr std::size_t paper_header_bytes = 92;

/// The choices of one ballot without its envelope: what a paper ballot holds.
struct ballot_choices {
  payload_kind kind = payload_kind::approval;
  std::vector<std::uint16_t> items;   ///< as in `ballot_content`
  std::vector<std::uint32_t> points;  ///< points kind only
  friend auto operator==(const ballot_choices&, const ballot_choices&) -> bool = default;
};

/// A batch of paper ballots entered at a polling point and signed by its officer (docs/ballot.md):
/// the credential keys of the voters who voted on paper ("marks", so that none of them can also
/// vote online, and no online voter on paper) and their ballots, in no order that links the two.
struct paper_batch {
  digest election{};
  std::uint32_t unit = 0;              ///< index among the election's ballot units
  public_key officer{};                ///< who signs the batch
  std::uint64_t number = 0;            ///< unique per officer
  std::vector<public_key> marks;       ///< strictly increasing
  std::vector<ballot_choices> ballots; ///< one per mark
  friend auto operator==(const paper_batch&, const paper_batch&) -> bool = default;
};

/// A paper batch that verified and parsed.
struct opened_batch {
  paper_batch batch;
  signature sig{};
};

/// `open_paper_batch`'s answer, like `open_result`.
struct open_batch_result {
  std::optional<opened_batch> batch;
  ballot_format_fault fault = ballot_format_fault::too_short;
  std::string detail;
  explicit operator bool() const noexcept { return batch.has_value(); }
};

/// A signed ballot that verified and parsed: its content and signature.
struct opened_ballot {
  ballot_content content;
  signature sig{};
};

/// `open_ballot`'s answer: the ballot, or the fault and a detail (English, for logs).
struct open_result {
  std::optional<opened_ballot> ballot;
  ballot_format_fault fault = ballot_format_fault::too_short;
  std::string detail;
  explicit operator bool() const noexcept { return ballot.has_value(); }
};

namespace crypto {

/// The election id: SHA-256("ppb/election/v1" ‖ `definition_bytes`).
PPB_API auto election_id(std::string_view definition_bytes) noexcept -> digest;

/// The canonical bytes of `b`, without a signature. Throws `usage_error` when `b` has no canonical
/// form (indices out of order or repeated, zero points, points on a non-points ballot, more than
/// 65535 items). O(items).
PPB_API auto encode_ballot(const ballot_content& b) -> byte_buffer;
/// `encode_ballot(b)` followed by `key`'s signature over it. `key` need not match `b.credential`
/// (so tests can forge); the box refuses such a ballot.
PPB_API auto sign_ballot(const ballot_content& b, const secret_key& key) -> byte_buffer;
/// Verifies the signature over the exact `signed_bytes` first, then parses strictly. Never throws
/// for bad bytes: the answer says why they are refused. Thread-safe. O(size) plus one verify.
PPB_API auto open_ballot(byte_span signed_bytes) -> open_result;
/// Parses without checking the signature (for tools that show a ballot; the box never does this).
PPB_API auto parse_ballot_unverified(byte_span signed_bytes) -> open_result;
/// The ballot id: SHA-256("ppb/ballot-id/v1" ‖ the signed bytes without the signature). The same
/// ballot re-signed (Ed25519 signatures are deterministic, but a forger's are not) keeps its id.
/// Requires at least `signature_bytes` bytes.
PPB_API auto ballot_id(byte_span signed_bytes) -> digest;

/// The canonical bytes of a paper batch without its signature; `usage_error` when it has none
/// (marks not strictly increasing, a ballot without a canonical form). O(size).
PPB_API auto encode_paper_batch(const paper_batch& b) -> byte_buffer;
/// `encode_paper_batch(b)` followed by the officer's signature.
PPB_API auto sign_paper_batch(const paper_batch& b, const secret_key& officer) -> byte_buffer;
/// Verifies the officer's signature over the exact bytes, then parses strictly, like `open_ballot`.
/// (`wrong_order` / `duplicate_project` also cover marks out of order or repeated.)
PPB_API auto open_paper_batch(byte_span signed_bytes) -> open_batch_result;
/// The batch id: SHA-256("ppb/paper-id/v1" ‖ the signed bytes without the signature).
PPB_API auto paper_batch_id(byte_span signed_bytes) -> digest;
/// Whether `bytes` start with the paper-batch context (otherwise they are read as a ballot).
PPB_API auto is_paper_batch(byte_span signed_bytes) noexcept -> bool;

}  // namespace crypto

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/crypto/canonical-inl.hpp"
#endif

#endif
