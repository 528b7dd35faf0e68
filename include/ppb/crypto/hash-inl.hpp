// Definitions of ppb/crypto/hash.hpp. crypto/*-inl.hpp are the only files that include <sodium.h>.
#include <sodium.h>

#include "ppb/crypto/hash.hpp"
#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "sha256_state::state_ too small");
static_assert(crypto_hash_sha256_BYTES == digest_bytes);

PPB_FUNC void crypto::init() {
  // sodium_init is thread-safe and idempotent (returns 1 when already done); -1 is failure.
  if (sodium_init() < 0) throw error(errc::crypto_init, "[ppb.error.140] libsodium could not be initialised");
}

PPB_FUNC crypto::sha256_state::sha256_state() noexcept {
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

PPB_FUNC auto crypto::sha256_state::update(byte_span data) noexcept -> sha256_state& {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_), data.data(), data.size());
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
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), d.data());
  return d;
}

PPB_FUNC auto crypto::sha256(byte_span data) noexcept -> digest {
  digest d;
  crypto_hash_sha256(d.data(), data.data(), data.size());
  return d;
}

PPB_FUNC auto crypto::sha256(std::string_view text) noexcept -> digest { return sha256(as_bytes(text)); }

PPB_END_NAMESPACE
