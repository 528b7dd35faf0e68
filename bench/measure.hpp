// What the benchmarks measure about themselves and the machine: wall and CPU seconds, each stage's
// own peak memory, the bare limits (Ed25519 verify, SHA-256, durable sequential writes, memory
// bandwidth), and Markdown output. ledger_bench and national_bench both take them from here.
#ifndef PPB_BENCH_MEASURE_HPP
#define PPB_BENCH_MEASURE_HPP

#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "ppb/core/parallel.hpp"
#include "ppb/crypto/canonical.hpp"
#include "ppb/crypto/hash.hpp"
#include "ppb/crypto/keys.hpp"

namespace measure {

using clock_type = std::chrono::steady_clock;

inline auto seconds_since(clock_type::time_point t0) -> double {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

/// A field of /proc/self/status in bytes ("VmHWM": the peak resident set, "VmRSS": the current one).
inline auto status_bytes(const char* field) -> std::uint64_t {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field, 0) == 0) return std::stoull(line.substr(line.find(':') + 1)) * 1024;
  return 0;
}

/// Resets the peak resident set to the current one (`/proc/self/clear_refs`), after giving back
/// to the system what earlier stages freed; returns the resident set now.
inline auto reset_peak() -> std::uint64_t {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  std::ofstream("/proc/self/clear_refs") << "5";
  return status_bytes("VmRSS");
}

/// User and system CPU seconds of the whole process so far (every thread).
inline auto cpu_seconds() -> double {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// One timed stage: wall and CPU seconds, resident set before it and its own peak.
struct stage {
  std::string name;
  double wall = 0, cpu = 0;
  std::uint64_t items = 0;
  std::string unit;  ///< what `items` counts
  std::uint64_t before = 0, peak = 0;
  std::string note;
};

/// When set, `run_stage` prints each stage's start and end on stderr as seconds of the monotonic
/// clock, which `perf record -k mono` also stamps samples with: `perf report --time START,END`
/// then shows one stage alone.
inline bool trace_stages = false;

/// With `trace_stages`, prints the window from `t0` to now as stage `name`.
inline void trace_window(const std::string& name, clock_type::time_point t0) {
  if (trace_stages)
    std::fprintf(stderr, "stage %.6f,%.6f %s\n", std::chrono::duration<double>(t0.time_since_epoch()).count(),
                 std::chrono::duration<double>(clock_type::now().time_since_epoch()).count(), name.c_str());
}

/// Times `f()` as a stage with its own peak memory.
template <class F>
auto run_stage(std::string name, std::uint64_t items, std::string unit, F&& f) -> stage {
  stage s{std::move(name), 0, 0, items, std::move(unit), reset_peak(), 0, {}};
  const auto t0 = clock_type::now();
  const double c0 = cpu_seconds();
  f();
  s.wall = seconds_since(t0);
  trace_window(s.name, t0);
  s.cpu = cpu_seconds() - c0;
  s.peak = std::max(status_bytes("VmHWM"), s.before);
  return s;
}

inline auto cpu_model() -> std::string {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  return "unknown";
}

inline auto load_average() -> std::string {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

/// Busy and total CPU seconds of the whole machine (every process) from /proc/stat.
struct machine_cpu {
  double busy = 0, total = 0;
};
inline auto machine_cpu_now() -> machine_cpu {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  const double hz = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double busy = user + nice + system + irq + softirq + steal;
  return {busy / hz, (busy + idle + iowait) / hz};
}

/// The best of three timings of `count` calls of `f(i)` on `threads` threads, in calls per second:
/// the machine's capacity, not one unlucky moment of a shared virtual machine.
template <class F>
auto best_rate(std::uint64_t count, unsigned threads, F&& f) -> double {
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const auto s0 = clock_type::now();
    ppb::parallel_for(count, threads, f);
    best = std::max(best, static_cast<double>(count) / seconds_since(s0));
  }
  return best;
}

/// "1.23M", "456k", "789": rates in a table.
inline auto rate(double per_s) -> std::string {
  char buf[32];
  if (per_s >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", per_s / 1e6);
  else if (per_s >= 1e4)
    std::snprintf(buf, sizeof buf, "%.1fk", per_s / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", per_s);
  return buf;
}

inline auto mb(std::uint64_t bytes) -> double { return static_cast<double>(bytes) / 1e6; }

/// Prints a Markdown table's head.
inline void table_head(std::initializer_list<const char*> head) {
  std::string sep;
  for (const char* h : head) {
    std::printf("| %s ", h);
    sep += "|---";
  }
  std::printf("|\n%s|\n", sep.c_str());
}

/// Sequential durable writes: `records` records of 4 KiB with an fdatasync every `every`.
struct disk_result {
  double seconds = 0;
  std::uint64_t bytes = 0, syncs = 0;
  [[nodiscard]] auto mbs() const -> double { return static_cast<double>(bytes) / seconds / 1e6; }
};
inline auto disk_write(const std::filesystem::path& file, std::uint64_t records, std::uint64_t every) -> disk_result {
  std::vector<char> block(4096, 'x');
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::perror("open");
    std::exit(1);
  }
  disk_result r;
  const auto t0 = clock_type::now();
  for (std::uint64_t i = 0; i < records; ++i) {
    if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) {
      std::perror("write");
      std::exit(1);
    }
    r.bytes += block.size();
    if ((i + 1) % every == 0 || i + 1 == records) {
      ::fdatasync(fd);
      ++r.syncs;
    }
  }
  r.seconds = seconds_since(t0);
  ::close(fd);
  std::filesystem::remove(file);
  return r;
}

/// SHA-256 on one core over `mib` MiB in 1 MiB buffers, each hash feeding the next; MB/s.
inline auto sha256_mbs(std::uint64_t mib) -> double {
  std::vector<std::uint8_t> buffer(1u << 20);
  for (std::size_t i = 0; i < buffer.size(); ++i) buffer[i] = static_cast<std::uint8_t>(i * 131);
  ppb::digest sink{};
  const auto t0 = clock_type::now();
  for (std::uint64_t i = 0; i < mib; ++i) {
    buffer[0] = sink[0];
    sink = ppb::crypto::sha256(buffer);
  }
  return static_cast<double>(mib << 20) / seconds_since(t0) / 1e6;
}

/// Signed sample ballots (`distinct` keys, messages and signatures, cycled) for the bare limits of
/// the checks a ballot costs: each rate is `best_rate` of `count` calls on `threads` threads. A
/// check that fails ends the program: the limits would be meaningless.
class crypto_samples {
 public:
  explicit crypto_samples(std::size_t distinct = 256) : keys_(distinct), messages_(distinct), signatures_(distinct), signed_(distinct) {
    const auto election = ppb::crypto::election_id("bench");
    for (std::size_t i = 0; i < distinct; ++i) {
      ppb::key_seed seed{};
      for (std::size_t b = 0; b < 8; ++b) seed[b] = static_cast<std::uint8_t>(i >> (8 * b));
      seed[31] = 0xb5;
      const auto sk = ppb::secret_key::from_seed(seed);
      keys_[i] = sk.public_part();
      ppb::ballot_content b;
      b.election = election;
      b.credential = keys_[i];
      b.revision = 1;
      b.items = {1, 3, 4};
      messages_[i] = ppb::crypto::encode_ballot(b);
      signatures_[i] = sk.sign(messages_[i]);
      signed_[i] = messages_[i];
      signed_[i].insert(signed_[i].end(), signatures_[i].begin(), signatures_[i].end());
    }
  }
  /// Bytes of one signed message (what a verify hashes).
  [[nodiscard]] auto message_bytes() const -> std::size_t { return messages_.front().size(); }
  /// Ed25519 verifies per second (`crypto::verify`).
  [[nodiscard]] auto verify_rate(std::uint64_t count, unsigned threads) const -> double {
    return checked(count, threads, [this](std::size_t i) { return ppb::crypto::verify(keys_[i], messages_[i], signatures_[i]); });
  }
  /// Credential point checks per second (`crypto::is_valid_credential_key`).
  [[nodiscard]] auto point_check_rate(std::uint64_t count, unsigned threads) const -> double {
    return checked(count, threads, [this](std::size_t i) { return ppb::crypto::is_valid_credential_key(keys_[i]); });
  }
  /// Signed ballots opened per second (`crypto::open_ballot`: verify, then the strict parse).
  [[nodiscard]] auto open_rate(std::uint64_t count, unsigned threads) const -> double {
    return checked(count, threads, [this](std::size_t i) { return static_cast<bool>(ppb::crypto::open_ballot(signed_[i])); });
  }

 private:
  template <class Check>
  auto checked(std::uint64_t count, unsigned threads, Check check) const -> double {
    std::atomic<std::uint64_t> bad{0};
    const double r = best_rate(count, threads, [&](std::size_t i) {
      if (!check(i % keys_.size())) ++bad;
    });
    if (bad != 0) {
      std::fprintf(stderr, "unexpected: %llu failed checks in the bare limits\n", static_cast<unsigned long long>(bad.load()));
      std::exit(1);
    }
    return r;
  }
  std::vector<ppb::public_key> keys_;
  std::vector<ppb::byte_buffer> messages_;
  std::vector<ppb::signature> signatures_;
  std::vector<ppb::byte_buffer> signed_;
};

/// What the callbacks of `submit_async` share with the one thread that submits, as a server keeps
/// at most W submissions unanswered: when the window is full, the submitter sleeps until half of
/// it is answered (one wake-up per W/2 answers; waking at every answer would cost a context
/// switch per ballot and take a core from the box's workers).
struct async_window {
  std::atomic<std::uint64_t> completed{0}, refused{0};
  std::atomic<std::uint64_t> wake_at{~std::uint64_t{0}};  // the submitter sleeps until `completed` reaches it
  /// Sleeps until `completed` reaches `target`.
  void wait_for(std::uint64_t target) {
    wake_at.store(target);
    for (auto c = completed.load(); c < target; c = completed.load()) completed.wait(c);
    wake_at.store(~std::uint64_t{0});
  }
  /// Before submission number `sent` (counted from 0): waits while `window` are unanswered.
  void make_room(std::uint64_t sent, std::uint64_t window) {
    if (sent - completed.load() >= window) wait_for(sent - window / 2);
  }
  /// Each callback, once: counts the answer and wakes the submitter when it is the one awaited.
  void answered(bool accepted) {
    if (!accepted) ++refused;
    if (completed.fetch_add(1) + 1 == wake_at.load()) completed.notify_one();
  }
};

/// Bytes per second of one sequential read pass over `bytes` bytes (summing 64-bit words), best
/// of three: the bare cost of a pass over a profile of that size.
inline auto read_bandwidth(std::uint64_t bytes) -> double {
  std::vector<std::uint64_t> words(std::max<std::uint64_t>(bytes / 8, 1u << 20));
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = i * 0x9E3779B97F4A7C15ull;
  double best = 0;
  std::uint64_t sink = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = clock_type::now();
    std::uint64_t sum = 0;
    for (auto w : words) sum += w;
    sink ^= sum;
    best = std::max(best, static_cast<double>(words.size() * 8) / seconds_since(t0));
  }
  if (sink == 1) std::printf(" ");  // keeps the sums
  return best;
}

}  // namespace measure

#endif
