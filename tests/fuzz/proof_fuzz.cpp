// libFuzzer target: Merkle proofs (merkle::verify_inclusion, merkle::verify_consistency, merkle::tree).
//
// Part 1, arbitrary proofs: the input is read as three big-endian u64s (a, b, c) and then 32-byte
// digests d0, d1, d2...; the verifiers get sizes and indices a, b, c, the digests d0 and d1 as
// leaf/roots and the rest as the proof. They must return, never crash, and honour their documented
// edge cases (index >= size, old > new, old == new, old == 0).
// Part 2, real proofs: a tree of n <= 64 distinct leaves derived from the input. Its roots match a
// reference RFC 6962 MTH, its proofs match the reference PATH and PROOF and verify, and the same
// proof with one bit flipped, one element dropped or one element added does not.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

#include "ppb/ledger/merkle.hpp"

namespace {

using ppb::digest;
namespace merkle = ppb::merkle;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "proof_fuzz: property violated: %s\n", what);
  __builtin_trap();
}

// Reads the input front to back; past its end every byte is zero.
struct reader {
  const std::uint8_t* data;
  std::size_t size, pos = 0;
  auto byte() -> std::uint8_t { return pos < size ? data[pos++] : std::uint8_t{0}; }
  auto u64() -> std::uint64_t {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | byte();
    return v;
  }
  auto dig() -> digest {
    digest d{};
    for (auto& x : d) x = byte();
    return d;
  }
};

void arbitrary_proofs(const std::uint8_t* data, std::size_t size) {
  reader in{data, size};
  const std::uint64_t a = in.u64(), b = in.u64(), c = in.u64();
  const digest d0 = in.dig(), d1 = in.dig();
  std::vector<digest> proof;
  while (in.pos + ppb::digest_bytes <= size) proof.push_back(in.dig());
  const std::span<const digest> p(proof);

  for (const auto& [index, tree_size] : {std::pair{a, b}, std::pair{c, b}, std::pair{a, c}}) {
    const bool ok = merkle::verify_inclusion(d0, index, tree_size, p, d1);
    if (ok && index >= tree_size) fail("inclusion verified with index >= tree_size");
    if (ok && proof.size() > 64) fail("inclusion verified with a proof longer than any tree's height");
  }
  for (const auto& [m, n] : {std::pair{a, b}, std::pair{b, a}, std::pair{a, c}, std::pair{c, b}}) {
    const bool ok = merkle::verify_consistency(m, n, d0, d1, p);
    if (m > n && ok) fail("consistency verified with old_size > new_size");
    if (m == n && ok != (proof.empty() && d0 == d1)) fail("old_size == new_size: needs an empty proof and equal roots");
    if (m == 0 && n > 0 && ok != proof.empty()) fail("old_size == 0: consistent exactly when the proof is empty");
    if (ok && proof.size() > 65) fail("consistency verified with a proof longer than any tree's height");
  }
}

// RFC 6962 §2.1 definitions, recursively, over leaf hashes.
auto split(std::size_t n) -> std::size_t {
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
auto ref_mth(std::span<const digest> d) -> digest {
  if (d.empty()) return merkle::empty_root();
  if (d.size() == 1) return d[0];
  const std::size_t k = split(d.size());
  return merkle::node_hash(ref_mth(d.first(k)), ref_mth(d.subspan(k)));
}
void ref_path(std::size_t m, std::span<const digest> d, std::vector<digest>& out) {
  if (d.size() <= 1) return;
  const std::size_t k = split(d.size());
  if (m < k) {
    ref_path(m, d.first(k), out);
    out.push_back(ref_mth(d.subspan(k)));
  } else {
    ref_path(m - k, d.subspan(k), out);
    out.push_back(ref_mth(d.first(k)));
  }
}
void ref_subproof(std::size_t m, std::span<const digest> d, bool whole, std::vector<digest>& out) {
  if (m == d.size()) {
    if (!whole) out.push_back(ref_mth(d));
    return;
  }
  const std::size_t k = split(d.size());
  if (m <= k) {
    ref_subproof(m, d.first(k), whole, out);
    out.push_back(ref_mth(d.subspan(k)));
  } else {
    ref_subproof(m - k, d.subspan(k), false, out);
    out.push_back(ref_mth(d.first(k)));
  }
}

void flip(digest& d, std::uint8_t bit) { d[(bit >> 3) % d.size()] ^= static_cast<std::uint8_t>(1u << (bit & 7)); }

void real_proofs(const std::uint8_t* data, std::size_t size) {
  reader in{data, size};
  const std::size_t n = in.byte() % 65;
  merkle::tree t;
  std::vector<digest> leaves;
  for (std::size_t i = 0; i < n; ++i) {
    // Distinct leaves: the index, then one input byte.
    const std::uint8_t entry[2] = {static_cast<std::uint8_t>(i), in.byte()};
    leaves.push_back(merkle::leaf_hash(entry));
    if (t.append(leaves.back()) != i) fail("append returned the wrong index");
  }
  if (t.size() != n) fail("size() is not the number of leaves appended");
  if (t.root() != ref_mth(leaves)) fail("root() is not RFC 6962 MTH");
  if (n == 0) {
    if (!t.consistency_proof(0, 0).empty()) fail("a proof from the empty tree to itself is not empty");
    return;
  }
  const std::size_t s = 1 + in.byte() % n;          // tree size the proofs are about
  const std::size_t i = in.byte() % s;              // leaf to prove
  const std::size_t m = in.byte() % (s + 1);        // old size for the consistency proof
  const std::uint8_t at = in.byte(), bit = in.byte();
  const std::span<const digest> upto(leaves.data(), s);
  const digest root = t.root_at(s), old_root = t.root_at(m);
  if (root != ref_mth(upto) || old_root != ref_mth(upto.first(m))) fail("root_at() is not RFC 6962 MTH");

  // Inclusion of leaf i in the tree of size s.
  auto path = t.inclusion_proof(i, s);
  std::vector<digest> ref;
  ref_path(i, upto, ref);
  if (path != ref) fail("inclusion_proof is not RFC 6962 PATH");
  if (!merkle::verify_inclusion(t.leaf(i), i, s, path, root)) fail("a true inclusion proof does not verify");
  if (!path.empty() && merkle::verify_inclusion(t.leaf(i), i, s, std::span(path).first(path.size() - 1), root))
    fail("an inclusion proof with its last element dropped verifies");
  {
    auto longer = path;
    longer.push_back(root);
    if (merkle::verify_inclusion(t.leaf(i), i, s, longer, root)) fail("an inclusion proof with an element added verifies");
  }
  if (!path.empty()) {
    auto bad = path;
    flip(bad[at % bad.size()], bit);
    if (merkle::verify_inclusion(t.leaf(i), i, s, bad, root)) fail("an inclusion proof with a flipped bit verifies");
  }
  {
    digest bad_leaf = t.leaf(i), bad_root = root;
    flip(bad_leaf, bit);
    flip(bad_root, bit);
    if (merkle::verify_inclusion(bad_leaf, i, s, path, root)) fail("inclusion verifies for a flipped leaf");
    if (merkle::verify_inclusion(t.leaf(i), i, s, path, bad_root)) fail("inclusion verifies for a flipped root");
  }

  // Consistency of size m with size s.
  auto proof = t.consistency_proof(m, s);
  ref.clear();
  if (m != 0 && m != s) ref_subproof(m, upto, true, ref);
  if (proof != ref) fail("consistency_proof is not RFC 6962 PROOF");
  if (!merkle::verify_consistency(m, s, old_root, root, proof)) fail("a true consistency proof does not verify");
  if (!proof.empty()) {
    auto bad = proof;
    flip(bad[at % bad.size()], bit);
    if (merkle::verify_consistency(m, s, old_root, root, bad)) fail("a consistency proof with a flipped bit verifies");
    if (merkle::verify_consistency(m, s, old_root, root, std::span(proof).first(proof.size() - 1)))
      fail("a consistency proof with its last element dropped verifies");
    auto longer = proof;
    longer.push_back(root);
    if (merkle::verify_consistency(m, s, old_root, root, longer)) fail("a consistency proof with an element added verifies");
  }
  if (m != 0) {
    // Wrong roots: any flipped bit in either root must be caught (m == 0 proves nothing about roots).
    digest bad_old = old_root, bad_new = root;
    flip(bad_old, bit);
    flip(bad_new, bit);
    if (merkle::verify_consistency(m, s, bad_old, root, proof)) fail("consistency verifies for a flipped old root");
    if (merkle::verify_consistency(m, s, old_root, bad_new, proof)) fail("consistency verifies for a flipped new root");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  arbitrary_proofs(data, size);
  real_proofs(data, size);
  return 0;
}
