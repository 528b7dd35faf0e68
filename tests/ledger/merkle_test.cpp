#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/core/bytes.hpp"
#include "ppb/crypto/hash.hpp"
#include "ppb/error.hpp"
#include "ppb/ledger/merkle.hpp"

using namespace ppb;
using merkle::verify_consistency;
using merkle::verify_inclusion;

namespace {

auto hex(const digest& d) -> std::string { return to_hex(d); }

// Proofs print as space-separated hex, so a failing CHECK shows which element differs.
auto hex(const std::vector<digest>& list) -> std::string {
  std::string s;
  for (const auto& d : list) s.append(s.empty() ? "" : " ").append(to_hex(d));
  return s;
}

auto digest_of(std::string_view text) -> digest {
  const auto d = from_hex_array<digest_bytes>(text);
  REQUIRE(d.has_value());
  return *d;
}

auto digests_of(std::initializer_list<std::string_view> texts) -> std::vector<digest> {
  std::vector<digest> out;
  for (auto t : texts) out.push_back(digest_of(t));
  return out;
}

auto code_of(const std::function<void()>& f) -> errc {
  try {
    f();
  } catch (const usage_error& e) {
    CHECK(std::string_view(e.what()).starts_with("[ppb.usage_error."));
    return e.code();
  }
  return errc::ok;
}

// ---------------------------------------------------------------------------------------------
// Naive reference, written straight from RFC 6962 §2.1 on the entries themselves: recursive,
// O(n) hashes per call, and hashing through crypto::sha256 rather than merkle::leaf_hash/node_hash.

using entries = std::vector<byte_buffer>;
using entry_span = std::span<const byte_buffer>;

auto ref_sha256(std::uint8_t prefix, std::initializer_list<byte_span> parts) -> digest {
  byte_buffer buf{prefix};
  for (auto p : parts) buf.insert(buf.end(), p.begin(), p.end());
  return crypto::sha256(byte_span(buf));
}

// The largest power of two smaller than n (n >= 2).
auto ref_split(std::size_t n) -> std::size_t {
  std::size_t k = 1;
  while (2 * k < n) k *= 2;
  return k;
}

auto ref_mth(entry_span d) -> digest {
  if (d.empty()) return crypto::sha256(byte_span());
  if (d.size() == 1) return ref_sha256(0x00, {d[0]});
  const std::size_t k = ref_split(d.size());
  return ref_sha256(0x01, {ref_mth(d.first(k)), ref_mth(d.subspan(k))});
}

auto ref_path(std::size_t m, entry_span d) -> std::vector<digest> {
  if (d.size() <= 1) return {};
  const std::size_t k = ref_split(d.size());
  std::vector<digest> path = m < k ? ref_path(m, d.first(k)) : ref_path(m - k, d.subspan(k));
  path.push_back(m < k ? ref_mth(d.subspan(k)) : ref_mth(d.first(k)));
  return path;
}

auto ref_subproof(std::size_t m, entry_span d, bool b) -> std::vector<digest> {
  if (m == d.size()) return b ? std::vector<digest>{} : std::vector<digest>{ref_mth(d)};
  const std::size_t k = ref_split(d.size());
  std::vector<digest> proof = m <= k ? ref_subproof(m, d.first(k), b) : ref_subproof(m - k, d.subspan(k), false);
  proof.push_back(m <= k ? ref_mth(d.subspan(k)) : ref_mth(d.first(k)));
  return proof;
}

// PROOF(m, D[n]) for 0 < m < n; the trees answer the trivial cases (m = 0, m = n) with no proof.
auto ref_proof(std::size_t m, entry_span d) -> std::vector<digest> {
  if (m == 0 || m == d.size()) return {};
  return ref_subproof(m, d, true);
}

// The shape of PATH(m, D[n]), bottom-up: 'L' where the proof element is a left sibling, 'R' a
// right one. A verifier's computation depends on (index, size) only through this shape, so a
// proof checked against another size of the same shape computes the same root.
auto ref_path_shape(std::uint64_t m, std::uint64_t n) -> std::string {
  if (n <= 1) return {};
  const std::uint64_t k = ref_split(n);
  return m < k ? ref_path_shape(m, k) + 'R' : ref_path_shape(m - k, n - k) + 'L';
}

// The shape of PROOF(m, D[n]) for 0 < m < n: 'S' for the seed MTH(D[0:m]) subtree when the proof
// carries it, 'L' for a subtree in both trees (left of the path), 'R' for one only in the new tree.
auto ref_subproof_shape(std::uint64_t m, std::uint64_t n, bool b) -> std::string {
  if (m == n) return b ? "" : "S";
  const std::uint64_t k = ref_split(n);
  return m <= k ? ref_subproof_shape(m, k, b) + 'R' : ref_subproof_shape(m - k, n - k, false) + 'L';
}

// What verify_consistency must say about `proof` (a real proof between two sizes of the same
// shape as (old_size, new_size), or a trivial one) with the true roots of the original sizes.
auto expect_consistent(std::uint64_t old_size, std::uint64_t new_size, const std::string& real_shape,
                       const std::vector<digest>& proof, bool roots_equal) -> bool {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && roots_equal;
  if (old_size == 0) return proof.empty();
  if (proof.empty()) return false;
  return ref_subproof_shape(old_size, new_size, true) == real_shape;
}

auto make_entries(std::size_t n) -> entries {
  entries out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string text = "ballot " + std::to_string(i);
    out.emplace_back(text.begin(), text.end());
  }
  out.front().clear();  // an empty entry is legal and must hash as 0x00 alone
  return out;
}

constexpr std::size_t max_size = 70;

// ---------------------------------------------------------------------------------------------
// Certificate Transparency's reference data: the 8 entries, the roots of sizes 1..8 and the
// proof vectors of google/certificate-transparency cpp/merkletree/merkle_tree_test.cc
// (kInputs, kSHA256Roots, kSHA256Paths, kSHA256Proofs; CT numbers leaves from 1, ppb from 0) and
// of transparency-dev/merkle proof/verify_test.go (the same data, plus the 6 → 7 proof).

const std::vector<std::string_view> ct_entries = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

constexpr std::string_view ct_empty_root = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const std::vector<std::string_view> ct_roots = {  // ct_roots[n - 1] = root of size n
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

struct path_vector {
  std::uint64_t index, size;
  std::vector<digest> proof;
};

struct consistency_vector {
  std::uint64_t old_size, new_size;
  std::vector<digest> proof;
};

auto ct_tree() -> merkle::tree {
  merkle::tree t;
  for (auto e : ct_entries) {
    const auto b = from_hex(e);
    REQUIRE(b.has_value());
    t.append(merkle::leaf_hash(*b));
  }
  return t;
}

}  // namespace

TEST_CASE("leaf, node and empty hashes follow RFC 6962's domain separation") {
  CHECK(hex(merkle::empty_root()) == ct_empty_root);
  // One leaf: the root is its leaf hash, SHA-256(0x00).
  CHECK(hex(merkle::leaf_hash(byte_span())) == ct_roots[0]);
  const auto l0 = merkle::leaf_hash(byte_span());
  const auto l1 = merkle::leaf_hash(*from_hex("00"));
  CHECK(hex(merkle::node_hash(l0, l1)) == ct_roots[1]);
  CHECK(merkle::node_hash(l0, l1) != merkle::node_hash(l1, l0));
  // The prefixes keep a leaf of 64 bytes from colliding with the node over the same 64 bytes.
  byte_buffer two(l0.begin(), l0.end());
  two.insert(two.end(), l1.begin(), l1.end());
  CHECK(merkle::leaf_hash(two) != merkle::node_hash(l0, l1));
  CHECK(merkle::leaf_hash(two) == crypto::sha256_state().update(std::uint8_t{0}).update(byte_span(two)).finish());
}

TEST_CASE("known answers: Certificate Transparency's roots for sizes 0..8") {
  merkle::tree t;
  CHECK(t.size() == 0);
  CHECK(hex(t.root()) == ct_empty_root);
  CHECK(hex(t.root_at(0)) == ct_empty_root);
  for (std::size_t i = 0; i < ct_entries.size(); ++i) {
    CAPTURE(i);
    CHECK(t.append(merkle::leaf_hash(*from_hex(ct_entries[i]))) == i);
    CHECK(t.size() == i + 1);
    CHECK(hex(t.root()) == ct_roots[i]);
    CHECK(hex(t.root_at(0)) == ct_empty_root);
    for (std::size_t j = 0; j <= i; ++j) CHECK(hex(t.root_at(j + 1)) == ct_roots[j]);
  }
  for (std::size_t i = 0; i < ct_entries.size(); ++i) CHECK(t.leaf(i) == merkle::leaf_hash(*from_hex(ct_entries[i])));
}

TEST_CASE("known answers: Certificate Transparency's inclusion proofs") {
  const auto t = ct_tree();
  const std::vector<path_vector> vectors = {
      {0, 1, {}},
      {0, 8,
       digests_of({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {5, 8,
       digests_of({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                   "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 3, digests_of({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"})},
      {1, 5,
       digests_of({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
  for (const auto& v : vectors) {
    CAPTURE(v.index);
    CAPTURE(v.size);
    CHECK(hex(t.inclusion_proof(v.index, v.size)) == hex(v.proof));
    const auto root = digest_of(ct_roots[v.size - 1]);
    CHECK(verify_inclusion(t.leaf(v.index), v.index, v.size, v.proof, root));
    CHECK_FALSE(verify_inclusion(t.leaf(v.index), v.index, v.size, v.proof, digest_of(ct_empty_root)));
  }
}

TEST_CASE("known answers: Certificate Transparency's consistency proofs") {
  const auto t = ct_tree();
  const std::vector<consistency_vector> vectors = {
      {1, 1, {}},
      {1, 8,
       digests_of({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8,
       digests_of({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                   "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 5,
       digests_of({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
      {6, 7,  // transparency-dev/merkle only
       digests_of({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                   "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
  };
  for (const auto& v : vectors) {
    CAPTURE(v.old_size);
    CAPTURE(v.new_size);
    CHECK(hex(t.consistency_proof(v.old_size, v.new_size)) == hex(v.proof));
    const auto old_root = digest_of(ct_roots[v.old_size - 1]), new_root = digest_of(ct_roots[v.new_size - 1]);
    CHECK(verify_consistency(v.old_size, v.new_size, old_root, new_root, v.proof));
    if (!v.proof.empty()) CHECK_FALSE(verify_consistency(v.old_size, v.new_size, new_root, old_root, v.proof));
  }
}

TEST_CASE("roots, root_at and proofs equal the naive RFC 6962 reference for every size up to 70") {
  const entries data = make_entries(max_size);
  const entry_span all(data);
  merkle::tree whole;  // built up front: proofs of past sizes must not depend on later leaves
  for (const auto& e : data) whole.append(merkle::leaf_hash(e));
  std::vector<digest> roots;
  for (std::size_t n = 0; n <= max_size; ++n) roots.push_back(ref_mth(all.first(n)));

  merkle::tree t;  // grown one leaf at a time
  for (std::size_t n = 1; n <= max_size; ++n) {
    CAPTURE(n);
    const auto d = all.first(n);
    CHECK(t.append(merkle::leaf_hash(data[n - 1])) == n - 1);
    CHECK(t.size() == n);
    CHECK(t.leaf(n - 1) == ref_sha256(0x00, {data[n - 1]}));
    CHECK(hex(t.root()) == hex(roots[n]));
    CHECK(hex(whole.root_at(n)) == hex(roots[n]));
    for (std::size_t s = 0; s <= n; ++s) CHECK(t.root_at(s) == roots[s]);
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i);
      const auto expected = hex(ref_path(i, d));
      CHECK(hex(t.inclusion_proof(i, n)) == expected);
      CHECK(hex(whole.inclusion_proof(i, n)) == expected);
    }
    for (std::size_t m = 0; m <= n; ++m) {
      CAPTURE(m);
      const auto expected = hex(ref_proof(m, d));
      CHECK(hex(t.consistency_proof(m, n)) == expected);
      CHECK(hex(whole.consistency_proof(m, n)) == expected);
    }
  }
}

TEST_CASE("every inclusion proof verifies, and no altered proof, index or size does") {
  const entries data = make_entries(max_size);
  merkle::tree t;
  for (const auto& e : data) t.append(merkle::leaf_hash(e));

  for (std::uint64_t n = 1; n <= max_size; ++n) {
    CAPTURE(n);
    const digest root = t.root_at(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      CAPTURE(i);
      const digest leaf = t.leaf(i);
      const auto proof = t.inclusion_proof(i, n);
      REQUIRE(verify_inclusion(leaf, i, n, proof, root));

      // Any changed byte of any element.
      for (std::size_t e = 0; e < proof.size(); ++e) {
        for (std::size_t b = 0; b < digest_bytes; ++b) {
          auto bad = proof;
          bad[e][b] ^= 0x01;
          CHECK_FALSE(verify_inclusion(leaf, i, n, bad, root));
        }
      }
      // Any other index, including ones past the end. The leaves differ, so no other position fits.
      for (std::uint64_t j = 0; j <= n + 1; ++j)
        if (j != i) CHECK_FALSE(verify_inclusion(leaf, j, n, proof, root));
      // Any other size. The proof fixes the shape of the path, not the size: a size whose path
      // has the same shape computes the very same root (so the verifier must trust the size in
      // the signed tree head); every other size fails.
      const std::string shape = ref_path_shape(i, n);
      for (std::uint64_t s = 0; s <= 2 * n + 1; ++s) {
        if (s == n) continue;
        CAPTURE(s);
        CHECK(verify_inclusion(leaf, i, s, proof, root) == (i < s && ref_path_shape(i, s) == shape));
      }
      // Wrong leaf, wrong root, and elements added or removed.
      CHECK_FALSE(verify_inclusion(t.leaf((i + 1) % max_size), i, n, proof, root));
      CHECK_FALSE(verify_inclusion(leaf, i, n, proof, t.root_at(n - 1)));
      CHECK_FALSE(verify_inclusion(leaf, i, n, proof, merkle::empty_root()));
      auto longer = proof;
      longer.push_back(root);
      CHECK_FALSE(verify_inclusion(leaf, i, n, longer, root));
      longer = proof;
      longer.insert(longer.begin(), leaf);
      CHECK_FALSE(verify_inclusion(leaf, i, n, longer, root));
      if (!proof.empty()) {
        const auto shorter = std::span(proof).first(proof.size() - 1);
        CHECK_FALSE(verify_inclusion(leaf, i, n, shorter, root));
        CHECK_FALSE(verify_inclusion(leaf, i, n, std::span(proof).subspan(1), root));
      }
    }
  }
  // A concrete instance of the size caveat above: leaf 0 has the path shape RRR in trees of 5
  // and of 6 leaves, so size 5's proof and root also pass as "size 6".
  CHECK(ref_path_shape(0, 5) == ref_path_shape(0, 6));
  CHECK(verify_inclusion(t.leaf(0), 0, 6, t.inclusion_proof(0, 5), t.root_at(5)));
  CHECK_FALSE(verify_inclusion(t.leaf(0), 0, 10, t.inclusion_proof(0, 5), t.root_at(5)));
}

TEST_CASE("every consistency proof verifies, and no altered proof, size or root does") {
  const entries data = make_entries(max_size);
  merkle::tree t;
  for (const auto& e : data) t.append(merkle::leaf_hash(e));
  std::vector<digest> roots;
  for (std::uint64_t n = 0; n <= max_size; ++n) roots.push_back(t.root_at(n));

  for (std::uint64_t n = 1; n <= max_size; ++n) {
    CAPTURE(n);
    for (std::uint64_t m = 0; m <= n; ++m) {
      CAPTURE(m);
      const auto proof = t.consistency_proof(m, n);
      const digest &r1 = roots[m], &r2 = roots[n];
      REQUIRE(verify_consistency(m, n, r1, r2, proof));
      const std::string shape = (m == 0 || m == n) ? std::string() : ref_subproof_shape(m, n, true);

      // Other sizes, old and new. As with inclusion, a pair of sizes with the same proof shape
      // computes the same roots; the trivial cases follow RFC 9162's rules.
      for (std::uint64_t m2 = 0; m2 <= n + 1; ++m2) {
        if (m2 == m) continue;
        CAPTURE(m2);
        CHECK(verify_consistency(m2, n, r1, r2, proof) == expect_consistent(m2, n, shape, proof, r1 == r2));
      }
      for (std::uint64_t n2 = 0; n2 <= 2 * n + 1; ++n2) {
        if (n2 == n) continue;
        CAPTURE(n2);
        CHECK(verify_consistency(m, n2, r1, r2, proof) == expect_consistent(m, n2, shape, proof, r1 == r2));
      }
      if (proof.empty()) {
        // Nothing was proved, so nothing may be smuggled in: any element makes it fail.
        const std::vector<digest> one{r2};
        CHECK_FALSE(verify_consistency(m, n, r1, r2, one));
        if (m == n) CHECK_FALSE(verify_consistency(m, n, r1, roots[n - 1], proof));
        continue;
      }
      // Any changed byte of any element.
      for (std::size_t e = 0; e < proof.size(); ++e) {
        for (std::size_t b = 0; b < digest_bytes; ++b) {
          auto bad = proof;
          bad[e][b] ^= 0x01;
          CHECK_FALSE(verify_consistency(m, n, r1, r2, bad));
        }
      }
      // Wrong or swapped roots.
      CHECK_FALSE(verify_consistency(m, n, r2, r1, proof));
      CHECK_FALSE(verify_consistency(m, n, roots[m - 1], r2, proof));
      CHECK_FALSE(verify_consistency(m, n, r1, roots[n - 1], proof));
      CHECK_FALSE(verify_consistency(m, n, merkle::empty_root(), r2, proof));
      // Elements added, removed or empty.
      CHECK_FALSE(verify_consistency(m, n, r1, r2, std::span<const digest>()));
      for (const digest& extra : {r1, r2, proof.front(), proof.back()}) {
        auto longer = proof;
        longer.push_back(extra);
        CHECK_FALSE(verify_consistency(m, n, r1, r2, longer));
        longer = proof;
        longer.insert(longer.begin(), extra);
        CHECK_FALSE(verify_consistency(m, n, r1, r2, longer));
      }
      CHECK_FALSE(verify_consistency(m, n, r1, r2, std::span(proof).first(proof.size() - 1)));
      CHECK_FALSE(verify_consistency(m, n, r1, r2, std::span(proof).subspan(1)));
    }
  }
}

TEST_CASE("out-of-range arguments throw usage_error(invalid_argument)") {
  merkle::tree empty;
  CHECK(code_of([&] { (void)empty.leaf(0); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)empty.root_at(1); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)empty.inclusion_proof(0, 0); }) == errc::invalid_argument);
  CHECK(empty.consistency_proof(0, 0).empty());

  const auto t = ct_tree();
  CHECK(code_of([&] { (void)t.leaf(8); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)t.leaf(std::numeric_limits<std::uint64_t>::max()); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)t.root_at(9); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)t.inclusion_proof(8, 8); }) == errc::invalid_argument);  // index == size
  CHECK(code_of([&] { (void)t.inclusion_proof(3, 2); }) == errc::invalid_argument);  // index > size
  CHECK(code_of([&] { (void)t.inclusion_proof(0, 0); }) == errc::invalid_argument);  // empty tree
  CHECK(code_of([&] { (void)t.inclusion_proof(0, 9); }) == errc::invalid_argument);  // beyond the tree
  CHECK(code_of([&] { (void)t.consistency_proof(5, 4); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)t.consistency_proof(1, 9); }) == errc::invalid_argument);
  CHECK(code_of([&] { (void)t.consistency_proof(9, 9); }) == errc::invalid_argument);
  // The limits themselves are fine.
  CHECK(code_of([&] { (void)t.leaf(7); }) == errc::ok);
  CHECK(code_of([&] { (void)t.root_at(8); }) == errc::ok);
  CHECK(code_of([&] { (void)t.inclusion_proof(7, 8); }) == errc::ok);
  CHECK(t.consistency_proof(0, 8).empty());
  CHECK(t.consistency_proof(8, 8).empty());
}

TEST_CASE("verifiers return false, without crashing, on malformed input") {
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  const auto t = ct_tree();
  const digest leaf = t.leaf(3), root = t.root();
  const auto proof = t.inclusion_proof(3, 8);
  const std::vector<digest> long_proof(70, root);  // longer than any path in a 64-bit tree

  SUBCASE("inclusion") {
    CHECK(verify_inclusion(leaf, 3, 8, proof, root));
    CHECK_FALSE(verify_inclusion(leaf, 3, 8, {}, root));                 // empty proof
    CHECK_FALSE(verify_inclusion(leaf, 3, 8, long_proof, root));         // far too long
    CHECK_FALSE(verify_inclusion(leaf, 8, 8, proof, root));              // index == size
    CHECK_FALSE(verify_inclusion(leaf, 9, 8, proof, root));              // index > size
    CHECK_FALSE(verify_inclusion(leaf, 0, 0, {}, merkle::empty_root()));  // nothing is in an empty tree
    CHECK_FALSE(verify_inclusion(leaf, 0, 0, {}, leaf));
    CHECK_FALSE(verify_inclusion(leaf, max, max, proof, root));
    CHECK_FALSE(verify_inclusion(leaf, max - 1, max, long_proof, root));
    CHECK_FALSE(verify_inclusion(leaf, 0, max, {}, leaf));
    CHECK_FALSE(verify_inclusion(leaf, 0, max, long_proof, root));
    // A one-leaf tree: the root is the leaf hash and the proof is empty.
    CHECK(verify_inclusion(leaf, 0, 1, {}, leaf));
    CHECK_FALSE(verify_inclusion(leaf, 0, 1, {}, root));
    CHECK_FALSE(verify_inclusion(leaf, 0, 1, std::span(proof).first(1), leaf));
  }
  SUBCASE("consistency") {
    const digest r6 = t.root_at(6);
    const auto p = t.consistency_proof(6, 8);
    CHECK(verify_consistency(6, 8, r6, root, p));
    CHECK_FALSE(verify_consistency(6, 8, r6, root, {}));            // empty proof
    CHECK_FALSE(verify_consistency(6, 8, r6, root, long_proof));    // far too long
    CHECK_FALSE(verify_consistency(8, 6, root, r6, p));             // old_size > new_size
    CHECK_FALSE(verify_consistency(8, 6, root, r6, {}));
    CHECK_FALSE(verify_consistency(1, 0, root, root, {}));
    CHECK_FALSE(verify_consistency(max, max - 1, root, root, {}));
    CHECK_FALSE(verify_consistency(max - 1, max, r6, root, long_proof));
    CHECK_FALSE(verify_consistency(1, max, r6, root, long_proof));
    CHECK_FALSE(verify_consistency(1, max, r6, root, p));
    // Equal sizes: an empty proof and equal roots, and nothing else.
    CHECK(verify_consistency(0, 0, root, root, {}));
    CHECK(verify_consistency(8, 8, root, root, {}));
    CHECK(verify_consistency(max, max, root, root, {}));
    CHECK_FALSE(verify_consistency(8, 8, r6, root, {}));
    CHECK_FALSE(verify_consistency(0, 0, merkle::empty_root(), root, {}));
    CHECK_FALSE(verify_consistency(8, 8, root, root, std::span(p).first(1)));
    // From the empty tree: consistent with any tree, and only with an empty proof (RFC 9162).
    CHECK(verify_consistency(0, 8, merkle::empty_root(), root, {}));
    CHECK(verify_consistency(0, max, r6, root, {}));
    CHECK_FALSE(verify_consistency(0, 8, merkle::empty_root(), root, p));
    CHECK_FALSE(verify_consistency(0, 8, merkle::empty_root(), root, std::span(p).first(1)));
  }
}

TEST_CASE("the tree keeps 2n - popcount(n) digests, and reserve() makes appends allocation-free") {
  for (std::uint64_t n : {1u, 2u, 3u, 7u, 8u, 9u, 100u, 1000u, 1024u, 1025u}) {
    CAPTURE(n);
    merkle::tree grown;
    for (std::uint64_t i = 0; i < n; ++i) grown.append(merkle::leaf_hash(as_bytes(std::to_string(i))));
    const std::uint64_t nodes = 2 * n - static_cast<std::uint64_t>(std::popcount(n));
    CHECK(grown.memory_bytes() >= sizeof(merkle::tree) + nodes * digest_bytes);

    merkle::tree reserved;
    reserved.reserve(n);
    const auto before = reserved.memory_bytes();
    CHECK(before >= sizeof(merkle::tree) + nodes * digest_bytes);
    CHECK(before <= sizeof(merkle::tree) + 2 * n * digest_bytes + 64 * sizeof(std::vector<digest>));
    for (std::uint64_t i = 0; i < n; ++i) reserved.append(merkle::leaf_hash(as_bytes(std::to_string(i))));
    CHECK(reserved.memory_bytes() == before);  // nothing grew
    CHECK(reserved.root() == grown.root());
    reserved.reserve(1);  // never shrinks
    CHECK(reserved.memory_bytes() == before);
  }
}
