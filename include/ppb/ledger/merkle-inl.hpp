// Definitions of ppb/ledger/merkle.hpp.
#ifndef PPB_LEDGER_MERKLE_INL_HPP
#define PPB_LEDGER_MERKLE_INL_HPP

#include <algorithm>
#include <bit>
#include <string>

#include "ppb/error.hpp"
#include "ppb/ledger/merkle.hpp"

PPB_BEGIN_NAMESPACE

namespace merkle::detail {

// Largest power of two strictly below n (n >= 2): where RFC 6962 splits D[0:n].
constexpr auto split_point(std::uint64_t n) noexcept -> std::uint64_t { return std::bit_floor(n - 1); }

// Right-shifts fn and sn together until fn is odd or zero (a step both RFC 9162 verifiers share).
constexpr void skip_right_border(std::uint64_t& fn, std::uint64_t& sn) noexcept {
  while (fn != 0 && (fn & 1) == 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace merkle::detail

PPB_FUNC auto merkle::leaf_hash(byte_span entry) noexcept -> digest {
  return crypto::sha256_state().update(std::uint8_t{0x00}).update(entry).finish();
}

PPB_FUNC auto merkle::node_hash(const digest& left, const digest& right) noexcept -> digest {
  return crypto::sha256_state().update(std::uint8_t{0x01}).update(byte_span(left)).update(byte_span(right)).finish();
}

PPB_FUNC auto merkle::empty_root() noexcept -> digest { return crypto::sha256(byte_span()); }

PPB_FUNC auto merkle::tree::append(const digest& leaf) -> std::uint64_t {
  const std::uint64_t index = size();
  // The new leaf completes one subtree on each of levels 0..countr_zero(index + 1).
  const auto touched = static_cast<std::size_t>(std::countr_zero(index + 1)) + 1;
  // Allocate everything first, so that a bad_alloc leaves the tree as it was; empty top levels
  // and spare capacity are harmless.
  while (levels_.size() < touched) levels_.emplace_back();
  for (std::size_t k = 0; k < touched; ++k) {
    auto& level = levels_[k];
    if (level.size() == level.capacity()) level.reserve(std::max<std::size_t>(8, 2 * level.capacity()));
  }
  // Nothing below allocates or throws.
  levels_[0].push_back(leaf);
  for (std::size_t k = 1; k < touched; ++k) {
    const auto& below = levels_[k - 1];
    const digest parent = node_hash(below[below.size() - 2], below.back());
    levels_[k].push_back(parent);
  }
  return index;
}

PPB_FUNC auto merkle::tree::leaf(std::uint64_t index) const -> const digest& {
  if (index >= size())
    throw usage_error("merkle leaf " + std::to_string(index) + " does not exist; the tree has " +
                      std::to_string(size()) + " leaves");
  return levels_[0][static_cast<std::size_t>(index)];
}

PPB_FUNC auto merkle::tree::range_hash(std::uint64_t begin, std::uint64_t end) const -> digest {
  // D[begin:end] splits into complete subtrees, one per set bit of its length, largest on the
  // left; all are stored because begin is aligned. Fold them right to left, as MTH nests them.
  std::uint64_t rest = end - begin;
  std::uint64_t at = end;
  auto take_lowest = [&]() -> const digest& {
    const int level = std::countr_zero(rest);
    rest &= rest - 1;
    at -= std::uint64_t{1} << level;
    return levels_[static_cast<std::size_t>(level)][static_cast<std::size_t>(at >> level)];
  };
  digest h = take_lowest();
  while (rest != 0) h = node_hash(take_lowest(), h);
  return h;
}

PPB_FUNC auto merkle::tree::root() const -> digest { return root_at(size()); }

PPB_FUNC auto merkle::tree::root_at(std::uint64_t tree_size) const -> digest {
  if (tree_size > size())
    throw usage_error("merkle root of size " + std::to_string(tree_size) + " asked of a tree of " +
                      std::to_string(size()) + " leaves");
  return tree_size == 0 ? empty_root() : range_hash(0, tree_size);
}

PPB_FUNC auto merkle::tree::inclusion_proof(std::uint64_t index, std::uint64_t tree_size) const
    -> std::vector<digest> {
  if (tree_size > size() || index >= tree_size)
    throw usage_error("merkle inclusion proof of leaf " + std::to_string(index) + " in size " +
                      std::to_string(tree_size) + " asked of a tree of " + std::to_string(size()) +
                      " leaves; needs index < tree_size <= size");
  // PATH recursion, top-down; the RFC lists the path bottom-up, so reverse at the end. Once the
  // walk turns left the range is a complete subtree, so only one sibling costs more than O(1).
  std::vector<digest> path;
  std::uint64_t begin = 0, end = tree_size;
  while (end - begin > 1) {
    const std::uint64_t k = detail::split_point(end - begin);
    if (index < begin + k) {
      path.push_back(range_hash(begin + k, end));
      end = begin + k;
    } else {
      path.push_back(range_hash(begin, begin + k));
      begin += k;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

PPB_FUNC auto merkle::tree::consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const
    -> std::vector<digest> {
  if (new_size > size() || old_size > new_size)
    throw usage_error("merkle consistency proof from size " + std::to_string(old_size) + " to " +
                      std::to_string(new_size) + " asked of a tree of " + std::to_string(size()) +
                      " leaves; needs old_size <= new_size <= size");
  std::vector<digest> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  // SUBPROOF(m, D[begin:end], whole), top-down; `whole` is the RFC's flag b: still on the path
  // whose node MTH(D[0:m]) the verifier already holds.
  std::uint64_t begin = 0, end = new_size;
  bool whole = true;
  for (;;) {
    const std::uint64_t n = end - begin, m = old_size - begin;
    if (m == n) {
      if (!whole) proof.push_back(range_hash(begin, end));
      break;
    }
    const std::uint64_t k = detail::split_point(n);
    if (m <= k) {
      proof.push_back(range_hash(begin + k, end));
      end = begin + k;
    } else {
      proof.push_back(range_hash(begin, begin + k));
      begin += k;
      whole = false;
    }
  }
  std::reverse(proof.begin(), proof.end());
  return proof;
}

PPB_FUNC void merkle::tree::reserve(std::uint64_t leaves) {
  const auto levels = static_cast<std::size_t>(std::bit_width(leaves));  // level k holds leaves >> k
  if (levels_.size() < levels) levels_.resize(levels);
  for (std::size_t k = 0; k < levels; ++k) levels_[k].reserve(static_cast<std::size_t>(leaves >> k));
}

PPB_FUNC auto merkle::tree::memory_bytes() const noexcept -> std::size_t {
  std::size_t total = sizeof(*this) + levels_.capacity() * sizeof(std::vector<digest>);
  for (const auto& level : levels_) total += level.capacity() * sizeof(digest);
  return total;
}

PPB_FUNC auto merkle::verify_inclusion(const digest& leaf, std::uint64_t index, std::uint64_t tree_size,
                                       std::span<const digest> proof, const digest& root) noexcept -> bool {
  // RFC 9162 §2.1.3.2, step by step. fn walks the leaf's position up the tree, sn the last
  // leaf's; the proof must run out exactly when they meet at the root (sn == 0).
  if (index >= tree_size) return false;
  std::uint64_t fn = index, sn = tree_size - 1;
  digest r = leaf;
  for (const digest& p : proof) {
    if (sn == 0) return false;  // proof too long
    if ((fn & 1) != 0 || fn == sn) {
      r = node_hash(p, r);
      // On the right border a node without a right sibling is promoted unchanged; skip those levels.
      if ((fn & 1) == 0) detail::skip_right_border(fn, sn);
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

PPB_FUNC auto merkle::verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const digest& old_root,
                                         const digest& new_root, std::span<const digest> proof) noexcept -> bool {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty();  // every tree extends the empty one; there is nothing to prove
  // RFC 9162 §2.1.4.2. Step 1: a non-trivial proof is never empty.
  if (proof.empty()) return false;
  // Step 2: when old_size is a power of two the old root is itself a node of the new tree and the
  // proof leaves it out; the RFC prepends it. Start from it instead of copying the proof.
  const bool old_is_node = std::has_single_bit(old_size);
  std::size_t next = old_is_node ? 0 : 1;
  digest fr = old_is_node ? old_root : proof[0];
  digest sr = fr;
  // Steps 3–4: start from the old tree's last leaf, lifted above the levels where it is a right
  // child (their left siblings lie inside the node the seed already stands for).
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  // Step 6: fr rebuilds the old root from left siblings only; sr the new root from all of them.
  for (; next < proof.size(); ++next) {
    const digest& c = proof[next];
    if (sn == 0) return false;  // proof too long
    if ((fn & 1) != 0 || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      if ((fn & 1) == 0) detail::skip_right_border(fn, sn);
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  // Step 7.
  return sn == 0 && fr == old_root && sr == new_root;
}

PPB_END_NAMESPACE

#endif
