#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "ppb/core/bytes.hpp"
#include "ppb/error.hpp"
#include "ppb/ledger/log.hpp"

using namespace ppb;
using namespace ppb::ledger;
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

using support::temp_dir;

auto read_file(const fs::path& p) -> byte_buffer {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  return byte_buffer(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& p, const byte_buffer& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  REQUIRE(out);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  REQUIRE(out);
}

auto mix(std::uint64_t x) -> std::uint64_t {  // splitmix64's finaliser
  x += 0x9E3779B97F4A7C15u;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
  return x ^ (x >> 31);
}

// The entry a test logs as number i: type, time and payload (0 to 96 bytes) all derive from i, so a
// reader can recompute what must be there.
auto entry_for(std::uint64_t i) -> entry {
  entry e;
  e.type = static_cast<entry_type>(1 + i % 9);
  e.time = 1'700'000'000 + i;
  const std::uint64_t r = mix(i);
  e.payload.resize((i * 37) % 97);
  for (std::size_t k = 0; k < e.payload.size(); ++k) e.payload[k] = static_cast<std::uint8_t>((r >> (8 * (k % 8))) ^ k);
  return e;
}
auto body_for(std::uint64_t i) -> byte_buffer { return entry_body(entry_for(i)); }

// The crash test's entry i: as body_for, but one in sixteen is 16 to 80 KiB, so that some kills
// land inside a write and leave a torn record.
auto crash_body_for(std::uint64_t i) -> byte_buffer {
  if (i % 16 != 5) return body_for(i);
  entry e = entry_for(i);
  const std::size_t n = (std::size_t{16} << 10) + (mix(i) % (std::size_t{64} << 10));
  for (std::size_t k = e.payload.size(); k < n; ++k) e.payload.push_back(static_cast<std::uint8_t>(k * 131 + i));
  return entry_body(e);
}

auto read_all(const fs::path& p) -> std::vector<byte_buffer> {
  log_reader r(p);
  std::vector<byte_buffer> out;
  byte_buffer body;
  while (r.next(body)) out.push_back(body);
  return out;
}

// The code and message of the ppb::error `f` throws (errc::ok and "" if none).
auto error_of(const std::function<void()>& f) -> std::pair<errc, std::string> {
  try {
    f();
  } catch (const error& e) {
    return {e.code(), e.what()};
  }
  return {errc::ok, ""};
}

// Writes a log of `sizes.size()` entries whose payloads have the given sizes; returns each record's
// offset, plus the file's end.
auto make_log(const fs::path& p, const std::vector<std::size_t>& sizes) -> std::vector<std::uint64_t> {
  auto w = log_writer::create(p);
  std::vector<std::uint64_t> offsets{log_header_bytes};
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    entry e = entry_for(i);
    e.payload.assign(sizes[i], static_cast<std::uint8_t>(0x41 + i));
    const byte_buffer body = entry_body(e);
    CHECK(w.append(body) == i);
    offsets.push_back(offsets.back() + record_overhead_bytes + body.size());
  }
  w.sync_through(w.size() - 1);
  return offsets;
}

// A bitwise CRC-32C, straight from the definition, to check the one that runs against (the crc32
// instruction on x86 with SSE 4.2, else tables).
auto crc32c_bitwise(byte_span data) -> std::uint32_t {
  std::uint32_t c = 0xFFFFFFFFu;
  for (auto b : data) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
  }
  return ~c;
}

}  // namespace

TEST_CASE("log: CRC-32C known answers and incremental use") {
  CHECK(crc32c(as_bytes("123456789")) == 0xE3069283u);
  CHECK(crc32c({}) == 0u);
  // RFC 3720 (iSCSI) appendix B.4.
  const byte_buffer zeros(32, 0x00), ones(32, 0xFF);
  byte_buffer ascending(32);
  for (std::size_t i = 0; i < 32; ++i) ascending[i] = static_cast<std::uint8_t>(i);
  CHECK(crc32c(zeros) == 0x8A9136AAu);
  CHECK(crc32c(ones) == 0x62A8AB43u);
  CHECK(crc32c(ascending) == 0x46DD794Eu);

  byte_buffer data(300);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(mix(i));
  for (std::size_t n = 0; n <= data.size(); ++n) {
    const byte_span all(data.data(), n);
    CHECK(crc32c(all) == crc32c_bitwise(all));
    for (std::size_t cut : {std::size_t{0}, n / 3, n}) CHECK(crc32c(all.subspan(cut), crc32c(all.first(cut))) == crc32c(all));
  }
}

TEST_CASE("log: entry bodies") {
  const entry e{entry_type::ballot, 0x0102030405060708u, {0xAA, 0xBB}};
  const byte_buffer body = entry_body(e);
  CHECK(body == byte_buffer{3, 1, 2, 3, 4, 5, 6, 7, 8, 0xAA, 0xBB});
  CHECK(parse_entry_body(body) == e);
  for (std::uint64_t i = 0; i < 50; ++i) CHECK(parse_entry_body(body_for(i)) == entry_for(i));
  CHECK(entry_body(entry{entry_type::close, 7, {}}).size() == 9);
  for (std::size_t n = 0; n < 9; ++n) {
    const auto [code, what] = error_of([&] { (void)parse_entry_body(byte_span(body.data(), n)); });
    CHECK(code == errc::log_corrupt);
    CHECK(std::string_view(what).starts_with("[ppb.parse_error.152] "));
  }
  CHECK(entry_type_name(entry_type::ballot) == "ballot");
  CHECK(entry_type_name(entry_type::checkpoint) == "checkpoint");
  CHECK(entry_type_name(static_cast<entry_type>(0)) == "unknown");
  CHECK(entry_type_name(static_cast<entry_type>(10)) == "unknown");
}

TEST_CASE("log: round trip, reopen and continue") {
  const temp_dir dir;
  const fs::path path = dir / "box.log";
  std::vector<byte_buffer> bodies;
  for (std::uint64_t i = 0; i < 200; ++i) bodies.push_back(body_for(i));
  // Bodies larger than the reader's 1 MiB buffer take its other path.
  bodies.push_back(entry_body(entry{entry_type::setup, 1, byte_buffer((3u << 20) + 5, 0x5A)}));
  bodies.push_back(entry_body(entry{entry_type::credentials, 2, byte_buffer(70'000, 0x33)}));
  bodies.push_back(entry_body(entry{entry_type::close, 3, {}}));
  {
    auto w = log_writer::create(path);
    CHECK(w.path() == path);
    CHECK(w.size() == 0);
    for (std::size_t i = 0; i < bodies.size(); ++i) CHECK(w.append(bodies[i]) == i);
    CHECK(w.size() == bodies.size());
    CHECK(w.durable_size() == 0);
    CHECK(w.syncs() == 0);
    w.sync_through(w.size() - 1);
    CHECK(w.durable_size() == bodies.size());
    CHECK(w.syncs() == 1);
    w.sync_through(0);  // already durable: no new sync
    CHECK(w.syncs() == 1);

    CHECK(error_of([&] { w.sync_through(w.size()); }).first == errc::misuse);
    CHECK(error_of([&] { (void)w.append(byte_buffer(8, 1)); }).first == errc::invalid_argument);
    CHECK(w.size() == bodies.size());
  }
  const auto file_size = fs::file_size(path);
  {
    log_reader r(path);
    byte_buffer body;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      CHECK(r.index() == i);
      REQUIRE(r.next(body));
      CHECK(body == bodies[i]);
    }
    CHECK_FALSE(r.next(body));
    CHECK(r.index() == bodies.size());
    CHECK(r.valid_bytes() == file_size);
    CHECK(r.torn_bytes() == 0);
    CHECK_FALSE(r.next(body));  // the end stays the end
  }
  {
    recovery_report report;
    auto w = log_writer::open(path, &report);
    CHECK(report.entries == bodies.size());
    CHECK(report.valid_bytes == file_size);
    CHECK(report.truncated_bytes == 0);
    CHECK(w.size() == bodies.size());
    CHECK(w.durable_size() == bodies.size());
    CHECK(w.append_durable(body_for(1000)) == bodies.size());
    CHECK(w.append(body_for(1001)) == bodies.size() + 1);
    CHECK(w.durable_size() == bodies.size() + 1);
    // Not synced: the destructor writes it (best effort).
  }
  bodies.push_back(body_for(1000));
  bodies.push_back(body_for(1001));
  CHECK(read_all(path) == bodies);

  // A reader at the end sees what is appended later.
  {
    log_reader r(path);
    byte_buffer body;
    while (r.next(body)) {
    }
    auto w = log_writer::open(path);
    (void)w.append_durable(body_for(1002));
    REQUIRE(r.next(body));
    CHECK(body == body_for(1002));
    CHECK_FALSE(r.next(body));
    bodies.push_back(body);
  }

  // Moving keeps the open log; a moved-from writer refuses work.
  auto w1 = log_writer::open(path);
  log_writer w2 = std::move(w1);
  CHECK(w2.size() == bodies.size());
  CHECK(error_of([&] { (void)w1.append(body_for(0)); }).first == errc::misuse);  // NOLINT(bugprone-use-after-move)
}

TEST_CASE("log: opening errors") {
  const temp_dir dir;
  const fs::path path = dir / "a.log";
  const auto missing = error_of([&] { log_reader r(dir / "missing.log"); });
  CHECK(missing.first == errc::io);
  CHECK(std::string_view(missing.second).starts_with("[ppb.parse_error.100] "));
  CHECK(error_of([&] { (void)log_writer::open(dir / "missing.log"); }).first == errc::io);
  CHECK(error_of([&] { (void)log_writer::create(dir.path / "no-such-dir" / "a.log"); }).first == errc::io);

  (void)make_log(path, {1, 2, 3});
  const byte_buffer good = read_file(path);
  const auto exists = error_of([&] { (void)log_writer::create(path); });
  CHECK(exists.first == errc::io);
  CHECK(exists.second.find("cannot create the log") != std::string::npos);
  CHECK(read_file(path) == good);  // untouched

  const fs::path bad = dir / "bad.log";
  auto refused = [&](const byte_buffer& content) {
    write_file(bad, content);
    const auto by_reader = error_of([&] { log_reader r(bad); });
    const auto by_writer = error_of([&] { (void)log_writer::open(bad); });
    CHECK(by_reader.first == by_writer.first);
    CHECK(read_file(bad) == content);
    return by_reader.first;
  };
  byte_buffer b = good;
  b[0] = 'P';
  CHECK(refused(b) == errc::not_a_log);
  b = good;
  b[11] = 2;  // version 2
  CHECK(refused(b) == errc::log_version);
  b = good;
  b[15] = 1;  // reserved field
  CHECK(refused(b) == errc::not_a_log);
  CHECK(refused(byte_buffer(good.begin(), good.begin() + 10)) == errc::not_a_log);
  CHECK(refused({}) == errc::not_a_log);
  // A header alone is an empty log.
  write_file(bad, byte_buffer(good.begin(), good.begin() + log_header_bytes));
  CHECK(read_all(bad).empty());
}

TEST_CASE("log: after a failed write every call throws") {
  const temp_dir dir;
  const fs::path path = dir / "box.log";
  (void)make_log(path, {10, 20});
  const auto size = fs::file_size(path);
  // In a child, whose file size limit makes the next write fail (EFBIG) partway.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      auto w = log_writer::open(path);
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{static_cast<rlim_t>(size + 100), static_cast<rlim_t>(size + 100)};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
      auto code = [](const std::function<void()>& f) { return error_of(f); };
      const auto first = code([&] { (void)w.append_durable(byte_buffer(1000, 9)); });
      if (first.first != errc::io || !std::string_view(first.second).starts_with("[ppb.error.100] ")) ::_exit(11);
      if (code([&] { (void)w.append(body_for(1)); }).first != errc::io) ::_exit(12);
      if (code([&] { w.sync_through(0); }).first != errc::io) ::_exit(13);
      if (w.durable_size() != 2) ::_exit(14);
      ::_exit(0);
    } catch (...) {
      ::_exit(15);
    }
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // The partial record it left is a torn tail.
  CHECK(fs::file_size(path) == size + 100);
  recovery_report report;
  (void)log_writer::open(path, &report);
  CHECK(report.entries == 2);
  CHECK(report.truncated_bytes == 100);
}

TEST_CASE("log: torn tails are cut, damage elsewhere is refused by index") {
  const temp_dir dir;
  const fs::path path = dir / "box.log";
  const fs::path work = dir / "work.log";
  const auto off = make_log(path, {0, 50, 300, 20, 1000, 77});
  const byte_buffer good = read_file(path);
  REQUIRE(good.size() == off[6]);
  std::vector<byte_buffer> bodies = read_all(path);
  REQUIRE(bodies.size() == 6);

  // Opens `content` for appending; checks it keeps `kept` entries and cuts the rest, and that the
  // log takes the next entry at index `kept`.
  auto recovers_to = [&](const byte_buffer& content, std::size_t kept) {
    write_file(work, content);
    {
      log_reader r(work);
      byte_buffer body;
      std::size_t n = 0;
      while (r.next(body)) CHECK(body == bodies[n++]);
      CHECK(n == kept);
      CHECK(r.valid_bytes() == off[kept]);
      CHECK(r.torn_bytes() == content.size() - off[kept]);
    }
    recovery_report report;
    auto w = log_writer::open(work, &report);
    CHECK(report.entries == kept);
    CHECK(report.valid_bytes == off[kept]);
    CHECK(report.truncated_bytes == content.size() - off[kept]);
    CHECK(fs::file_size(work) == off[kept]);
    CHECK(w.append_durable(body_for(99)) == kept);
    auto expected = std::vector<byte_buffer>(bodies.begin(), bodies.begin() + static_cast<std::ptrdiff_t>(kept));
    expected.push_back(body_for(99));
    CHECK(read_all(work) == expected);
  };
  // The damage `content` holds is refused, naming entry `index` and its offset; the file is kept.
  auto refused_at = [&](const byte_buffer& content, std::size_t index) {
    write_file(work, content);
    const std::string where = "entry " + std::to_string(index) + " at byte offset " + std::to_string(off[index]) + ": ";
    const auto by_reader = error_of([&] { (void)read_all(work); });
    CHECK(by_reader.first == errc::log_corrupt);
    CHECK(std::string_view(by_reader.second).starts_with("[ppb.parse_error.152] "));
    CHECK(by_reader.second.find(where) != std::string::npos);
    const auto by_writer = error_of([&] { (void)log_writer::open(work); });
    CHECK(by_writer.first == errc::log_corrupt);
    CHECK(by_writer.second.find(where) != std::string::npos);
    CHECK(read_file(work) == content);
  };

  SUBCASE("every cut of the last record") {
    for (std::uint64_t cut = off[5]; cut <= off[6]; ++cut)
      recovers_to(byte_buffer(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut)), cut == off[6] ? 6 : 5);
  }
  SUBCASE("a damaged last record is torn") {
    // Every byte of its body and checksum; its length made huge.
    for (std::uint64_t at = off[5] + 4; at < off[6]; ++at) {
      byte_buffer b = good;
      b[at] ^= 0xFF;
      recovers_to(b, 5);
    }
    byte_buffer b = good;
    b[off[5]] ^= 0xFF;
    recovers_to(b, 5);
  }
  SUBCASE("any damaged byte of a middle record is refused") {
    for (std::uint8_t flip : {std::uint8_t{0xFF}, std::uint8_t{0x01}, std::uint8_t{0x80}}) {
      for (std::uint64_t at = off[3]; at < off[4]; ++at) {
        byte_buffer b = good;
        b[at] ^= flip;
        refused_at(b, 3);
      }
    }
    // Also when the last record is torn as well, and for the first record.
    byte_buffer b(good.begin(), good.end() - 10);
    b[off[3] + 10] ^= 0x04;
    refused_at(b, 3);
    b = good;
    b[off[0] + 1] ^= 0x10;
    refused_at(b, 0);
  }
  SUBCASE("zeros after the last record are a torn tail; zeros in the middle are damage") {
    byte_buffer b = good;
    b.resize(b.size() + 4096, 0);
    recovers_to(b, 6);
    b = good;
    std::fill(b.begin() + static_cast<std::ptrdiff_t>(off[5]) + 6, b.end(), 0);
    b.resize(b.size() + 100, 0);
    recovers_to(b, 5);
    b = good;
    std::fill(b.begin() + static_cast<std::ptrdiff_t>(off[2]), b.begin() + static_cast<std::ptrdiff_t>(off[3]), 0);
    refused_at(b, 2);
  }
  SUBCASE("bad lengths") {
    byte_buffer b = good;
    put_be<std::uint32_t>(b, 0);  // length 0 and a 4-byte "checksum": the last thing in the file
    put_be<std::uint32_t>(b, 0x12345678);
    recovers_to(b, 6);
    b.push_back(1);  // ... followed by more bytes
    write_file(work, b);
    const auto e = error_of([&] { (void)log_writer::open(work); });
    CHECK(e.first == errc::log_corrupt);
    CHECK(e.second.find("entry 6 at byte offset " + std::to_string(off[6]) + ": length 0") != std::string::npos);
    b = good;
    put_be<std::uint32_t>(b, 5);  // a body shorter than 9 bytes, complete, then more
    b.resize(b.size() + 5 + 4 + 30, 7);
    write_file(work, b);
    CHECK(error_of([&] { (void)log_writer::open(work); }).first == errc::log_corrupt);
    b = good;
    put_be<std::uint32_t>(b, 0xFFFFFFF0u);  // far above the largest body, the file ends inside it
    b.resize(b.size() + 1000, 7);
    recovers_to(b, 6);
  }
}

TEST_CASE("log: group commit shares fdatasyncs between concurrent writers") {
  const temp_dir dir;
  const fs::path path = dir / "box.log";
  constexpr std::uint32_t threads = 8, per_thread = 500;
  auto body_of = [](std::uint32_t thread, std::uint32_t seq) {
    entry e{entry_type::ballot, thread, {}};
    e.payload.reserve(64);
    put_be(e.payload, thread);
    put_be(e.payload, seq);
    e.payload.resize(8 + (seq % 50), static_cast<std::uint8_t>(seq));
    return entry_body(e);
  };
  std::uint64_t syncs = 0;
  {
    auto w = log_writer::create(path);
    std::atomic<bool> all_durable{true};
    std::vector<std::thread> pool;
    const auto start = std::chrono::steady_clock::now();
    for (std::uint32_t t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (std::uint32_t s = 0; s < per_thread; ++s) {
          const std::uint64_t index = w.append_durable(body_of(t, s));
          if (w.durable_size() <= index) all_durable = false;
        }
      });
    for (auto& th : pool) th.join();
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(all_durable.load());
    CHECK(w.size() == threads * per_thread);
    CHECK(w.durable_size() == threads * per_thread);
    syncs = w.syncs();
    CHECK(syncs > 0);
    CHECK(syncs < threads * per_thread);
    MESSAGE("group commit: " << threads * per_thread << " entries, " << syncs << " fdatasyncs ("
                             << static_cast<double>(threads * per_thread) / static_cast<double>(syncs)
                             << " entries per sync), " << ms << " ms");
  }
  // Each entry exactly once, and each thread's entries in the order it appended them.
  std::vector<std::uint32_t> next_seq(threads, 0);
  std::size_t n = 0;
  for (const byte_buffer& body : read_all(path)) {
    const entry e = parse_entry_body(body);
    REQUIRE(e.payload.size() >= 8);
    const auto t = get_be<std::uint32_t>(e.payload.data());
    const auto s = get_be<std::uint32_t>(e.payload.data() + 4);
    REQUIRE(t < threads);
    CHECK(s == next_seq[t]);
    CHECK(body == body_of(t, s));
    next_seq[t] = s + 1;
    ++n;
  }
  CHECK(n == threads * per_thread);
  for (auto s : next_seq) CHECK(s == per_thread);
}

// The child of the crash test: opens (or creates) the log and appends crash_body_for(i) as entry i
// until it is killed, reporting each index on `ack` once append_durable has returned. Never
// returns into doctest.
[[noreturn]] static void crash_child(const fs::path& path, int ack) {
  try {
    auto w = fs::exists(path) ? log_writer::open(path) : log_writer::create(path);
    for (;;) {
      const std::uint64_t i = w.size();
      if (w.append_durable(crash_body_for(i)) != i) ::_exit(3);
      const auto* p = reinterpret_cast<const char*>(&i);
      for (std::size_t done = 0; done < sizeof i;) {
        const ssize_t r = ::write(ack, p + done, sizeof i - done);
        if (r <= 0) ::_exit(4);
        done += static_cast<std::size_t>(r);
      }
    }
  } catch (...) {
    ::_exit(2);
  }
}

TEST_CASE("log: a writer killed at random never loses an acknowledged entry") {
  const temp_dir dir;
  const fs::path path = dir / "box.log";
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> delay_us(0, 3000);
  std::uint64_t entries = 0, acked_total = 0, torn = 0, in_flight_kept = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int iteration = 0; iteration < 200; ++iteration) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      crash_child(path, fds[1]);
    }
    ::close(fds[1]);
    std::vector<std::uint64_t> acked;
    // One kill in eight right away, maybe before the child has even opened the log; one in four
    // after its first acknowledgement (however slow opening the log is on this machine); the
    // rest after a random delay.
    const auto when = rng() % 8;
    if (when == 1 || when == 2) {
      std::uint64_t i = 0;
      REQUIRE(::read(fds[0], &i, sizeof i) == static_cast<ssize_t>(sizeof i));
      acked.push_back(i);
    }
    if (when != 0) std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    REQUIRE(::kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));  // it ran until killed: no exception, no wrong index
    REQUIRE(WTERMSIG(status) == SIGKILL);

    for (;;) {
      std::uint64_t i = 0;
      const ssize_t r = ::read(fds[0], &i, sizeof i);
      if (r == 0) break;
      REQUIRE(r == static_cast<ssize_t>(sizeof i));  // 8-byte pipe writes are atomic
      acked.push_back(i);
    }
    ::close(fds[0]);
    // Acknowledged indices continue the log without a gap.
    for (std::size_t k = 0; k < acked.size(); ++k) REQUIRE(acked[k] == entries + k);
    acked_total += acked.size();
    if (!fs::exists(path)) {
      REQUIRE(acked.empty());
      continue;
    }

    recovery_report report;
    {
      auto w = log_writer::open(path, &report);
      REQUIRE(w.size() == report.entries);
    }
    if (report.truncated_bytes > 0) ++torn;
    // Everything acknowledged is there; at most the one entry in flight besides.
    REQUIRE(report.entries >= entries + acked.size());
    REQUIRE(report.entries <= entries + acked.size() + 1);
    if (report.entries > entries + acked.size()) ++in_flight_kept;
    // Check the entries this round added (earlier ones were checked in earlier rounds, and the
    // reader checks every record's checksum on the way).
    log_reader r(path);
    byte_buffer body;
    while (r.next(body)) {
      const std::uint64_t i = r.index() - 1;
      if (i >= entries) REQUIRE(body == crash_body_for(i));
    }
    REQUIRE(r.index() == report.entries);
    REQUIRE(r.torn_bytes() == 0);
    entries = report.entries;
  }
  // A last full check of every entry.
  const auto all = read_all(path);
  REQUIRE(all.size() == entries);
  for (std::uint64_t i = 0; i < all.size(); ++i) REQUIRE(all[i] == crash_body_for(i));
  const auto s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(acked_total > 0);
  MESSAGE("crash test: 200 kills, " << entries << " entries (" << acked_total << " acknowledged, " << in_flight_kept
                                    << " unacknowledged kept), " << torn << " torn tails cut, " << s << " s");
}
