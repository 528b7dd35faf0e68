// Definitions of ppb/crypto/hash.hpp. crypto/*-inl.hpp are the only files that include <sodium.h>.
#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "ppb/crypto/hash.hpp"
#include "ppb/error.hpp"

// SHA-256 on x86's SHA extensions where the CPU has them: libsodium's SHA-256 is portable C, about
// 5x slower, and the box hashes every ballot three times (its id, its Merkle leaf, an inner node).
#include "ppb/core/cpu_features.hpp"
#if PPB_X86_DISPATCH
#  include <immintrin.h>
#endif

PPB_BEGIN_NAMESPACE

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "sha256_state::state_ too small");
static_assert(crypto_hash_sha256_BYTES == digest_bytes);

PPB_FUNC void crypto::init() {
  // sodium_init is thread-safe and idempotent (returns 1 when already done); -1 is failure.
  if (sodium_init() < 0) throw error(errc::crypto_init, "[ppb.error.140] libsodium could not be initialised");
}

namespace detail {

#if PPB_X86_DISPATCH
// FIPS 180-4 §4.2.2.
alignas(16) inline constexpr std::uint32_t sha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// Compresses `blocks` 64-byte blocks into `h` with the SHA extensions (Intel's SHA-NI layout: the
// state is kept as ABEF and CDGH, four rounds per message vector, two per sha256rnds2).
__attribute__((target("sha,sse4.1,ssse3"))) inline void sha256_blocks_x86(std::uint32_t h[8], const std::uint8_t* data,
                                                                          std::size_t blocks) noexcept {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h));
  __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + 4));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef_in = abef, cdgh_in = cdgh;
    __m128i w[4];  // the last four message vectors, w[i % 4] = words 4i..4i+3
    for (int i = 0; i < 16; ++i) {
      __m128i& wi = w[i % 4];
      if (i < 4) {
        wi = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), byte_swap);
      } else {
        // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at a time.
        const __m128i prev = w[(i + 3) % 4], prev2 = w[(i + 2) % 4];
        wi = _mm_sha256msg1_epu32(wi, w[(i + 1) % 4]);
        wi = _mm_add_epi32(wi, _mm_alignr_epi8(prev, prev2, 4));
        wi = _mm_sha256msg2_epu32(wi, prev);
      }
      __m128i wk = _mm_add_epi32(wi, _mm_load_si128(reinterpret_cast<const __m128i*>(sha256_round_constants + 4 * i)));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
      wk = _mm_shuffle_epi32(wk, 0x0E);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
    }
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
  }
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h), _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h + 4), _mm_alignr_epi8(dchg, feba, 8));
}
#endif

}  // namespace detail

PPB_FUNC auto crypto::sha256_uses_cpu_extensions() noexcept -> bool {
  return cpu_features().sha_extensions;
}

PPB_FUNC auto crypto::sha256_libsodium(byte_span data) noexcept -> digest {
  digest d;
  crypto_hash_sha256(d.data(), data.data(), data.size());
  return d;
}

// With the SHA extensions the state is libsodium's struct, filled the same way (a bit count and a
// partial block), so one layout serves both; which one runs is fixed for the process.
PPB_FUNC crypto::sha256_state::sha256_state() noexcept {
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

PPB_FUNC auto crypto::sha256_state::update(byte_span data) noexcept -> sha256_state& {
  auto* s = reinterpret_cast<crypto_hash_sha256_state*>(state_);
#if PPB_X86_DISPATCH
  if (sha256_uses_cpu_extensions()) {
    if (data.empty()) return *this;  // its pointer may be null, which memcpy may not be given
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    std::size_t used = static_cast<std::size_t>((s->count >> 3) & 63);
    s->count += static_cast<std::uint64_t>(n) << 3;
    if (used > 0) {
      const std::size_t take = std::min(64 - used, n);
      std::memcpy(s->buf + used, p, take);
      p += take;
      n -= take;
      if (used + take < 64) return *this;
      detail::sha256_blocks_x86(s->state, s->buf, 1);
    }
    if (n >= 64) {
      detail::sha256_blocks_x86(s->state, p, n / 64);
      p += n & ~std::size_t{63};
      n &= 63;
    }
    if (n > 0) std::memcpy(s->buf, p, n);
    return *this;
  }
#endif
  crypto_hash_sha256_update(s, data.data(), data.size());
  return *this;
}

PPB_FUNC auto crypto::sha256_state::update(std::string_view text) noexcept -> sha256_state& {
  return update(as_bytes(text));
}

PPB_FUNC auto crypto::sha256_state::update(std::uint8_t byte) noexcept -> sha256_state& {
  return update(byte_span(&byte, 1));
}

PPB_FUNC auto crypto::sha256_state::finish() noexcept -> digest {
  digest d;
  auto* s = reinterpret_cast<crypto_hash_sha256_state*>(state_);
#if PPB_X86_DISPATCH
  if (sha256_uses_cpu_extensions()) {
    const std::uint64_t bits = s->count;
    std::size_t used = static_cast<std::size_t>((bits >> 3) & 63);
    s->buf[used++] = 0x80;
    if (used > 56) {  // no room for the length: pad this block, the length goes in the next
      std::memset(s->buf + used, 0, 64 - used);
      detail::sha256_blocks_x86(s->state, s->buf, 1);
      used = 0;
    }
    std::memset(s->buf + used, 0, 56 - used);
    for (int i = 0; i < 8; ++i) s->buf[56 + i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    detail::sha256_blocks_x86(s->state, s->buf, 1);
    for (std::size_t i = 0; i < 8; ++i)
      for (std::size_t b = 0; b < 4; ++b) d[4 * i + b] = static_cast<std::uint8_t>(s->state[i] >> (24 - 8 * b));
    return d;
  }
#endif
  crypto_hash_sha256_final(s, d.data());
  return d;
}

PPB_FUNC auto crypto::sha256(byte_span data) noexcept -> digest {
  if (sha256_uses_cpu_extensions()) return sha256_state().update(data).finish();
  return sha256_libsodium(data);
}

PPB_FUNC auto crypto::sha256(std::string_view text) noexcept -> digest { return sha256(as_bytes(text)); }

PPB_END_NAMESPACE
