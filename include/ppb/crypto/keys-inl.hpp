// Definitions of ppb/crypto/keys.hpp. crypto/*-inl.hpp are the only files that include <sodium.h>.
#include <sodium.h>

#include <utility>

#include "ppb/crypto/hash.hpp"
#include "ppb/crypto/keys.hpp"

PPB_BEGIN_NAMESPACE

static_assert(public_key_bytes == crypto_sign_PUBLICKEYBYTES);
static_assert(secret_key_bytes == crypto_sign_SECRETKEYBYTES);
static_assert(seed_bytes == crypto_sign_SEEDBYTES);
static_assert(signature_bytes == crypto_sign_BYTES);

PPB_FUNC auto key_role_name(key_role r) noexcept -> std::string_view {
  switch (r) {
    case key_role::voter: return "voter";
    case key_role::authority: return "authority";
    case key_role::officer: return "officer";
  }
  return "unknown";
}

PPB_FUNC secret_key::secret_key(secret_key&& other) noexcept : bytes_(other.bytes_), valid_(other.valid_) {
  sodium_memzero(other.bytes_.data(), other.bytes_.size());
  other.valid_ = false;
}

PPB_FUNC auto secret_key::operator=(secret_key&& other) noexcept -> secret_key& {
  if (this != &other) {
    bytes_ = other.bytes_;
    valid_ = std::exchange(other.valid_, false);
    sodium_memzero(other.bytes_.data(), other.bytes_.size());
  }
  return *this;
}

PPB_FUNC secret_key::~secret_key() { sodium_memzero(bytes_.data(), bytes_.size()); }

PPB_FUNC auto secret_key::generate() -> secret_key {
  crypto::init();
  secret_key k;
  public_key pk;
  crypto_sign_keypair(pk.data(), k.bytes_.data());
  k.valid_ = true;
  return k;
}

PPB_FUNC auto secret_key::from_seed(const key_seed& seed) -> secret_key {
  crypto::init();
  secret_key k;
  public_key pk;
  crypto_sign_seed_keypair(pk.data(), k.bytes_.data(), seed.data());
  k.valid_ = true;
  return k;
}

PPB_FUNC auto secret_key::public_part() const noexcept -> public_key {
  public_key pk;
  crypto_sign_ed25519_sk_to_pk(pk.data(), bytes_.data());
  return pk;
}

PPB_FUNC auto secret_key::seed() const noexcept -> key_seed {
  key_seed s;
  crypto_sign_ed25519_sk_to_seed(s.data(), bytes_.data());
  return s;
}

PPB_FUNC auto secret_key::sign(byte_span message) const -> signature {
  if (!valid_) throw usage_error("secret_key::sign: the key is empty (default-constructed or moved from)", errc::misuse);
  signature sig;
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), bytes_.data());
  return sig;
}

PPB_FUNC auto crypto::verify(const public_key& key, byte_span message, const signature& sig) noexcept -> bool {
  return crypto_sign_verify_detached(sig.data(), message.data(), message.size(), key.data()) == 0;
}

PPB_FUNC auto crypto::is_valid_credential_key(const public_key& key) noexcept -> bool {
  return crypto_core_ed25519_is_valid_point(key.data()) == 1;
}

PPB_FUNC void crypto::random_bytes(std::span<std::uint8_t> out) {
  init();
  randombytes_buf(out.data(), out.size());
}

namespace detail {
inline auto key_prefix(key_role role, bool secret) -> std::string {
  return "ppb-" + std::string(key_role_name(role)) + (secret ? "-sk:" : "-pk:");
}

inline auto trim_key_text(std::string_view t) -> std::string_view {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\n' || t.front() == '\r')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
  return t;
}

/// The 32 bytes after `role`'s prefix in `text`, or a parse_error saying what the text is instead.
inline auto key_body(key_role role, bool secret, std::string_view text, std::string_view source)
    -> std::array<std::uint8_t, 32> {
  text = trim_key_text(text);
  const auto fail = [&](const std::string& why) -> parse_error {
    return parse_error(errc::bad_key, std::string(source), 0, why);
  };
  const std::string want = key_prefix(role, secret);
  if (text.substr(0, want.size()) != want) {
    for (auto r : {key_role::voter, key_role::authority, key_role::officer})
      for (bool s : {false, true})
        if (text.substr(0, key_prefix(r, s).size()) == key_prefix(r, s))
          throw fail("expected a " + std::string(key_role_name(role)) + (secret ? " secret" : " public") +
                     " key (" + want + "…), got a " + std::string(key_role_name(r)) + (s ? " secret" : " public") +
                     " key");
    throw fail("not a ppb key: expected text starting with " + want);
  }
  const auto body = from_hex_array<32>(text.substr(want.size()));
  if (!body) throw fail("a key is " + want + " followed by exactly 64 hex digits");
  return *body;
}
}  // namespace detail

PPB_FUNC auto crypto::public_key_text(key_role role, const public_key& key) -> std::string {
  return detail::key_prefix(role, false) + to_hex(key);
}

PPB_FUNC auto crypto::secret_key_text(key_role role, const secret_key& key) -> std::string {
  auto s = key.seed();
  std::string text = detail::key_prefix(role, true) + to_hex(s);
  sodium_memzero(s.data(), s.size());
  return text;
}

PPB_FUNC auto crypto::parse_public_key(key_role role, std::string_view text, std::string_view source) -> public_key {
  return detail::key_body(role, false, text, source);
}

PPB_FUNC auto crypto::parse_secret_key(key_role role, std::string_view text, std::string_view source) -> secret_key {
  auto seed = detail::key_body(role, true, text, source);
  auto k = secret_key::from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return k;
}

PPB_END_NAMESPACE
