// The ballot box when memory runs out: a submission that cannot be taken is refused with
// `std::bad_alloc` and takes no place in the order, a worker that cannot take work leaves it queued,
// and the box goes on answering once memory is back. Its own executable: it replaces the global
// `operator new` (SQLite's fault-injection habit: fail the n-th allocation, for every n in turn).
#include <cstdlib>
#include <future>
#include <new>
#include <optional>
#include <thread>

#include "ledger/box_fixture.hpp"
#include "ppb/ledger/log.hpp"

namespace {

// Allocations that fail on purpose: the n-th from now on the thread that asked, or every one on the
// threads that did not exempt themselves (the box's own threads).
thread_local long fail_countdown = -1;
thread_local bool exempt_from_failing_others = false;
std::atomic<bool> failing_others{false};

auto should_fail() noexcept -> bool {
  if (fail_countdown >= 0 && fail_countdown-- == 0) return true;
  return failing_others.load(std::memory_order_relaxed) && !exempt_from_failing_others;
}

}  // namespace

// GCC, inlining these into this file's own news and deletes, takes `free` for a mismatch.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
// NOLINTBEGIN(misc-new-delete-overloads): the array and nothrow forms call these by default.
auto operator new(std::size_t n) -> void* {
  if (should_fail()) throw std::bad_alloc();
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
// NOLINTEND(misc-new-delete-overloads)

using fixture::box_world;
using fixture::voting_time;
using ppb::ledger::ballot_box;
using ppb::ledger::verdict;

namespace {

/// Submits `bytes` through `submit_async`: the future holds the verdict, or the failure.
auto submit_for_answer(ballot_box& box, ppb::byte_buffer bytes) -> std::future<verdict> {
  auto promise = std::make_shared<std::promise<verdict>>();
  auto answer = promise->get_future();
  box.submit_async(std::move(bytes), voting_time(), [promise](verdict v, std::exception_ptr failure) {
    if (failure)
      promise->set_exception(failure);
    else
      promise->set_value(std::move(v));
  });
  return answer;
}

/// Submits `bytes` and waits up to ten seconds for the answer: the verdict, or the failure
/// rethrown; `std::nullopt` if none came (a submission stranded behind a place in the order that
/// nobody fills).
auto answer_in_time(ballot_box& box, ppb::byte_buffer bytes) -> std::optional<verdict> {
  auto answer = submit_for_answer(box, std::move(bytes));
  if (answer.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return std::nullopt;
  return answer.get();
}

}  // namespace

TEST_CASE("box, out of memory: the n-th allocation of a blocking submit fails, for every n; nothing is stranded, lost or counted twice") {
  CHECK(static_cast<int>(ppb::errc::box_stopped) == 154);
  CHECK(std::string(ppb::errc_name(ppb::errc::box_stopped)) == "box_stopped");
  fixture::temp_dir dir;
  box_world w(fixture::small_city_def_with([](auto& o) { o["revote"] = "latest"; }), 4);
  const auto log = dir / "alloc.log";
  std::uint64_t acknowledged = 0, refused_for_memory = 0, stops = 0;
  std::uint64_t revision = 0;  // rising for every voter: under `latest` each ballot counts
  std::optional<ballot_box> box(ballot_box::create(log, w.setup()));
  bool completed = false;
  for (long n = 0; !completed; ++n) {
    CAPTURE(n);
    REQUIRE(n < 10000);
    const auto v = static_cast<std::size_t>(n) % w.voters.size();
    const auto bytes = w.ballot(v, w.voter_units[v], {1}, ++revision);
    fail_countdown = n;
    try {
      const auto got = box->submit(bytes, voting_time());
      completed = fail_countdown >= 0;  // the n-th allocation never came: every one is covered
      CHECK(got.accepted);
      acknowledged += got.accepted ? 1 : 0;
    } catch (const std::bad_alloc&) {
      ++refused_for_memory;
    }
    fail_countdown = -1;
    // Whatever failed, the next submission is answered: decided, or refused because the failure
    // came part-way through a change and stopped the box, which its log then reopens.
    const auto next = w.ballot(v, w.voter_units[v], {2}, ++revision);
    std::optional<verdict> after;
    try {
      after = answer_in_time(*box, next);
      REQUIRE(after);
    } catch (const ppb::error& e) {
      REQUIRE(e.code() == ppb::errc::box_stopped);
      ++stops;
      CHECK_THROWS_AS(box->close(w.authority, voting_time()), ppb::error);  // every change is refused
      box.reset();
      box.emplace(ballot_box::open(log));
      after = answer_in_time(*box, next);
      REQUIRE(after);
    }
    CHECK(after->accepted);
    acknowledged += after->accepted ? 1 : 0;
  }
  CHECK(refused_for_memory > 0);
  // Every acknowledged ballot is in the log; beyond them, at most the one submission of each stop
  // (logged, then refused for memory: never acknowledged). The live box counts what its log holds.
  const auto live = box->accepted();
  box.reset();
  const auto replayed = ppb::ledger::replay_log(log);
  CHECK(replayed.accepted == live);
  CHECK(replayed.accepted >= acknowledged);
  CHECK(replayed.accepted <= acknowledged + stops);
  const auto summary = std::to_string(refused_for_memory) + " refused for memory, " + std::to_string(stops) + " stops, " +
                       std::to_string(acknowledged) + " acknowledged";
  MESSAGE(summary);
}

TEST_CASE("box, out of memory: a worker that cannot take work leaves it queued, and takes it once memory is back") {
  fixture::temp_dir dir;
  box_world w;
  auto box = ballot_box::create(dir / "worker.log", w.setup());
  const auto bytes = w.ballot(0, w.voter_units[0], {1});
  exempt_from_failing_others = true;  // this thread submits; the box's threads cannot allocate
  failing_others = true;
  auto answer = submit_for_answer(box, bytes);
  CHECK(answer.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);  // still queued
  failing_others = false;
  REQUIRE(answer.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  const auto v = answer.get();
  CHECK(v.accepted);
  CHECK(box.accepted() == 1);
}
