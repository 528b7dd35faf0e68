/// @file
/// Ed25519 keys and signatures (libsodium's `crypto_sign_*`): key pairs for voters' credentials,
/// the election authority and paper-ballot officers; detached signatures; the text form of keys
/// with a type prefix; and the credential-key check done at registration (DESIGN.md §5).
#ifndef PPB_CRYPTO_KEYS_HPP
#define PPB_CRYPTO_KEYS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ppb/core/bytes.hpp"
#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

/// Sizes, checked against libsodium's constants in keys-inl.hpp.
inline constexpr std::size_t public_key_bytes = 32;
inline constexpr std::size_t secret_key_bytes = 64;  ///< libsodium's form: seed ‖ public key
inline constexpr std::size_t seed_bytes = 32;
inline constexpr std::size_t signature_bytes = 64;

/// An Ed25519 public key.
using public_key = std::array<std::uint8_t, public_key_bytes>;
/// An Ed25519 detached signature.
using signature = std::array<std::uint8_t, signature_bytes>;
/// A 32-byte seed from which a key pair is derived.
using key_seed = std::array<std::uint8_t, seed_bytes>;

/// Whose key it is; part of the key's text form, so a key of one kind is never read as another.
/// Values and names are pinned.
enum class key_role : std::uint8_t {
  voter = 0,      ///< a voter's credential: signs ballots
  authority = 1,  ///< the election authority: signs log checkpoints and the close
  officer = 2,    ///< a polling-point officer: signs paper-ballot batches
};
/// `"voter"`, `"authority"`, `"officer"`.
PPB_API auto key_role_name(key_role r) noexcept -> std::string_view;

/// An Ed25519 secret key. Move-only; its bytes are wiped (`sodium_memzero`) when destroyed or
/// moved from, so a secret never lingers in freed memory.
class PPB_API secret_key {
 public:
  secret_key() noexcept = default;
  secret_key(const secret_key&) = delete;
  auto operator=(const secret_key&) -> secret_key& = delete;
  secret_key(secret_key&& other) noexcept;
  auto operator=(secret_key&& other) noexcept -> secret_key&;
  ~secret_key();

  /// A fresh random key (`crypto_sign_keypair`).
  [[nodiscard]] static auto generate() -> secret_key;
  /// The key derived from `seed` (`crypto_sign_seed_keypair`): deterministic, for tests and vectors.
  [[nodiscard]] static auto from_seed(const key_seed& seed) -> secret_key;

  /// The matching public key.
  [[nodiscard]] auto public_part() const noexcept -> public_key;
  /// The seed (first half of libsodium's secret key).
  [[nodiscard]] auto seed() const noexcept -> key_seed;
  /// Signs `message` (`crypto_sign_detached`). Thread-safe.
  [[nodiscard]] auto sign(byte_span message) const -> signature;
  /// Whether this holds a key (false after default construction or a move).
  [[nodiscard]] auto valid() const noexcept -> bool { return valid_; }

 private:
  std::array<std::uint8_t, secret_key_bytes> bytes_{};
  bool valid_ = false;
};

namespace crypto {

/// Whether `sig` is `key`'s valid signature of `message` (`crypto_sign_verify_detached`; libsodium
/// refuses non-canonical S and small-order keys and R). Thread-safe.
[[nodiscard]] PPB_API auto verify(const public_key& key, byte_span message, const signature& sig) noexcept -> bool;

/// Whether `key` may be registered as a credential: a canonical encoding of a point on the curve,
/// in the prime-order subgroup and not of small order (`crypto_core_ed25519_is_valid_point`).
[[nodiscard]] PPB_API auto is_valid_credential_key(const public_key& key) noexcept -> bool;

/// Fills `out` with random bytes (`randombytes_buf`).
PPB_API void random_bytes(std::span<std::uint8_t> out);

/// Text form of a public key: `ppb-<role>-pk:` and 64 hex digits.
PPB_API auto public_key_text(key_role role, const public_key& key) -> std::string;
/// Text form of a secret key: `ppb-<role>-sk:` and the seed's 64 hex digits. Treat as a secret.
PPB_API auto secret_key_text(key_role role, const secret_key& key) -> std::string;
/// Reads a public key of `role` (surrounding white space is ignored). Throws
/// `parse_error(errc::bad_key)` naming what is wrong: another role's key, a secret key, bad hex.
PPB_API auto parse_public_key(key_role role, std::string_view text, std::string_view source = {}) -> public_key;
/// Reads a secret key of `role`; throws `parse_error(errc::bad_key)` as `parse_public_key` does.
PPB_API auto parse_secret_key(key_role role, std::string_view text, std::string_view source = {}) -> secret_key;

}  // namespace crypto

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/crypto/keys-inl.hpp"
#endif

#endif
