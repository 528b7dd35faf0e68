#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "ppb/crypto/hash.hpp"
#include "ppb/crypto/keys.hpp"

using namespace ppb;

namespace {

auto hex_bytes(std::string_view h) -> byte_buffer {
  auto b = from_hex(h);
  REQUIRE(b.has_value());
  return *b;
}

template <std::size_t N>
auto hex_array(std::string_view h) -> std::array<std::uint8_t, N> {
  auto a = from_hex_array<N>(h);
  REQUIRE(a.has_value());
  return *a;
}

}  // namespace

TEST_CASE("SHA-256 known answers (FIPS 180-2), one-shot and incremental") {
  CHECK(to_hex(crypto::sha256(std::string_view(""))) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(crypto::sha256(std::string_view("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string_view two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  CHECK(to_hex(crypto::sha256(two_blocks)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  crypto::sha256_state s;
  s.update(two_blocks.substr(0, 7)).update(two_blocks.substr(7, 40)).update(two_blocks.substr(47));
  CHECK(to_hex(s.finish()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("SHA-256 on the CPU's SHA extensions equals libsodium's for every length and split") {
  MESSAGE("SHA extensions in use: " << crypto::sha256_uses_cpu_extensions());
  std::mt19937_64 rng(20261205);
  byte_buffer data(1200);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  for (std::size_t n = 0; n <= data.size(); ++n) {
    const auto part = byte_span(data).first(n);
    const auto expected = crypto::sha256_libsodium(part);
    REQUIRE(crypto::sha256(part) == expected);
    // Fed in random pieces, so that every partial-block path runs.
    crypto::sha256_state s;
    for (std::size_t at = 0; at < n;) {
      const std::size_t take = std::min<std::size_t>(n - at, rng() % 150);
      s.update(part.subspan(at, take));
      at += take;
    }
    REQUIRE(s.finish() == expected);
  }
  // A million 'a' (FIPS 180-2 appendix B.3), fed in 1,000-byte pieces.
  const std::string thousand(1000, 'a');
  crypto::sha256_state s;
  for (int i = 0; i < 1000; ++i) s.update(std::string_view(thousand));
  CHECK(to_hex(s.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("hex: round trip, upper case accepted, bad digits and odd lengths refused") {
  const byte_buffer b{0x00, 0x7f, 0x80, 0xff};
  CHECK(to_hex(b) == "007f80ff");
  CHECK(from_hex("007F80ff") == b);
  CHECK_FALSE(from_hex("007"));
  CHECK_FALSE(from_hex("0g"));
  CHECK_FALSE(from_hex_array<2>("007f80"));
  CHECK(from_hex_array<2>("007f") == std::array<std::uint8_t, 2>{0x00, 0x7f});
}

TEST_CASE("Ed25519 RFC 8032 §7.1 test vectors: key from seed, signature, verification") {
  struct vec {
    const char *seed, *pk, *msg, *sig;
  } vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
      {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
       "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
       "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
  };
  for (const auto& v : vectors) {
    CAPTURE(v.pk);
    const auto sk = secret_key::from_seed(hex_array<32>(v.seed));
    CHECK(to_hex(sk.public_part()) == v.pk);
    CHECK(to_hex(sk.seed()) == v.seed);
    const auto msg = hex_bytes(v.msg);
    const auto sig = sk.sign(msg);
    CHECK(to_hex(sig) == v.sig);
    CHECK(crypto::verify(sk.public_part(), msg, sig));
    // Flipping any bit of the signature or the message breaks it.
    for (std::size_t i = 0; i < sig.size(); ++i) {
      auto bad = sig;
      bad[i] ^= 0x01;
      CHECK_FALSE(crypto::verify(sk.public_part(), msg, bad));
    }
    auto longer = msg;
    longer.push_back(0);
    CHECK_FALSE(crypto::verify(sk.public_part(), longer, sig));
  }
}

TEST_CASE("Ed25519: all 151 Wycheproof vectors give their expected verdict") {
  std::ifstream in(PPB_SHARED_DIR "/vectors/wycheproof_ed25519_test.json");
  REQUIRE_MESSAGE(in, "needs ../shared/vectors/wycheproof_ed25519_test.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const auto doc = boost::json::parse(ss.str()).as_object();
  int tests = 0, valid = 0;
  for (const auto& g : doc.at("testGroups").as_array()) {
    const auto pk = hex_array<32>(std::string_view(g.at("publicKey").at("pk").as_string()));
    for (const auto& t : g.at("tests").as_array()) {
      const auto& o = t.as_object();
      CAPTURE(o.at("tcId").as_int64());
      const bool expected = o.at("result").as_string() == "valid";
      const auto msg = hex_bytes(std::string_view(o.at("msg").as_string()));
      const auto sig_bytes = hex_bytes(std::string_view(o.at("sig").as_string()));
      bool verdict = false;
      if (sig_bytes.size() == signature_bytes) {
        signature sig;
        std::copy(sig_bytes.begin(), sig_bytes.end(), sig.begin());
        verdict = crypto::verify(pk, msg, sig);
      }
      CHECK(verdict == expected);
      ++tests;
      valid += verdict;
    }
  }
  CHECK(tests == doc.at("numberOfTests").as_int64());
  CHECK(tests == 151);
  CHECK(valid == 88);
}

TEST_CASE("credential keys: real keys pass, small-order, non-canonical and off-curve keys are refused") {
  for (int i = 0; i < 20; ++i) CHECK(crypto::is_valid_credential_key(secret_key::generate().public_part()));
  public_key identity{};
  identity[0] = 1;  // the neutral element: small order
  CHECK_FALSE(crypto::is_valid_credential_key(identity));
  CHECK_FALSE(crypto::is_valid_credential_key(public_key{}));  // (0, 1)'s sign-flipped twin: order 4
  // A point of order 8 (libsodium's blocklist in ed25519_ref10.c).
  CHECK_FALSE(crypto::is_valid_credential_key(
      hex_array<32>("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")));
  // y = p (non-canonical encoding of y = 0).
  CHECK_FALSE(crypto::is_valid_credential_key(
      hex_array<32>("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")));
  // y = 2 is not on the curve.
  public_key off{};
  off[0] = 2;
  CHECK_FALSE(crypto::is_valid_credential_key(off));
}

TEST_CASE("keys: text form with a type prefix round-trips, another kind of key is refused with bad_key") {
  const auto sk = secret_key::from_seed(hex_array<32>("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  const auto pk_text = crypto::public_key_text(key_role::voter, sk.public_part());
  CHECK(pk_text == "ppb-voter-pk:d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  CHECK(crypto::parse_public_key(key_role::voter, pk_text + "\n") == sk.public_part());
  const auto sk_text = crypto::secret_key_text(key_role::authority, sk);
  CHECK(sk_text == "ppb-authority-sk:9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  CHECK(crypto::parse_secret_key(key_role::authority, sk_text).public_part() == sk.public_part());

  const auto refused = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const parse_error& e) {
      CHECK(e.code() == errc::bad_key);
      return e.reason();
    }
    FAIL("no error");
    return {};
  };
  CHECK(refused([&] { (void)crypto::parse_public_key(key_role::officer, pk_text); }) ==
        "expected a officer public key (ppb-officer-pk:…), got a voter public key");
  CHECK(refused([&] { (void)crypto::parse_public_key(key_role::authority, sk_text); }) ==
        "expected a authority public key (ppb-authority-pk:…), got a authority secret key");
  CHECK(refused([&] { (void)crypto::parse_public_key(key_role::voter, "d75a98"); }) ==
        "not a ppb key: expected text starting with ppb-voter-pk:");
  CHECK(refused([&] { (void)crypto::parse_public_key(key_role::voter, "ppb-voter-pk:d75a98"); }) ==
        "a key is ppb-voter-pk: followed by exactly 64 hex digits");
  CHECK(refused([&] { (void)crypto::parse_secret_key(key_role::voter, "ppb-voter-sk:" + std::string(64, 'x')); }) ==
        "a key is ppb-voter-sk: followed by exactly 64 hex digits");
}

TEST_CASE("secret keys are move-only and wiped when moved from, an empty key cannot sign") {
  auto a = secret_key::generate();
  const auto pk = a.public_part();
  secret_key b = std::move(a);
  CHECK(b.valid());
  CHECK_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): the moved-from state is the contract
  CHECK(a.seed() == key_seed{});
  CHECK(b.public_part() == pk);
  CHECK_THROWS_AS((void)a.sign(byte_buffer{1, 2, 3}), usage_error);
  CHECK(key_role_name(key_role::officer) == "officer");
}
