#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ppb/crypto/canonical.hpp"

using namespace ppb;

namespace {

auto load_vectors() -> boost::json::array {
  std::ifstream in(PPB_TEST_DATA "/ballot_v1_vectors.json");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return boost::json::parse(ss.str()).as_object().at("vectors").as_array();
}

auto str(const boost::json::value& v) -> std::string_view { return v.as_string(); }

auto sample(const secret_key& sk) -> ballot_content {
  ballot_content b;
  b.election = crypto::election_id("{}");
  b.unit = 1;
  b.credential = sk.public_part();
  b.revision = 7;
  b.items = {2, 5, 11};
  return b;
}

}  // namespace

TEST_CASE("ballot/v1 golden vectors: valid ones open to their content and re-encode to the same bytes") {
  int valid = 0;
  for (const auto& value : load_vectors()) {
    const auto& v = value.as_object();
    if (v.at("result").as_string() != "valid") continue;
    CAPTURE(str(v.at("name")));
    const auto signed_bytes = *from_hex(str(v.at("signed")));
    const auto sk = secret_key::from_seed(*from_hex_array<seed_bytes>(str(v.at("seed"))));
    const auto opened = crypto::open_ballot(signed_bytes);
    REQUIRE(opened);
    const auto& c = opened.ballot->content;
    CHECK(to_hex(c.election) == str(v.at("election")));
    CHECK(c.unit == v.at("unit").as_int64());
    CHECK(to_hex(c.credential) == str(v.at("credential")));
    CHECK(c.credential == sk.public_part());
    CHECK(c.revision == static_cast<std::uint64_t>(v.at("revision").as_int64()));
    CHECK(to_hex(c.nonce) == str(v.at("nonce")));
    CHECK(static_cast<int>(c.kind) == v.at("payload").as_int64());
    std::vector<std::uint16_t> items;
    for (const auto& x : v.at("items").as_array()) items.push_back(static_cast<std::uint16_t>(x.as_int64()));
    std::vector<std::uint32_t> points;
    for (const auto& x : v.at("points").as_array()) points.push_back(static_cast<std::uint32_t>(x.as_int64()));
    CHECK(c.items == items);
    CHECK(c.points == points);
    // parse(b) = x ⇒ encode(x) = b, and signing is deterministic.
    CHECK(crypto::sign_ballot(c, sk) == signed_bytes);
    CHECK(to_hex(crypto::ballot_id(signed_bytes)) == str(v.at("ballot_id")));
    ++valid;
  }
  CHECK(valid == 4);
}

TEST_CASE("ballot/v1 golden vectors: each malformed ballot is refused with its own reason") {
  std::set<std::string> seen;
  for (const auto& value : load_vectors()) {
    const auto& v = value.as_object();
    if (v.at("result").as_string() == "valid") continue;
    CAPTURE(str(v.at("name")));
    const auto opened = crypto::open_ballot(*from_hex(str(v.at("signed"))));
    REQUIRE_FALSE(opened);
    CHECK(ballot_format_fault_name(opened.fault) == str(v.at("result")));
    CHECK_FALSE(opened.detail.empty());
    seen.insert(std::string(str(v.at("result"))));
  }
  // Every fault of ballot_format_fault has a vector.
  for (int f = 1; f <= 10; ++f) {
    CAPTURE(f);
    CHECK(seen.count(std::string(ballot_format_fault_name(static_cast<ballot_format_fault>(f)))) == 1);
  }
}

TEST_CASE("ballot/v1: flipping any byte of a signed ballot makes it fail to open") {
  const auto sk = secret_key::generate();
  auto b = sample(sk);
  b.kind = payload_kind::points;
  b.points = {1, 2, 3};
  const auto good = crypto::sign_ballot(b, sk);
  REQUIRE(crypto::open_ballot(good));
  for (std::size_t i = 0; i < good.size(); ++i) {
    CAPTURE(i);
    auto bad = good;
    bad[i] ^= 0x01;
    CHECK_FALSE(crypto::open_ballot(bad));
  }
  // Every prefix is refused too.
  for (std::size_t n = 0; n < good.size(); ++n) CHECK_FALSE(crypto::open_ballot(byte_span(good).first(n)));
}

TEST_CASE("ballot/v1: encode refuses content with no canonical form") {
  const auto sk = secret_key::generate();
  auto b = sample(sk);
  b.items = {5, 2};
  CHECK_THROWS_AS(crypto::encode_ballot(b), usage_error);
  b.items = {2, 2};
  CHECK_THROWS_AS(crypto::encode_ballot(b), usage_error);
  b.items = {2, 5};
  b.points = {1, 1};
  CHECK_THROWS_AS(crypto::encode_ballot(b), usage_error);  // points on an approval ballot
  b.kind = payload_kind::points;
  b.points = {1};
  CHECK_THROWS_AS(crypto::encode_ballot(b), usage_error);  // one value short
  b.points = {1, 0};
  CHECK_THROWS_AS(crypto::encode_ballot(b), usage_error);  // zero points
  b.kind = payload_kind::ranking;
  b.points.clear();
  b.items = {5, 2, 5};
  CHECK_THROWS_AS(crypto::encode_ballot(b), usage_error);
  b.items = {5, 2, 9};  // a ranking keeps its order
  const auto opened = crypto::open_ballot(crypto::sign_ballot(b, sk));
  REQUIRE(opened);
  CHECK(opened.ballot->content == b);
}

TEST_CASE("ballot ids: a ballot re-signed by another key keeps its id, a changed nonce changes it") {
  const auto sk = secret_key::generate(), other = secret_key::generate();
  auto b = sample(sk);
  const auto id = crypto::ballot_id(crypto::sign_ballot(b, sk));
  CHECK(crypto::ballot_id(crypto::sign_ballot(b, other)) == id);
  b.nonce[0] = 1;
  CHECK(crypto::ballot_id(crypto::sign_ballot(b, sk)) != id);
  CHECK(crypto::election_id("{}") != crypto::election_id("{ }"));
  CHECK_THROWS_AS(crypto::ballot_id(byte_buffer(10)), usage_error);
}

TEST_CASE("ballot/v1: parse_ballot_unverified reads a ballot whose signature is wrong, open_ballot does not") {
  const auto sk = secret_key::generate();
  auto signed_bytes = crypto::sign_ballot(sample(sk), sk);
  signed_bytes.back() ^= 1;
  CHECK(crypto::open_ballot(signed_bytes).fault == ballot_format_fault::bad_signature);
  const auto read = crypto::parse_ballot_unverified(signed_bytes);
  REQUIRE(read);
  CHECK(read.ballot->content == sample(sk));
}
