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

}  // namespace crypto

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/crypto/canonical-inl.hpp"
#endif

#endif
