// The ballot box and its log at city scale, next to the bare limits of the same machine.
// usage: ledger_bench [--smoke] [--ballots N] [--in-flight W] [--clients C]
//        (default 200,000 ballots; --smoke: 2,000; W = 4,096 submissions in flight through
//        `submit_async`; C = 64 threads calling the blocking `submit`)
//
// One run measures, side by side: the bare limits (Ed25519 verify on one core and on every core,
// the credential-point check, SHA-256, the disk's durable sequential write rate); one election
// with a single ballot unit, N pseudonymous voters whose ballots are signed up front and submitted
// to a `ballot_box` twice: through `submit_async` from one thread keeping W in flight (as a
// server would), and to a second box through the blocking `submit` from C threads (real voters
// submit concurrently, so their waits share fdatasyncs); the replay of the closed log; Merkle proofs over N leaves; peak memory and the
// log's size. Wall and CPU seconds, context switches and each stage's own peak memory are
// reported, never asserted; so is how much CPU other processes took during the run.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "ppb/core/parallel.hpp"
#include "ppb/crypto/canonical.hpp"
#include "ppb/crypto/hash.hpp"
#include "ppb/crypto/keys.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/ledger/box.hpp"
#include "ppb/ledger/log.hpp"
#include "ppb/ledger/merkle.hpp"
#include "ppb/model/calendar.hpp"
#include "measure.hpp"
#include "support/temp_dir.hpp"
#include "support/unit_ballot.hpp"

namespace {

using measure::clock_type, measure::cpu_model, measure::disk_write, measure::cpu_seconds, measure::load_average, measure::machine_cpu_now,
    measure::mb, measure::rate, measure::reset_peak, measure::seconds_since, measure::status_bytes, measure::table_head;

/// Memory of one stage: the resident set before it and its peak during it. The peak is reset at
/// the start of the stage (`/proc/self/clear_refs`), so each stage reports its own peak.
struct memory_stage {
  std::uint64_t before = 0, peak = 0;
  static auto start() -> memory_stage {
    return {reset_peak(), 0};
  }
  void stop() { peak = std::max(status_bytes("VmHWM"), before); }
  [[nodiscard]] auto growth() const -> std::uint64_t { return peak - before; }
};

/// Context switches of the whole process so far: voluntary (a thread blocked) and involuntary
/// (a thread was preempted).
struct switches {
  std::uint64_t voluntary = 0, involuntary = 0;
};
auto context_switches() -> switches {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return {static_cast<std::uint64_t>(u.ru_nvcsw), static_cast<std::uint64_t>(u.ru_nivcsw)};
}

/// One way of submitting all N ballots to a box, measured.
struct submit_run {
  double wall = 0, cpu = 0;
  std::uint64_t syncs = 0, voluntary = 0, involuntary = 0, refused = 0;
  std::vector<float> latency;  // seconds of each submission, sorted
};

auto seed_of(std::uint64_t tag, std::uint64_t i) -> ppb::key_seed {
  ppb::key_seed s{};
  for (int b = 0; b < 8; ++b) {
    s[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(i >> (8 * b));
    s[static_cast<std::size_t>(8 + b)] = static_cast<std::uint8_t>(tag >> (8 * b));
  }
  s[31] = 0x5a;
  return s;
}

constexpr int project_count = 20;
constexpr const char* unit_id = "city";
constexpr const char* voting_moment = "2026-04-20T10:00:00Z";  // inside the voting phase below

auto election_json() -> std::string {
  return R"({"format": "ppb/election/v1", "cycle": "ledger-bench", "currency": "KZT", "utc_offset": "+05:00",
    "title": {"kk": "Бюджет", "ru": "Бюджет", "en": "Budget"},
    "units": [{"id": "city", "kind": "city", "budget": 50000000,
               "name": {"kk": "Қала", "ru": "Город", "en": "City"}}],
    "phases": [{"phase": "submission", "begin": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
               {"phase": "voting", "begin": "2026-04-15T00:00:00Z", "end": "2026-05-01T00:00:00Z"}],
    "proposals": {"categories": ["any"], "review": {"quorum": 1, "decision_rule": "majority"}},
    "ballot": {"vote_type": "approval", "min_length": 1, "max_length": 5},
    "eligibility": {"min_age": 18, "residence": "own_unit"},
    "revote": "latest", "credentials": "pseudonymous", "tally": {"rule": "greedy"}})";
}

/// Voter `i`'s ballot: 1–5 of the 20 projects, deterministic per voter.
auto ballot_of(const ppb::digest& election, const ppb::public_key& key, std::uint64_t i) -> ppb::ballot_content {
  std::mt19937_64 rng(i * 0x9E3779B97F4A7C15ull + 1);
  ppb::ballot_content b;
  b.election = election;
  b.unit = 0;
  b.credential = key;
  b.revision = 1;
  for (auto& x : b.nonce) x = static_cast<std::uint8_t>(rng());
  std::vector<std::uint16_t> all(project_count);
  std::iota(all.begin(), all.end(), std::uint16_t{0});
  const std::size_t k = 1 + rng() % 5;
  for (std::size_t j = 0; j < k; ++j) std::swap(all[j], all[j + rng() % (all.size() - j)]);
  b.items.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
  std::sort(b.items.begin(), b.items.end());
  return b;
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::uint64_t n = 200000;
  unsigned clients = 64;
  std::uint64_t in_flight = 4096;
  bool smoke = false, ballots_given = false;
  std::string command = argv[0];
  for (int i = 1; i < argc; ++i) {
    command += " ";
    command += argv[i];
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke = true;
    } else if (std::strcmp(argv[i], "--ballots") == 0 && i + 1 < argc) {
      n = std::stoull(argv[++i]);
      ballots_given = true;
      command += std::string(" ") + argv[i];
    } else if (std::strcmp(argv[i], "--in-flight") == 0 && i + 1 < argc) {
      in_flight = std::stoull(argv[++i]);
      command += std::string(" ") + argv[i];
    } else if (std::strcmp(argv[i], "--clients") == 0 && i + 1 < argc) {
      clients = static_cast<unsigned>(std::stoul(argv[++i]));
      command += std::string(" ") + argv[i];
    } else {
      std::fprintf(stderr, "usage: ledger_bench [--smoke] [--ballots N] [--in-flight W] [--clients C]\n");
      return 2;
    }
  }
  if (smoke && !ballots_given) n = 2000;
  if (n == 0 || clients == 0 || in_flight < 2) {
    std::fprintf(stderr, "ledger_bench: --ballots and --clients must be positive, --in-flight at least 2\n");
    return 2;
  }
  ppb::crypto::init();
  const auto machine0 = machine_cpu_now();
  const double cpu0 = cpu_seconds();
  const unsigned cores = ppb::hardware_threads();
  std::printf("Machine: %u hardware threads, %s; load average at start %s\n\n", cores, cpu_model().c_str(),
              load_average().c_str());
  std::printf("Command: `%s`\n\n", command.c_str());
  const support::temp_dir dir;

  // ---------------------------------------------------------------------------------------------
  // 1. Bare limits.
  const std::uint64_t verify_iters = smoke ? 1000 : 10000;
  const std::uint64_t verify_all_iters = verify_iters * cores;
  const measure::crypto_samples samples;
  const double verify1_start = samples.verify_rate(verify_iters, 1);
  const double verify_all_start = samples.verify_rate(verify_all_iters, cores);
  const double point1_start = samples.point_check_rate(verify_iters, 1);
  const double point_all_start = samples.point_check_rate(verify_all_iters, cores);
  // What the box does per ballot before its lock: verify, then parse strictly.
  const double open1 = samples.open_rate(verify_iters, 1);
  const double sha_mbs = measure::sha256_mbs(smoke ? 16 : 256);
  const auto disk = disk_write(dir.path / "disk.bin", smoke ? 1024 : 16384, 64);
  const auto disk1 = disk_write(dir.path / "disk1.bin", smoke ? 100 : 1000, 1);
  const double record_mbs = disk.mbs();

  std::printf("### Bare limits\n\n");
  {
    table_head({"measure", "rate", "per core"});
    std::printf(
        "| Ed25519 verify, 1 core (`crypto::verify`, %zu-byte messages, best of 3 × %llu calls) | %s/s | %s/s |\n",
        samples.message_bytes(), static_cast<unsigned long long>(verify_iters), rate(verify1_start).c_str(),
        rate(verify1_start).c_str());
    std::printf("| Ed25519 verify, %u threads (`parallel_for`) | %s/s | %s/s |\n", cores, rate(verify_all_start).c_str(),
                rate(verify_all_start / cores).c_str());
    std::printf("| credential point check, 1 core (`is_valid_credential_key`) | %s/s | %s/s |\n",
                rate(point1_start).c_str(), rate(point1_start).c_str());
    std::printf("| credential point check, %u threads | %s/s | %s/s |\n", cores, rate(point_all_start).c_str(),
                rate(point_all_start / cores).c_str());
    std::printf("| `crypto::open_ballot` (verify + strict parse), 1 core | %s/s | %s/s |\n", rate(open1).c_str(),
                rate(open1).c_str());
    std::printf("| SHA-256, 1 core, 1 MiB buffers (%s) | %.0f MB/s | %.0f MB/s |\n",
                ppb::crypto::sha256_uses_cpu_extensions() ? "the CPU's SHA extensions" : "libsodium", sha_mbs, sha_mbs);
    std::printf("| disk: 4 KiB appends, fdatasync every 64 (%.0f MB) | %.1f MB/s, %.0f fdatasync/s | – |\n",
                mb(disk.bytes), record_mbs, static_cast<double>(disk.syncs) / disk.seconds);
    std::printf("| disk: 4 KiB appends, fdatasync after each (%llu) | %.0f fdatasync/s (%.2f ms each) | – |\n",
                static_cast<unsigned long long>(disk1.syncs), static_cast<double>(disk1.syncs) / disk1.seconds,
                1e3 * disk1.seconds / static_cast<double>(disk1.syncs));
  }
  std::printf("\n");

  // ---------------------------------------------------------------------------------------------
  // 2. The ballot box.
  const auto def = ppb::io::parse_election(election_json(), "ledger_bench");
  const auto election = ppb::crypto::election_id(def.bytes());
  const auto at = *ppb::parse_iso_timestamp(voting_moment);
  const auto authority = ppb::secret_key::from_seed(seed_of(2, 0));

  std::vector<ppb::public_key> keys(n);
  auto mem_voters = memory_stage::start();
  std::vector<ppb::byte_buffer> ballots(n);
  double keygen_s = 0, sign_s = 0, keygen_cpu = 0, sign_cpu = 0;
  auto t0 = clock_type::now();
  {
    std::vector<ppb::secret_key> secrets(n);
    t0 = clock_type::now();
    auto c0 = cpu_seconds();
    ppb::parallel_for(n, cores, [&](std::size_t i) {
      secrets[i] = ppb::secret_key::from_seed(seed_of(3, i));
      keys[i] = secrets[i].public_part();
    });
    keygen_s = seconds_since(t0);
    keygen_cpu = cpu_seconds() - c0;
    t0 = clock_type::now();
    c0 = cpu_seconds();
    ppb::parallel_for(n, cores, [&](std::size_t i) {
      ballots[i] = ppb::crypto::sign_ballot(ballot_of(election, keys[i], i), secrets[i]);
    });
    sign_s = seconds_since(t0);
    sign_cpu = cpu_seconds() - c0;
  }
  std::uint64_t ballot_bytes = 0;
  for (const auto& b : ballots) ballot_bytes += b.size();

  ppb::ledger::box_setup setup;
  setup.election = def;
  setup.ballots.push_back(support::unit_ballot(def, unit_id, project_count, 1250000, 250000));
  setup.authority = authority.public_part();
  setup.credentials.reserve(n);
  for (const auto& k : keys) setup.credentials.push_back({k, unit_id});
  std::vector<ppb::public_key>().swap(keys);

  const auto log_path = dir.path / "ballots.log";
  auto blocking_setup = setup;  // for the second box, which the blocking `submit` fills
  mem_voters.stop();
  auto mem_box = memory_stage::start();
  t0 = clock_type::now();
  auto c0 = cpu_seconds();
  auto box = ppb::ledger::ballot_box::create(log_path, std::move(setup));
  const double create_s = seconds_since(t0), create_cpu = cpu_seconds() - c0;
  const auto log_setup_bytes = std::filesystem::file_size(log_path);

  // Measures `submit_all(box)`, which submits every ballot and fills in latencies and refusals.
  const auto measure_run = [&](ppb::ledger::ballot_box& b, submit_run& r, auto&& submit_all) {
    const auto syncs0 = b.syncs();
    const auto s0 = clock_type::now();
    const auto cpu0_run = cpu_seconds();
    const auto switches0 = context_switches();
    submit_all();
    r.wall = seconds_since(s0);
    r.cpu = cpu_seconds() - cpu0_run;
    const auto switches1 = context_switches();
    r.voluntary = switches1.voluntary - switches0.voluntary;
    r.involuntary = switches1.involuntary - switches0.involuntary;
    r.syncs = b.syncs() - syncs0;
    std::sort(r.latency.begin(), r.latency.end());
    return r.refused == 0 && b.accepted() == n;
  };

  // 2a. Through `submit_async` from this thread, at most `in_flight` unanswered at once: when the
  // window is full, it sleeps until half of it is answered (one wake-up per W/2 submissions).
  submit_run async_run;
  // Both outlive the box's threads: the last callback may still be returning.
  measure::async_window window;
  std::vector<float> latency(n);  // start time of each submission (seconds), then its latency
  const auto async_t0 = clock_type::now();
  // What each callback needs, behind one pointer: with the index that is 16 bytes, which
  // std::function keeps inline, as a server's small callback would be (no allocation each).
  struct async_context {
    measure::async_window& window;
    std::vector<float>& latency;
    clock_type::time_point t0;
  } context{window, latency, async_t0};
  const bool async_ok = measure_run(box, async_run, [&] {
    for (std::uint64_t i = 0; i < n; ++i) {
      window.make_room(i, in_flight);
      latency[i] = static_cast<float>(seconds_since(async_t0));
      box.submit_async(ballots[i], at, [c = &context, i](ppb::ledger::verdict v, std::exception_ptr failure) {
        c->latency[i] = static_cast<float>(seconds_since(c->t0)) - c->latency[i];
        c->window.answered(!failure && v.accepted);
      });
    }
    window.wait_for(n);
  });
  async_run.refused = window.refused.load();
  async_run.latency = std::move(latency);
  std::sort(async_run.latency.begin(), async_run.latency.end());
  mem_box.stop();

  // 2b. Through the blocking `submit` from `clients` threads, into a second box.
  submit_run blocking_run;
  bool blocking_ok = false;
  {
    const auto blocking_path = dir.path / "ballots-blocking.log";
    auto box2 = ppb::ledger::ballot_box::create(blocking_path, std::move(blocking_setup));
    blocking_run.latency.resize(n);
    std::atomic<std::uint64_t> refused{0};
    blocking_ok = measure_run(box2, blocking_run, [&] {
      ppb::parallel_for(n, clients, [&](std::size_t i) {
        const auto s0 = clock_type::now();
        const auto v = box2.submit(ballots[i], at);
        blocking_run.latency[i] = static_cast<float>(seconds_since(s0));
        if (!v.accepted) ++refused;
      });
      blocking_run.refused = refused.load();
    });
    std::filesystem::remove(blocking_path);
  }
  if (!async_ok || !blocking_ok) {
    std::fprintf(stderr, "unexpected: %llu + %llu ballots refused\n", static_cast<unsigned long long>(async_run.refused),
                 static_cast<unsigned long long>(blocking_run.refused));
    return 1;
  }
  // The bare rates again, right after the submissions: this VM's speed wanders by several percent
  // within a minute, so the box and the replay are compared with the higher of the two
  // measurements of each.
  const double verify1_after = samples.verify_rate(verify_iters, 1);
  const double verify_all_after = samples.verify_rate(verify_all_iters, cores);
  const double verify1 = std::max(verify1_start, verify1_after);
  const double verify_all = std::max(verify_all_start, verify_all_after);
  const double point1 = std::max(point1_start, samples.point_check_rate(verify_iters, 1));
  const double point_all = std::max(point_all_start, samples.point_check_rate(verify_all_iters, cores));

  std::printf("### Ballot box (%llu voters, one ballot each)\n\n", static_cast<unsigned long long>(n));
  {
    // CPU µs per item (every thread of the process) against the bare one-core cost of its check.
    const auto us = [&](double cpu) { return 1e6 * cpu / static_cast<double>(n); };
    table_head({"stage", "wall s", "CPU s", "rate", "CPU µs per item", "note"});
    std::printf("| derive voter keys (`secret_key::from_seed`, %u threads) | %.2f | %.2f | %s/s | %.0f | |\n", cores,
                keygen_s, keygen_cpu, rate(static_cast<double>(n) / keygen_s).c_str(), us(keygen_cpu));
    std::printf(
        "| sign ballots (`crypto::sign_ballot`, %u threads: the voters' side) | %.2f | %.2f | %s/s | %.0f | "
        "%.1f bytes/ballot |\n",
        cores, sign_s, sign_cpu, rate(static_cast<double>(n) / sign_s).c_str(), us(sign_cpu),
        static_cast<double>(ballot_bytes) / static_cast<double>(n));
    std::printf(
        "| `ballot_box::create` (%llu credentials) | %.2f | %.2f | %s credentials/s | %.0f | %.0f%% of the "
        "%u-thread point-check rate (bare check %.0f µs) |\n",
        static_cast<unsigned long long>(n), create_s, create_cpu, rate(static_cast<double>(n) / create_s).c_str(),
        us(create_cpu), 100.0 * static_cast<double>(n) / create_s / point_all, cores, 1e6 / point1);
    const auto row = [&](const std::string& what, const submit_run& r) {
      const double box_rate = static_cast<double>(n) / r.wall;
      std::printf(
          "| %s | %.2f | %.2f | **%s ballots/s** | %.0f | **%.0f%% of the %u-thread verify rate**, %.0f%% of %u × "
          "the 1-core rate (target ≥ 85%%; the higher rates measured before and after the submissions; bare verify "
          "%.0f µs, `open_ballot` %.0f µs) |\n",
          what.c_str(), r.wall, r.cpu, rate(box_rate).c_str(), us(r.cpu), 100.0 * box_rate / verify_all, cores,
          100.0 * box_rate / (cores * verify1), cores, 1e6 / verify1, 1e6 / open1);
    };
    row("`submit_async` × " + std::to_string(n) + ", " + std::to_string(in_flight) + " in flight from 1 thread",
        async_run);
    row("`submit` × " + std::to_string(n) + " from " + std::to_string(clients) + " threads (a second box)",
        blocking_run);
  }
  std::printf("\n");
  {
    table_head({"submitted through", "fdatasyncs", "submissions per fdatasync", "fdatasyncs/s",
                "context switches per submission (voluntary + involuntary)", "latency mean ms", "p50 ms", "p99 ms",
                "max ms"});
    const auto row = [&](const char* what, const submit_run& r) {
      double sum = 0;
      for (float l : r.latency) sum += l;
      const auto pct = [&](double p) {
        return 1e3 * static_cast<double>(
                         r.latency[std::min<std::size_t>(n - 1, static_cast<std::size_t>(p * static_cast<double>(n)))]);
      };
      const auto per = [&](std::uint64_t x) { return static_cast<double>(x) / static_cast<double>(n); };
      std::printf("| %s | %llu | %.1f | %.0f | %.2f (%.2f + %.2f) | %.2f | %.2f | %.2f | %.2f |\n", what,
                  static_cast<unsigned long long>(r.syncs),
                  static_cast<double>(n) / static_cast<double>(std::max<std::uint64_t>(1, r.syncs)),
                  static_cast<double>(r.syncs) / r.wall, per(r.voluntary + r.involuntary), per(r.voluntary),
                  per(r.involuntary), 1e3 * sum / static_cast<double>(n), pct(0.50), pct(0.99),
                  1e3 * static_cast<double>(r.latency.back()));
    };
    row("`submit_async`", async_run);
    row("`submit`", blocking_run);
  }
  std::printf("\n");
  std::vector<float>().swap(async_run.latency);
  std::vector<float>().swap(blocking_run.latency);

  // ---------------------------------------------------------------------------------------------
  // 3. Close and replay.
  box.close(authority, at);
  const auto box_entries = box.size();
  const auto box_root = box.root();
  { auto gone = std::move(box); }  // releases the writer's lock and the box's memory
  std::vector<ppb::byte_buffer>().swap(ballots);
  const auto log_bytes = std::filesystem::file_size(log_path);
  auto mem_replay = memory_stage::start();
  t0 = clock_type::now();
  c0 = cpu_seconds();
  const auto replay = ppb::ledger::replay_log(log_path);
  const double replay_s = seconds_since(t0), replay_cpu = cpu_seconds() - c0;
  mem_replay.stop();
  if (replay.entries != box_entries || replay.root != box_root || replay.accepted != n || !replay.closed) {
    std::fprintf(stderr, "unexpected: the replay disagrees with the box\n");
    return 1;
  }
  const double replay_rate = static_cast<double>(replay.entries) / replay_s;
  std::printf("### Replay of the closed log (`ledger::replay_log`)\n\n");
  {
    // The bare cost of a replay's checks: a point check per credential and a verify per ballot.
    const double bare_s = static_cast<double>(n) / point_all + static_cast<double>(n) / verify_all;
    table_head({"entries", "log MB", "wall s", "CPU s", "CPU µs per entry", "entries/s",
                "entries/s ÷ all-core verify rate",
                "bare checks (N point checks + N verifies, all cores) ÷ replay time"});
    std::printf("| %llu | %.1f | %.2f | %.2f | %.0f | %s | %.0f%% | %.2f s ÷ %.2f s = %.0f%% |\n",
                static_cast<unsigned long long>(replay.entries), mb(log_bytes), replay_s, replay_cpu,
                1e6 * replay_cpu / static_cast<double>(replay.entries), rate(replay_rate).c_str(),
                100.0 * replay_rate / verify_all, bare_s, replay_s, 100.0 * bare_s / replay_s);
  }
  std::printf("\n");

  // ---------------------------------------------------------------------------------------------
  // 4. Merkle proofs over N leaves.
  auto mem_tree = memory_stage::start();
  ppb::merkle::tree tree;
  t0 = clock_type::now();
  for (std::uint64_t i = 0; i < n; ++i) {
    ppb::digest d{};
    for (int b = 0; b < 8; ++b) d[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(i >> (8 * b));
    tree.append(ppb::merkle::leaf_hash(d));
  }
  const double build_s = seconds_since(t0);
  const auto root = tree.root();
  std::mt19937_64 rng(7);
  const std::uint64_t incl = smoke ? 10000 : 100000, cons = smoke ? 1000 : 10000, chunk = 10000;
  double prove_s = 0, check_s = 0, cprove_s = 0, ccheck_s = 0;
  std::uint64_t proof_digests = 0, failures = 0;
  std::vector<std::uint64_t> at_index;
  std::vector<std::vector<ppb::digest>> proofs;
  for (std::uint64_t done = 0; done < incl; done += chunk) {
    const auto m = std::min(chunk, incl - done);
    at_index.resize(m);
    proofs.assign(m, {});
    for (auto& x : at_index) x = rng() % n;
    t0 = clock_type::now();
    for (std::uint64_t j = 0; j < m; ++j) proofs[j] = tree.inclusion_proof(at_index[j], n);
    prove_s += seconds_since(t0);
    t0 = clock_type::now();
    for (std::uint64_t j = 0; j < m; ++j)
      failures += !ppb::merkle::verify_inclusion(tree.leaf(at_index[j]), at_index[j], n, proofs[j], root);
    check_s += seconds_since(t0);
    for (const auto& p : proofs) proof_digests += p.size();
  }
  std::vector<ppb::digest> old_roots;
  for (std::uint64_t done = 0; done < cons; done += chunk) {
    const auto m = std::min(chunk, cons - done);
    at_index.resize(m);
    old_roots.resize(m);
    proofs.assign(m, {});
    for (std::uint64_t j = 0; j < m; ++j) {
      at_index[j] = 1 + rng() % n;
      old_roots[j] = tree.root_at(at_index[j]);  // the client has it from an older checkpoint
    }
    t0 = clock_type::now();
    for (std::uint64_t j = 0; j < m; ++j) proofs[j] = tree.consistency_proof(at_index[j], n);
    cprove_s += seconds_since(t0);
    t0 = clock_type::now();
    for (std::uint64_t j = 0; j < m; ++j)
      failures += !ppb::merkle::verify_consistency(at_index[j], n, old_roots[j], root, proofs[j]);
    ccheck_s += seconds_since(t0);
  }
  if (failures != 0) {
    std::fprintf(stderr, "unexpected: %llu proofs did not verify\n", static_cast<unsigned long long>(failures));
    return 1;
  }
  std::printf("### Merkle proofs (`merkle::tree` of %llu leaves, 1 thread)\n\n", static_cast<unsigned long long>(n));
  {
    table_head({"operation", "count", "seconds", "per second", "note"});
    std::printf("| build (`append` of leaf hashes) | %llu | %.3f | %s | tree memory %.1f MB |\n",
                static_cast<unsigned long long>(n), build_s, rate(static_cast<double>(n) / build_s).c_str(),
                mb(tree.memory_bytes()));
    std::printf("| `inclusion_proof(i, N)` | %llu | %.3f | %s | %.1f digests per proof |\n",
                static_cast<unsigned long long>(incl), prove_s, rate(static_cast<double>(incl) / prove_s).c_str(),
                static_cast<double>(proof_digests) / static_cast<double>(incl));
    std::printf("| `verify_inclusion` | %llu | %.3f | %s | |\n", static_cast<unsigned long long>(incl), check_s,
                rate(static_cast<double>(incl) / check_s).c_str());
    std::printf("| `consistency_proof(m, N)` | %llu | %.3f | %s | m uniform in [1, N] |\n",
                static_cast<unsigned long long>(cons), cprove_s, rate(static_cast<double>(cons) / cprove_s).c_str());
    std::printf("| `verify_consistency` | %llu | %.3f | %s | |\n", static_cast<unsigned long long>(cons), ccheck_s,
                rate(static_cast<double>(cons) / ccheck_s).c_str());
  }
  std::printf("\n");

  // ---------------------------------------------------------------------------------------------
  // 5. Memory and size.
  mem_tree.stop();
  std::printf("### Memory and log size\n\n");
  {
    table_head({"stage", "resident before MB", "peak during MB", "growth MB", "growth per voter, bytes"});
    const auto row = [&](const char* what, const memory_stage& m) {
      std::printf("| %s | %.0f | %.0f | %.0f | %.0f |\n", what, mb(m.before), mb(m.peak), mb(m.growth()),
                  static_cast<double>(m.growth()) / static_cast<double>(n));
    };
    row("the bench's voters: keys, signed ballots, credential list", mem_voters);
    row("`ballot_box::create` + every `submit_async` (the box's state, tree and log buffers)", mem_box);
    row("`replay_log` (the box and the ballots freed first)", mem_replay);
    row("`merkle::tree` of N leaves and the proofs", mem_tree);
  }
  std::printf("\n");
  {
    table_head({"log bytes", "setup + credentials bytes", "bytes per ballot (whole log / N)", "ballot entry bytes",
                "signed ballot bytes"});
    const double per_ballot = static_cast<double>(ballot_bytes) / static_cast<double>(n);
    std::printf("| %llu | %llu | %.1f | %.1f | %.1f |\n", static_cast<unsigned long long>(log_bytes),
                static_cast<unsigned long long>(log_setup_bytes),
                static_cast<double>(log_bytes) / static_cast<double>(n),
                per_ballot + 9 + static_cast<double>(ppb::ledger::record_overhead_bytes), per_ballot);
  }
  // The same all-core verify measurement again, to show how much the machine moved meanwhile.
  const double verify_all_end = samples.verify_rate(verify_all_iters, cores);
  const auto machine1 = machine_cpu_now();
  const double others = std::max(0.0, (machine1.busy - machine0.busy) - (cpu_seconds() - cpu0));
  const double machine_s = std::max(1e-9, machine1.total - machine0.total);
  std::printf(
      "\n(%u-thread verify limit: %s/s at the start, %s/s after the submissions, %s/s at the end; 1-core: %s/s, "
      "%s/s. Other processes used %.0f of the machine's %.0f CPU seconds during the run (%.0f%%). Load average "
      "at the end %s, this run's threads included.)\n",
      cores, rate(verify_all_start).c_str(), rate(verify_all_after).c_str(), rate(verify_all_end).c_str(),
      rate(verify1_start).c_str(), rate(verify1_after).c_str(), others, machine_s, 100.0 * others / machine_s,
      load_average().c_str());
  return 0;
}
