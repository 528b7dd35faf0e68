// Snapshots: exact round trips of definition, proposals with audit trail, and roll; corrupted,
// truncated, foreign and future snapshots refused with their own codes.
#include <doctest/doctest.h>

#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/string.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ppb/io/archive.hpp"
#include "proposals/workflow_fixture.hpp"

using namespace ppb;
using fixture::workflow;

namespace {

/// A state with proposals in every lifecycle state, votes, revisions and a full roll.
auto busy_state() -> election_state {
  workflow w;
  for (auto s : all_proposal_states) w.drive("P" + std::to_string(static_cast<int>(s)), s);
  auto odd = workflow::good("Q", "Квартал: «Жаңа» — фонари\nв две строки", "kosshy");
  odd.attachments = {{"https://example.kz/q.pdf", std::string(64, 'f')}, {"plan.pdf", ""}};
  REQUIRE(w.submit(odd).ok());
  REQUIRE(w.vote("Q", "expert-aliya", review_decision::approve, fixture::review_at, 7000000).ok());
  return {w.def, w.reg, w.roll};
}

auto save(const election_state& s) -> std::string {
  std::ostringstream out;
  io::save_snapshot(out, s);
  return out.str();
}

auto load_code(const std::string& bytes) -> errc {
  std::istringstream in(bytes);
  try {
    (void)io::load_snapshot(in, "s.snap");
  } catch (const parse_error& e) {
    return e.code();
  }
  return errc::ok;
}

/// `bytes` with the payload replaced and the header's length and checksum made to match.
auto with_payload(const std::string& bytes, const std::string& payload) -> std::string {
  std::string out = bytes.substr(0, 12);
  for (int i = 7; i >= 0; --i) out += static_cast<char>((payload.size() >> (8 * i)) & 0xFF);
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : payload) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  for (int i = 7; i >= 0; --i) out += static_cast<char>((h >> (8 * i)) & 0xFF);
  return out + payload;
}

}  // namespace

TEST_CASE("a snapshot round-trips exactly, and saving is deterministic") {
  const auto state = busy_state();
  REQUIRE(state.proposals.proposals().size() == 10);  // 8 states, a merge target, Q
  const auto bytes = save(state);
  CHECK(bytes.substr(0, 8) == std::string("\x89PPB\r\n\x1a\n"));
  std::istringstream in(bytes);
  const auto back = io::load_snapshot(in);
  CHECK(back.definition == state.definition);
  CHECK(back.definition.bytes() == state.definition.bytes());
  CHECK(back.proposals == state.proposals);
  CHECK(back.proposals.audit() == state.proposals.audit());
  CHECK(back.roll == state.roll);
  CHECK(back == state);
  CHECK(save(back) == bytes);
  // The restored registry works: lookups and further steps.
  CHECK(back.proposals.find("Q")->title == "Квартал: «Жаңа» — фонари\nв две строки");
  CHECK(back.roll.find(fixture::iin_of(fixture::center_voter))->credential.has_value());
}

TEST_CASE("an empty state round-trips") {
  const election_state empty;
  std::istringstream in(save(empty));
  CHECK(io::load_snapshot(in) == empty);
}

TEST_CASE("snapshot files are written atomically and read back") {
  const auto dir = std::filesystem::temp_directory_path() / ("ppb_archive_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "state.snap";
  const auto state = busy_state();
  io::save_snapshot(path, state);
  io::save_snapshot(path, state);  // replaces
  CHECK_FALSE(std::filesystem::exists(dir / "state.snap.tmp"));
  CHECK(io::load_snapshot(path) == state);
  try {
    (void)io::load_snapshot(dir / "missing.snap");
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::io);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("foreign, future, truncated and corrupted snapshots are refused with a clear error") {
  const auto bytes = save(busy_state());
  CHECK(load_code(bytes) == errc::ok);
  CHECK(load_code("") == errc::not_a_snapshot);
  CHECK(load_code("META\nkey;value\n") == errc::not_a_snapshot);
  CHECK(load_code(fixture::small_city_text()) == errc::not_a_snapshot);
  CHECK(load_code("\x89PPB") == errc::not_a_snapshot);
  CHECK(load_code(bytes.substr(0, 10)) == errc::snapshot_corrupt);
  auto future = bytes;
  future[11] = 2;
  CHECK(load_code(future) == errc::snapshot_version);
  CHECK(load_code(bytes.substr(0, bytes.size() - 1)) == errc::snapshot_corrupt);
  CHECK(load_code(bytes + "x") == errc::snapshot_corrupt);
  // Every byte of the payload is covered by the checksum; every header byte by its own check.
  for (std::size_t i = 0; i < bytes.size(); i += 97) {
    auto flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
    CAPTURE(i);
    CHECK(load_code(flipped) != errc::ok);
  }
  auto flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x20;
  try {
    std::istringstream in(flipped);
    (void)io::load_snapshot(in, "state.snap");
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::snapshot_corrupt);
    CHECK(std::string(e.what()) ==
          "[ppb.parse_error.129] state.snap: checksum mismatch: the snapshot was altered or damaged");
  }
}

TEST_CASE("a payload with a valid checksum but broken content is refused") {
  const auto bytes = save(busy_state());
  // Not a Boost archive at all.
  CHECK(load_code(with_payload(bytes, "hello")) == errc::snapshot_corrupt);
  // A real archive whose stored definition is not a valid election (the payload's first field).
  std::ostringstream archive;
  {
    boost::archive::text_oarchive ar(archive);
    std::string definition = "{}";
    std::uint64_t none = 0;
    ar & definition & none & none & none;
  }
  const auto tiny = save(election_state{});
  const auto broken = archive.str();
  try {
    std::istringstream in(with_payload(tiny, broken));
    (void)io::load_snapshot(in, "s.snap");
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::snapshot_corrupt);
    CHECK(e.reason().starts_with("the stored definition does not load: "));
  }
}
