/// @file
/// SHA-256, one-shot and incremental: on x86's SHA extensions where the CPU has them, otherwise
/// libsodium's `crypto_hash_sha256`. Election ids, ballot ids, Merkle trees and log roots all use it (DESIGN.md §5–6).
#ifndef PPB_CRYPTO_HASH_HPP
#define PPB_CRYPTO_HASH_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ppb/core/bytes.hpp"

PPB_BEGIN_NAMESPACE

/// Bytes of a SHA-256 digest.
inline constexpr std::size_t digest_bytes = 32;
/// A SHA-256 digest.
using digest = std::array<std::uint8_t, digest_bytes>;

namespace crypto {

/// Initialises libsodium (`sodium_init`); safe to call many times and from many threads. Every
/// crypto function calls it first, so callers need not. Throws `error(errc::crypto_init)` if the
/// library cannot start (no usable random source).
PPB_API void init();

/// Incremental SHA-256. Not thread-safe; cheap to copy (the state is 128 bytes on the stack).
class PPB_API sha256_state {
 public:
  sha256_state() noexcept;
  /// Feeds `data`.
  auto update(byte_span data) noexcept -> sha256_state&;
  /// Feeds the bytes of `text` (no terminator).
  auto update(std::string_view text) noexcept -> sha256_state&;
  /// Feeds one byte.
  auto update(std::uint8_t byte) noexcept -> sha256_state&;
  /// The digest of everything fed so far. The state must not be used afterwards.
  [[nodiscard]] auto finish() noexcept -> digest;

 private:
  alignas(16) unsigned char state_[128];  // crypto_hash_sha256_state, kept opaque (checked in -inl)
};

/// SHA-256 of `data`.
PPB_API auto sha256(byte_span data) noexcept -> digest;
/// SHA-256 of the bytes of `text`.
PPB_API auto sha256(std::string_view text) noexcept -> digest;

/// Whether `sha256` runs on the CPU's SHA extensions (x86 SHA-NI) in this process.
PPB_API auto sha256_uses_cpu_extensions() noexcept -> bool;
/// SHA-256 of `data` by libsodium alone, whatever the CPU: the reference the SHA-extension path
/// is tested against.
PPB_API auto sha256_libsodium(byte_span data) noexcept -> digest;

}  // namespace crypto

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/crypto/hash-inl.hpp"
#endif

#endif
