// Definitions of ppb/ledger/log.hpp. POSIX file I/O throughout: the log's guarantees rest on
// pwrite, fdatasync, ftruncate and link, which iostreams cannot express.
#ifndef PPB_LEDGER_LOG_INL_HPP
#define PPB_LEDGER_LOG_INL_HPP

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "ppb/error.hpp"
#include "ppb/ledger/log.hpp"

// CRC-32C on SSE 4.2's crc32 instruction where the CPU has it (the box checksums every entry).
#include "ppb/core/cpu_features.hpp"
#if PPB_X86_DISPATCH && defined(__x86_64__)
#  define PPB_CRC32C_X86 1
#  include <nmmintrin.h>
#else
#  define PPB_CRC32C_X86 0
#endif

PPB_BEGIN_NAMESPACE

namespace ledger::detail {

inline constexpr std::array<std::uint8_t, 8> log_magic = {'p', 'p', 'b', '-', 'l', 'o', 'g', '\n'};
inline constexpr std::uint32_t log_format_version = 1;
/// Smallest body: the type and the time.
inline constexpr std::size_t min_entry_body_bytes = 9;
inline constexpr std::size_t min_record_bytes = record_overhead_bytes + min_entry_body_bytes;
/// Reads go through one buffer that starts at the first size (opening a small log must not zero
/// a megabyte: on a VM that alone took 3 ms) and doubles up to the second while reads fill it.
inline constexpr std::size_t first_read_buffer_bytes = std::size_t{64} << 10;
inline constexpr std::size_t read_buffer_bytes = std::size_t{1} << 20;
/// Most bytes the search for a good record behind a damaged one may checksum. Beyond it the search
/// gives up and the damage counts as a torn tail, as it would without the search.
inline constexpr std::uint64_t resync_budget_bytes = std::uint64_t{256} << 20;

// CRC-32C, reflected polynomial 0x82F63B78, slicing-by-8: table k advances a byte that sits k
// bytes before the end of an 8-byte block. Built at compile time.
using crc_tables = std::array<std::array<std::uint32_t, 256>, 8>;
constexpr auto make_crc_tables() noexcept -> crc_tables {
  crc_tables t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    t[0][i] = c;
  }
  for (std::size_t k = 1; k < 8; ++k)
    for (std::size_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
  return t;
}
inline constexpr crc_tables crc_table = make_crc_tables();

constexpr auto get_le32(const std::uint8_t* p) noexcept -> std::uint32_t {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

// Raw CRC register update (no pre/post inversion); constexpr so that the check value is asserted
// at compile time.
constexpr auto crc32c_update(std::uint32_t c, const std::uint8_t* p, std::size_t n) noexcept -> std::uint32_t {
  for (; n >= 8; p += 8, n -= 8) {
    const std::uint32_t lo = get_le32(p) ^ c, hi = get_le32(p + 4);
    c = crc_table[7][lo & 0xFF] ^ crc_table[6][(lo >> 8) & 0xFF] ^ crc_table[5][(lo >> 16) & 0xFF] ^
        crc_table[4][lo >> 24] ^ crc_table[3][hi & 0xFF] ^ crc_table[2][(hi >> 8) & 0xFF] ^
        crc_table[1][(hi >> 16) & 0xFF] ^ crc_table[0][hi >> 24];
  }
  for (; n > 0; ++p, --n) c = (c >> 8) ^ crc_table[0][(c ^ *p) & 0xFF];
  return c;
}

#if PPB_CRC32C_X86
// The same raw register update on the crc32 instruction (it computes CRC-32C, reflected).
__attribute__((target("sse4.2"))) inline auto crc32c_update_x86(std::uint32_t c, const std::uint8_t* p,
                                                                std::size_t n) noexcept -> std::uint32_t {
  std::uint64_t c64 = c;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    c64 = _mm_crc32_u64(c64, v);
  }
  c = static_cast<std::uint32_t>(c64);
  for (; n > 0; ++p, --n) c = _mm_crc32_u8(c, *p);
  return c;
}
#endif

constexpr std::array<std::uint8_t, 9> crc_check_input = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
static_assert(~crc32c_update(~0u, crc_check_input.data(), crc_check_input.size()) == 0xE3069283u,
              "CRC-32C check value (RFC 3720 / iSCSI)");

/// Owns a file descriptor.
class unique_fd {
 public:
  unique_fd() noexcept = default;
  explicit unique_fd(int fd) noexcept : fd_(fd) {}
  ~unique_fd() { reset(); }
  unique_fd(unique_fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  auto operator=(unique_fd&& o) noexcept -> unique_fd& {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  [[nodiscard]] auto get() const noexcept -> int { return fd_; }
  void reset() noexcept {
    // No retry on EINTR: on Linux the descriptor is released either way.
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

/// The system's text for errno value `e` (thread-safe, unlike strerror).
inline auto os_message(int e) -> std::string { return std::system_category().message(e); }

[[noreturn]] inline void throw_open_error(const std::string& path, const std::string& what, int e) {
  throw parse_error(errc::io, path, 0, what + ": " + os_message(e));
}

/// Reads up to `n` bytes at `at`; fewer only at the end of the file. Returns errno on failure.
inline auto pread_full(int fd, std::uint8_t* p, std::size_t n, std::uint64_t at, std::size_t& got) noexcept -> int {
  got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd, p + got, n - got, static_cast<off_t>(at + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return 0;
}

/// Writes all of `data` at `at` (a short write is retried, as is EINTR). Returns errno on failure.
inline auto pwrite_full(int fd, byte_span data, std::uint64_t at) noexcept -> int {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t r = ::pwrite(fd, data.data() + done, data.size() - done, static_cast<off_t>(at + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (r == 0) return EIO;  // no progress and no error: do not spin
    done += static_cast<std::size_t>(r);
  }
  return 0;
}

/// Syncs the directory that holds `path`, so that a file just linked into it survives a crash.
inline auto sync_parent_directory(const std::filesystem::path& path) noexcept -> int {
  auto dir = path.parent_path();
  if (dir.empty()) dir = ".";
  const unique_fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errno;
  return ::fsync(fd.get()) == 0 ? 0 : errno;
}

inline auto log_header() -> byte_buffer {
  byte_buffer h(log_magic.begin(), log_magic.end());
  put_be<std::uint32_t>(h, log_format_version);
  put_be<std::uint32_t>(h, 0);
  return h;
}

/// Reads the records of an open log in order, checking each one (the one parser behind
/// `log_reader` and `log_writer::open`). Does not own the descriptor. Reads with pread only, so
/// the descriptor's file position is never used.
class log_scanner {
 public:
  log_scanner(int fd, std::string path) : fd_(fd), path_(std::move(path)), buf_(first_read_buffer_bytes) { check_header(); }

  auto next(byte_buffer& body) -> bool {
    for (;;) {
      switch (step(body)) {
        case outcome::record: return true;
        case outcome::end: return false;
        case outcome::retry: break;  // the file grew under us: read the record again
      }
    }
  }
  [[nodiscard]] auto index() const noexcept -> std::uint64_t { return index_; }
  [[nodiscard]] auto valid_bytes() const noexcept -> std::uint64_t { return offset_; }
  [[nodiscard]] auto torn_bytes() const noexcept -> std::uint64_t { return torn_; }

 private:
  enum class outcome { record, end, retry };

  void check_header() {
    std::array<std::uint8_t, log_header_bytes> h{};
    const std::size_t got = read_at(h.data(), h.size(), 0);
    if (got < h.size())
      throw parse_error(errc::not_a_log, path_, 0,
                        "the file has " + std::to_string(got) + " bytes, fewer than the 16-byte log header");
    if (!std::equal(log_magic.begin(), log_magic.end(), h.begin()))
      throw parse_error(errc::not_a_log, path_, 0, "the file does not start with the ppb ballot-log magic");
    if (const auto v = get_be<std::uint32_t>(h.data() + 8); v != log_format_version)
      throw parse_error(errc::log_version, path_, 0,
                        "log format version " + std::to_string(v) + "; this build reads version 1");
    if (get_be<std::uint32_t>(h.data() + 12) != 0)
      throw parse_error(errc::not_a_log, path_, 0, "the log header's reserved field is not zero");
  }

  auto step(byte_buffer& body) -> outcome {
    const std::uint64_t off = offset_;
    std::size_t have = fill(off, 4);
    if (have == 0) {
      torn_ = 0;
      return outcome::end;
    }
    if (have < 4) return damaged(off, std::nullopt, off + have, "the file ends inside its length");
    std::array<std::uint8_t, 4> length_bytes{};
    std::copy_n(at(off), 4, length_bytes.begin());
    const auto n = get_be<std::uint32_t>(length_bytes.data());
    const std::uint64_t record_end = off + record_overhead_bytes + n;
    if (n < min_entry_body_bytes || n > max_entry_body_bytes)
      return damaged(off, record_end, 0,
                     "length " + std::to_string(n) + " is not a body length (9 to " +
                         std::to_string(max_entry_body_bytes) + " bytes)");
    body.resize(n);
    if (const std::size_t got = read_into(off + 4, body.data(), n); got < n)
      return damaged(off, record_end, off + 4 + got, "the file ends inside its body");
    have = fill(off + 4 + n, 4);
    if (have < 4) return damaged(off, record_end, off + 4 + n + have, "the file ends inside its checksum");
    const auto stored = get_be<std::uint32_t>(at(off + 4 + n));
    const std::uint32_t computed = crc32c(body, crc32c(length_bytes));
    if (stored != computed)
      return damaged(off, record_end, 0, "checksum mismatch (stored " + hex32(stored) + ", computed " + hex32(computed) + ")");
    offset_ = record_end;
    ++index_;
    torn_ = 0;
    return outcome::record;
  }

  // The record at `off` is not good. It is a torn tail, ending the log, when nothing but zeros
  // follows the end it claims (a crash mid-write leaves a prefix of the record; a crash of the
  // machine may leave zero-filled blocks) and no good record starts anywhere after `off`; else
  // it is damage, refused. `eof_seen` is where a read hit the end of the file (0: none did).
  auto damaged(std::uint64_t off, std::optional<std::uint64_t> claimed_end, std::uint64_t eof_seen,
               const std::string& problem) -> outcome {
    const std::uint64_t end = file_size();
    // A writer appended after our read hit the end: what looked torn may be complete now.
    if (eof_seen != 0 && end > eof_seen) return outcome::retry;
    const bool at_tail = !claimed_end || *claimed_end >= end || only_zeros(*claimed_end, end);
    if (!at_tail) throw corrupt(off, problem);
    // A damaged length can claim an end past the file's; good records behind it give it away.
    if (const auto good = find_record(off + 1, end))
      throw corrupt(off, problem + ", yet a good record starts at byte offset " + std::to_string(*good));
    torn_ = end - off;
    return outcome::end;
  }

  [[nodiscard]] auto corrupt(std::uint64_t off, const std::string& problem) const -> parse_error {
    return parse_error(errc::log_corrupt, path_, 0,
                       "entry " + std::to_string(index_) + " at byte offset " + std::to_string(off) + ": " + problem);
  }

  static auto hex32(std::uint32_t v) -> std::string {
    byte_buffer b;
    put_be(b, v);
    return "0x" + to_hex(b);
  }

  auto read_at(std::uint8_t* p, std::size_t n, std::uint64_t from) const -> std::size_t {
    std::size_t got = 0;
    if (const int e = pread_full(fd_, p, n, from, got); e != 0)
      throw parse_error(errc::io, path_, 0, "cannot read the log at byte offset " + std::to_string(from) + ": " + os_message(e));
    return got;
  }

  [[nodiscard]] auto file_size() const -> std::uint64_t {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw parse_error(errc::io, path_, 0, "cannot stat the log: " + os_message(errno));
    return static_cast<std::uint64_t>(st.st_size);
  }

  // Makes the buffer hold file bytes [from, from + want) when the file has them; returns how many
  // bytes from `from` are buffered. `want` <= the buffer's size.
  auto fill(std::uint64_t from, std::size_t want) -> std::size_t {
    if (from < buf_start_ || from > buf_start_ + buf_len_) {
      buf_start_ = from;
      buf_len_ = 0;
    }
    const auto skip = static_cast<std::size_t>(from - buf_start_);
    if (buf_len_ - skip >= want) return buf_len_ - skip;
    std::memmove(buf_.data(), buf_.data() + skip, buf_len_ - skip);
    buf_start_ = from;
    buf_len_ -= skip;
    // Fill the whole buffer, not just `want`: one read serves the next many small records.
    buf_len_ += read_at(buf_.data() + buf_len_, buf_.size() - buf_len_, buf_start_ + buf_len_);
    if (buf_len_ == buf_.size() && buf_.size() < read_buffer_bytes) buf_.resize(std::min(2 * buf_.size(), read_buffer_bytes));
    return buf_len_;
  }

  [[nodiscard]] auto at(std::uint64_t from) const noexcept -> const std::uint8_t* {
    return buf_.data() + (from - buf_start_);
  }

  // Copies file bytes [from, from + n) to `out`; fewer at the end of the file. A body larger than
  // the buffer is read straight into `out`.
  auto read_into(std::uint64_t from, std::uint8_t* out, std::size_t n) -> std::size_t {
    if (n <= buf_.size()) {
      const std::size_t got = std::min(fill(from, n), n);
      std::copy_n(at(from), got, out);
      return got;
    }
    std::size_t got = 0;
    if (from >= buf_start_ && from < buf_start_ + buf_len_) {
      got = std::min(n, static_cast<std::size_t>(buf_start_ + buf_len_ - from));
      std::copy_n(at(from), got, out);
    }
    return got + read_at(out + got, n - got, from + got);
  }

  [[nodiscard]] auto only_zeros(std::uint64_t from, std::uint64_t end) const -> bool {
    byte_buffer chunk(static_cast<std::size_t>(std::min<std::uint64_t>(read_buffer_bytes, end - from)));
    while (from < end) {
      const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), end - from));
      const std::size_t got = read_at(chunk.data(), want, from);
      if (got == 0) break;
      if (std::any_of(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got), [](std::uint8_t b) { return b != 0; }))
        return false;
      from += got;
    }
    return true;
  }

  // CRC-32C of file bytes [from, from + n), or nothing if the file is shorter.
  [[nodiscard]] auto crc_of_range(std::uint64_t from, std::uint64_t n) const -> std::optional<std::uint32_t> {
    byte_buffer chunk(static_cast<std::size_t>(std::min<std::uint64_t>(std::uint64_t{64} << 10, n)));
    std::uint32_t crc = 0;
    while (n > 0) {
      const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), n));
      if (read_at(chunk.data(), want, from) < want) return std::nullopt;
      crc = crc32c(byte_span(chunk.data(), want), crc);
      from += want;
      n -= want;
    }
    return crc;
  }

  // First offset in [from, end) where a complete record with a good checksum starts, if any (and
  // if finding it costs at most resync_budget_bytes of checksumming).
  [[nodiscard]] auto find_record(std::uint64_t from, std::uint64_t end) const -> std::optional<std::uint64_t> {
    if (from >= end || end - from < min_record_bytes) return std::nullopt;
    byte_buffer window(static_cast<std::size_t>(std::min<std::uint64_t>(read_buffer_bytes, end - from)));
    std::uint64_t budget = resync_budget_bytes;
    for (std::uint64_t base = from; end - base >= min_record_bytes;) {
      const std::size_t got = read_at(window.data(), static_cast<std::size_t>(std::min<std::uint64_t>(window.size(), end - base)), base);
      if (got < 4) break;
      for (std::size_t i = 0; i + 4 <= got; ++i) {
        const std::uint64_t p = base + i;
        if (end - p < min_record_bytes) return std::nullopt;
        const auto n = get_be<std::uint32_t>(window.data() + i);
        if (n < min_entry_body_bytes || n > max_entry_body_bytes || end - p < record_overhead_bytes + n) continue;
        if (budget < 4u + n) return std::nullopt;
        budget -= 4u + n;
        std::optional<std::uint32_t> crc;
        std::uint32_t stored = 0;
        if (got - i >= record_overhead_bytes + n) {
          crc = crc32c(byte_span(window.data() + i, 4 + n));
          stored = get_be<std::uint32_t>(window.data() + i + 4 + n);
        } else {
          crc = crc_of_range(p, 4u + n);
          std::array<std::uint8_t, 4> s{};
          if (read_at(s.data(), 4, p + 4 + n) < 4) continue;
          stored = get_be<std::uint32_t>(s.data());
        }
        if (crc && *crc == stored) return p;
      }
      if (got < window.size()) break;  // the file ended
      base += got - 3;                 // the last 3 offsets lacked a whole length: look again
    }
    return std::nullopt;
  }

  int fd_;
  std::string path_;
  byte_buffer buf_;
  std::uint64_t buf_start_ = 0;  // file offset of buf_[0]
  std::size_t buf_len_ = 0;      // bytes of buf_ holding file data
  std::uint64_t offset_ = log_header_bytes;
  std::uint64_t index_ = 0;
  std::uint64_t torn_ = 0;
};

}  // namespace ledger::detail

PPB_FUNC auto ledger::entry_type_name(entry_type t) noexcept -> std::string_view {
  switch (t) {
    case entry_type::setup: return "setup";
    case entry_type::credentials: return "credentials";
    case entry_type::ballot: return "ballot";
    case entry_type::rejected: return "rejected";
    case entry_type::paper_batch: return "paper_batch";
    case entry_type::revoke: return "revoke";
    case entry_type::close: return "close";
    case entry_type::result: return "result";
    case entry_type::checkpoint: return "checkpoint";
  }
  return "unknown";
}

PPB_FUNC auto ledger::entry_body(const entry& e) -> byte_buffer { return entry_body(e.type, e.time, e.payload); }

PPB_FUNC auto ledger::entry_body(entry_type type, std::uint64_t time, byte_span payload) -> byte_buffer {
  byte_buffer out;
  out.reserve(detail::min_entry_body_bytes + payload.size());
  out.push_back(static_cast<std::uint8_t>(type));
  put_be(out, time);
  append(out, payload);
  return out;
}

PPB_FUNC auto ledger::parse_entry_body(byte_span body) -> entry {
  if (body.size() < detail::min_entry_body_bytes)
    throw parse_error(errc::log_corrupt, "", 0,
                      "an entry body of " + std::to_string(body.size()) + " bytes is shorter than its 9-byte type and time");
  entry e;
  e.type = static_cast<entry_type>(body[0]);
  e.time = get_be<std::uint64_t>(body.data() + 1);
  e.payload.assign(body.begin() + 9, body.end());
  return e;
}

PPB_FUNC auto ledger::crc32c(byte_span data, std::uint32_t crc) noexcept -> std::uint32_t {
#if PPB_CRC32C_X86
  if (cpu_features().sse4_2) return ~detail::crc32c_update_x86(~crc, data.data(), data.size());
#endif
  return ~detail::crc32c_update(~crc, data.data(), data.size());
}

// ---------------------------------------------------------------------------------------------
// log_reader

struct ledger::log_reader::impl {
  detail::unique_fd fd;
  detail::log_scanner scan;
  impl(detail::unique_fd f, const std::string& path) : fd(std::move(f)), scan(fd.get(), path) {}
};

PPB_FUNC ledger::log_reader::log_reader(const std::filesystem::path& path) {
  detail::unique_fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) detail::throw_open_error(path.string(), "cannot open the log", errno);
  impl_ = std::make_unique<impl>(std::move(fd), path.string());
}

PPB_FUNC ledger::log_reader::~log_reader() = default;
PPB_FUNC ledger::log_reader::log_reader(log_reader&&) noexcept = default;
PPB_FUNC auto ledger::log_reader::operator=(log_reader&&) noexcept -> log_reader& = default;

PPB_FUNC auto ledger::log_reader::next(byte_buffer& body) -> bool {
  if (!impl_) throw usage_error("log_reader: used after being moved from", errc::misuse);
  return impl_->scan.next(body);
}

PPB_FUNC auto ledger::log_reader::index() const noexcept -> std::uint64_t { return impl_ ? impl_->scan.index() : 0; }

PPB_FUNC auto ledger::log_reader::valid_bytes() const noexcept -> std::uint64_t {
  return impl_ ? impl_->scan.valid_bytes() : 0;
}

PPB_FUNC auto ledger::log_reader::torn_bytes() const noexcept -> std::uint64_t {
  return impl_ ? impl_->scan.torn_bytes() : 0;
}

// ---------------------------------------------------------------------------------------------
// log_writer

struct ledger::log_writer::impl {
  std::filesystem::path path;
  detail::unique_fd fd;
  std::uint64_t file_end;  // where the next batch goes; only the flush leader touches it

  std::mutex mu;
  std::condition_variable flushed;  // a leader finished (or failed)
  byte_buffer pending;                    // records appended and not yet taken by a leader
  byte_buffer batch;                      // the leader's records; kept to reuse its capacity
  bool flushing = false;
  bool failed = false;
  std::string failure;
  // Written under `mu`; atomic so the const getters read them without it.
  std::atomic<std::uint64_t> appended;
  std::atomic<std::uint64_t> durable;
  std::atomic<std::uint64_t> sync_count{0};

  impl(std::filesystem::path p, detail::unique_fd f, std::uint64_t end, std::uint64_t entries)
      : path(std::move(p)), fd(std::move(f)), file_end(end), appended(entries), durable(entries) {}

  ~impl() {
    // Best effort for records nobody synced; a destructor cannot report a failure.
    if (!failed && !flushing && !pending.empty() && detail::pwrite_full(fd.get(), pending, file_end) == 0)
      ::fdatasync(fd.get());
  }

  // Throws once a write or sync has failed: what reached the disk is unknown from then on.
  void check_usable() const {
    if (failed)
      throw error(errc::io, "[ppb.error.100] " + path.string() + ": the log is unusable after a failed write: " + failure);
  }
};

PPB_FUNC ledger::log_writer::log_writer(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
PPB_FUNC ledger::log_writer::~log_writer() = default;
PPB_FUNC ledger::log_writer::log_writer(log_writer&&) noexcept = default;
PPB_FUNC auto ledger::log_writer::operator=(log_writer&&) noexcept -> log_writer& = default;

PPB_FUNC auto ledger::log_writer::create(const std::filesystem::path& path) -> log_writer {
  const std::string name = path.string();
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) detail::throw_open_error(name, "cannot create the log", EEXIST);
  // Written and synced under a temporary name, then linked into place: link() refuses an existing
  // `path` atomically, and a crash leaves no log or a whole header, never a partial one.
  static std::atomic<std::uint64_t> counter{0};
  const std::string tmp = name + ".creating." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  detail::unique_fd fd(::open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) detail::throw_open_error(name, "cannot create the log", errno);
  // One writer per log: a second process appending would interleave records.
  int e = ::flock(fd.get(), LOCK_EX | LOCK_NB) == 0 ? 0 : errno;
  if (e == 0) e = detail::pwrite_full(fd.get(), detail::log_header(), 0);
  if (e == 0 && ::fsync(fd.get()) != 0) e = errno;
  if (e == 0 && ::link(tmp.c_str(), path.c_str()) != 0) e = errno;
  ::unlink(tmp.c_str());
  if (e != 0) detail::throw_open_error(name, "cannot create the log", e);
  if (const int d = detail::sync_parent_directory(path); d != 0)
    detail::throw_open_error(name, "cannot sync the log's directory", d);
  return log_writer(std::make_unique<impl>(path, std::move(fd), log_header_bytes, 0));
}

PPB_FUNC auto ledger::log_writer::open(const std::filesystem::path& path, recovery_report* report) -> log_writer {
  const std::string name = path.string();
  detail::unique_fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (fd.get() < 0) detail::throw_open_error(name, "cannot open the log", errno);
  // One writer per log: a second process appending would interleave records.
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
    detail::throw_open_error(name, errno == EWOULDBLOCK ? "the log is open for writing in another process" : "cannot lock the log",
                             errno);
  detail::log_scanner scan(fd.get(), name);
  byte_buffer body;
  while (scan.next(body)) {
  }
  if (scan.torn_bytes() > 0 && ::ftruncate(fd.get(), static_cast<off_t>(scan.valid_bytes())) != 0)
    detail::throw_open_error(name, "cannot cut the torn last entry", errno);
  // Also makes durable what a killed writer wrote but never synced, so durable_size() == size().
  if (::fdatasync(fd.get()) != 0) detail::throw_open_error(name, "cannot sync the log", errno);
  if (report != nullptr) *report = {scan.index(), scan.valid_bytes(), scan.torn_bytes()};
  return log_writer(std::make_unique<impl>(path, std::move(fd), scan.valid_bytes(), scan.index()));
}

PPB_FUNC auto ledger::log_writer::append(byte_span body) -> std::uint64_t {
  if (!impl_) throw usage_error("log_writer: used after being moved from", errc::misuse);
  if (body.size() < detail::min_entry_body_bytes || body.size() > max_entry_body_bytes)
    throw usage_error("log_writer::append: a body of " + std::to_string(body.size()) + " bytes; an entry body has 9 to " +
                      std::to_string(max_entry_body_bytes) + " bytes");
  const auto n = static_cast<std::uint32_t>(body.size());
  std::array<std::uint8_t, 4> head{};
  put_be(head.data(), n);
  const std::uint32_t crc = crc32c(body, crc32c(head));  // outside the lock: appenders only contend on the copy
  auto& s = *impl_;
  const std::lock_guard lock(s.mu);
  s.check_usable();
  // Reserve first so that the inserts cannot throw halfway and leave half a record queued.
  const std::size_t need = s.pending.size() + record_overhead_bytes + n;
  if (s.pending.capacity() < need) s.pending.reserve(std::max(need, 2 * s.pending.capacity()));
  ppb::append(s.pending, head);
  ppb::append(s.pending, body);
  put_be(s.pending, crc);
  const std::uint64_t index = s.appended.load();
  s.appended.store(index + 1);
  return index;
}

PPB_FUNC void ledger::log_writer::sync_through(std::uint64_t index) {
  if (!impl_) throw usage_error("log_writer: used after being moved from", errc::misuse);
  auto& s = *impl_;
  std::unique_lock lock(s.mu);
  s.check_usable();
  if (index >= s.appended.load())
    throw usage_error("log_writer::sync_through: entry " + std::to_string(index) + " was not appended (the log has " +
                          std::to_string(s.appended.load()) + ")",
                      errc::misuse);
  while (s.durable.load() <= index) {
    s.check_usable();
    if (s.flushing) {
      s.flushed.wait(lock);
      continue;
    }
    // Leader: take every queued record, so the callers waiting behind share this write and sync.
    s.flushing = true;
    s.batch.clear();
    std::swap(s.pending, s.batch);
    const std::uint64_t through = s.appended.load();
    lock.unlock();
    int e = detail::pwrite_full(s.fd.get(), s.batch, s.file_end);
    const char* what = "cannot write the log";
    if (e == 0 && ::fdatasync(s.fd.get()) != 0) {
      e = errno;
      what = "cannot sync the log";
    }
    lock.lock();
    s.flushing = false;
    if (e != 0) {
      // Never retried: after a failed fdatasync the kernel may have dropped the dirty pages.
      s.failed = true;
      s.failure = std::string(what) + ": " + detail::os_message(e);
      s.flushed.notify_all();
      throw error(errc::io, "[ppb.error.100] " + s.path.string() + ": " + s.failure);
    }
    s.file_end += s.batch.size();
    s.durable.store(through);
    s.sync_count.fetch_add(1);
    s.flushed.notify_all();
  }
}

PPB_FUNC auto ledger::log_writer::append_durable(byte_span body) -> std::uint64_t {
  const std::uint64_t index = append(body);
  sync_through(index);
  return index;
}

PPB_FUNC auto ledger::log_writer::size() const noexcept -> std::uint64_t { return impl_ ? impl_->appended.load() : 0; }

PPB_FUNC auto ledger::log_writer::durable_size() const noexcept -> std::uint64_t {
  return impl_ ? impl_->durable.load() : 0;
}

PPB_FUNC auto ledger::log_writer::syncs() const noexcept -> std::uint64_t { return impl_ ? impl_->sync_count.load() : 0; }

PPB_FUNC auto ledger::log_writer::path() const -> const std::filesystem::path& {
  if (!impl_) throw usage_error("log_writer: used after being moved from", errc::misuse);
  return impl_->path;
}

PPB_END_NAMESPACE

#endif
