/// @file
/// The ballot log's Merkle tree: RFC 6962 (Certificate Transparency) hashing over SHA-256, with
/// inclusion and consistency proofs, and the RFC 9162 verifiers a client runs with only a proof,
/// a tree size and a root. Any CT-compatible verifier checks ppb's proofs, and the other way round.
#ifndef PPB_LEDGER_MERKLE_HPP
#define PPB_LEDGER_MERKLE_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ppb/core/bytes.hpp"
#include "ppb/crypto/hash.hpp"

PPB_BEGIN_NAMESPACE

namespace merkle {

/// RFC 6962 leaf hash: SHA-256(0x00 ‖ entry). The 0x00 prefix keeps a leaf from ever being read
/// as an inner node (second-preimage resistance). O(|entry|).
PPB_API auto leaf_hash(byte_span entry) noexcept -> digest;

/// RFC 6962 inner node hash: SHA-256(0x01 ‖ left ‖ right). O(1).
PPB_API auto node_hash(const digest& left, const digest& right) noexcept -> digest;

/// Root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). O(1).
PPB_API auto empty_root() noexcept -> digest;

/// An append-only Merkle tree over leaf hashes, as RFC 6962 §2.1 defines it.
///
/// Every level is kept: level 0 holds the leaf hashes, level k the roots of the complete, aligned
/// subtrees of 2^k leaves. A tree of n leaves therefore stores 2n − popcount(n) digests (about
/// 64n bytes), and every root the tree ever had, and every proof between any two of its past
/// sizes, is answered from stored nodes without rehashing leaves.
///
/// Sizes and indices are leaf counts and 0-based leaf positions. Const members may be called from
/// many threads at once; `append` and `reserve` need exclusive access.
class PPB_API tree {
 public:
  /// Appends one leaf hash (normally `leaf_hash(entry)`) and returns its index. Amortised O(1)
  /// (exactly one new node per level whose subtree this leaf completes). Strong exception
  /// guarantee: if memory runs out the tree is unchanged.
  auto append(const digest& leaf) -> std::uint64_t;

  /// Number of leaves. O(1).
  [[nodiscard]] auto size() const noexcept -> std::uint64_t {
    return levels_.empty() ? 0 : levels_.front().size();
  }

  /// The leaf hash at `index`. Throws `usage_error(invalid_argument)` unless `index < size()`. O(1).
  [[nodiscard]] auto leaf(std::uint64_t index) const -> const digest&;

  /// The current root, MTH(D[0:size()]); `empty_root()` for an empty tree. O(log n).
  [[nodiscard]] auto root() const -> digest;

  /// The root the tree had when it held `tree_size` leaves, MTH(D[0:tree_size]). Throws
  /// `usage_error(invalid_argument)` unless `tree_size <= size()`. O(log n).
  [[nodiscard]] auto root_at(std::uint64_t tree_size) const -> digest;

  /// RFC 6962 §2.1.1 audit path PATH(index, D[0:tree_size]), ordered from the leaf's sibling up
  /// to the child of the root; empty for a tree of one leaf. Throws `usage_error(invalid_argument)`
  /// unless `index < tree_size <= size()`. O(log n) time and result size.
  [[nodiscard]] auto inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const
      -> std::vector<digest>;

  /// RFC 6962 §2.1.2 consistency proof PROOF(old_size, D[0:new_size]), ordered bottom-up. Empty
  /// when `old_size` is 0 or equals `new_size` (nothing to prove; see `verify_consistency`).
  /// Throws `usage_error(invalid_argument)` unless `old_size <= new_size <= size()`. O(log n).
  [[nodiscard]] auto consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const
      -> std::vector<digest>;

  /// Reserves room for `leaves` leaves on every level, so that appending up to that many never
  /// reallocates. Never shrinks. O(log leaves) allocations.
  void reserve(std::uint64_t leaves);

  /// Bytes this tree holds, counting reserved capacity and the object itself. O(log n).
  [[nodiscard]] auto memory_bytes() const noexcept -> std::size_t;

 private:
  /// MTH(D[begin:end]) for 0 <= begin < end <= size() where begin is a multiple of the smallest
  /// power of two >= end − begin (true of every range the RFC recursion visits). O(log n).
  [[nodiscard]] auto range_hash(std::uint64_t begin, std::uint64_t end) const -> digest;

  std::vector<std::vector<digest>> levels_;  // levels_[k][j] = MTH(D[j·2^k : (j+1)·2^k])
};

/// Checks an inclusion proof with the RFC 9162 §2.1.3.2 algorithm: true iff `proof` shows that
/// `leaf` (a leaf hash) sits at `index` in the tree of `tree_size` leaves whose root is `root`.
/// False, never undefined behaviour, for any malformed input: `index >= tree_size`, a proof too
/// short or too long, a wrong element. The proof binds the shape of the path, not `tree_size`
/// itself; trust the size from the signed tree head that carries `root`. O(|proof|).
PPB_API auto verify_inclusion(const digest& leaf, std::uint64_t index, std::uint64_t tree_size,
                              std::span<const digest> proof, const digest& root) noexcept -> bool;

/// Checks a consistency proof with the RFC 9162 §2.1.4.2 algorithm: true iff `proof` shows that
/// the tree of `new_size` leaves with root `new_root` extends the tree of `old_size` leaves with
/// root `old_root`. Edge cases, as RFC 9162 and the CT verifiers treat them: `old_size > new_size`
/// is false; `old_size == new_size` needs an empty proof and equal roots; `old_size == 0` (with
/// `new_size > 0`) is consistent with anything, but only with an empty proof. False, never
/// undefined behaviour, for any malformed input. O(|proof|).
PPB_API auto verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const digest& old_root,
                                const digest& new_root, std::span<const digest> proof) noexcept -> bool;

}  // namespace merkle

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/ledger/merkle-inl.hpp"
#endif

#endif
