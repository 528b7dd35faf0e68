/// @file
/// The ballot log on disk (DESIGN.md §6): an append-only file of typed, length-prefixed,
/// checksummed entries. An entry is durable once `sync_through` returns for it; concurrent
/// writers share one fdatasync (group commit). Opening a log after a crash truncates a torn last
/// entry and never loses a durable one; a damaged entry anywhere else is refused, by index.
///
/// File: a 16-byte header (`"ppb-log\n"`, u32 format version 1, u32 zero), then records
/// `u32 n ‖ body (n bytes) ‖ u32 CRC-32C(n ‖ body)`, big-endian. The body — what the Merkle
/// tree hashes as the entry — is `u8 type ‖ u64 time (Unix seconds) ‖ payload`.
#ifndef PPB_LEDGER_LOG_HPP
#define PPB_LEDGER_LOG_HPP

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "ppb/core/bytes.hpp"
#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

namespace ledger {

/// What an entry records. Values are pinned (they are on disk).
enum class entry_type : std::uint8_t {
  setup = 1,        ///< the election: id, definition, ballots of the units, authority key
  credentials = 2,  ///< keys allowed to vote (a chunk of the credential list)
  ballot = 3,       ///< an accepted signed ballot
  rejected = 4,     ///< a refused submission with its reason
  paper_batch = 5,  ///< paper ballots entered at a polling point, signed by an officer
  revoke = 6,       ///< a credential revoked
  close = 7,        ///< voting closed: nothing but result and checkpoints may follow
  result = 8,       ///< the tally of the closed log
  checkpoint = 9,   ///< the authority's signature over the tree's size and root
};
/// Stable name (`"ballot"`); "unknown" for other values.
PPB_API auto entry_type_name(entry_type t) noexcept -> std::string_view;

/// One entry.
struct entry {
  entry_type type = entry_type::setup;
  std::uint64_t time = 0;  ///< Unix seconds when it was logged
  byte_buffer payload;
  friend auto operator==(const entry&, const entry&) -> bool = default;
};

/// Bytes of the file header and of a record around its body.
inline constexpr std::size_t log_header_bytes = 16;
inline constexpr std::size_t record_overhead_bytes = 8;
/// Largest body a record may hold (a corrupted length must not make a reader allocate gigabytes).
inline constexpr std::size_t max_entry_body_bytes = 64u << 20;

/// The body of `e` (`type ‖ time ‖ payload`): what a record stores and the Merkle tree hashes.
PPB_API auto entry_body(const entry& e) -> byte_buffer;
/// The body of an entry of `type` at `time` holding `payload`, built in one allocation.
PPB_API auto entry_body(entry_type type, std::uint64_t time, byte_span payload) -> byte_buffer;
/// The entry a body holds; throws `parse_error(errc::log_corrupt)` when shorter than 9 bytes.
PPB_API auto parse_entry_body(byte_span body) -> entry;
/// CRC-32C (Castagnoli) of `data`, continuing from `crc` (0 to start).
PPB_API auto crc32c(byte_span data, std::uint32_t crc = 0) noexcept -> std::uint32_t;

/// What opening a log found.
struct recovery_report {
  std::uint64_t entries = 0;         ///< complete, checked entries kept
  std::uint64_t valid_bytes = 0;     ///< file length after recovery
  std::uint64_t truncated_bytes = 0; ///< bytes of a torn last entry that were cut off (0: none)
};

/// Reads a log from start to end, one entry at a time, checking each record. Streaming: memory is
/// one buffer, whatever the log's size.
class PPB_API log_reader {
 public:
  /// Opens `path` and checks its header. Throws `parse_error` with `errc::io`, `errc::not_a_log`
  /// or `errc::log_version`.
  explicit log_reader(const std::filesystem::path& path);
  ~log_reader();
  log_reader(log_reader&&) noexcept;
  auto operator=(log_reader&&) noexcept -> log_reader&;

  /// The next entry's body into `body`; false at the clean end of the file. A torn last record
  /// (the file ends inside it, or its checksum or length is bad and nothing but zero bytes
  /// follows it) ends the log like the clean end, and `torn_bytes()` says how long it was; any
  /// other damage throws `parse_error(errc::log_corrupt)` naming the entry's index and byte
  /// offset. So does a "torn" record behind which a good record starts (its length was damaged).
  /// After `false`, `next` may be called again: it returns what a writer has appended since.
  auto next(byte_buffer& body) -> bool;
  /// Index of the entry `next` returns next (= entries read so far).
  [[nodiscard]] auto index() const noexcept -> std::uint64_t;
  /// File offset just past the last good record.
  [[nodiscard]] auto valid_bytes() const noexcept -> std::uint64_t;
  /// Bytes of a torn tail found at the end (0 until the end is reached, or if there was none).
  [[nodiscard]] auto torn_bytes() const noexcept -> std::uint64_t;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// An open log for appending. Thread-safe: any thread may `append` and `sync_through`.
class PPB_API log_writer {
 public:
  /// Creates a new, empty log (header only, synced, and the directory entry synced). Throws
  /// `parse_error(errc::io)` if the file exists or cannot be created. The header is written under
  /// a temporary name (`path` + ".creating.…") and linked into place, so a crash leaves no log or
  /// a whole header, never a partial one (at worst a stray temporary file).
  [[nodiscard]] static auto create(const std::filesystem::path& path) -> log_writer;
  /// Opens an existing log for appending after recovery: checks every record, truncates a torn
  /// last record, syncs (so what a killed writer left unsynced is durable too), and reports what
  /// it found. Throws as `log_reader` does.
  [[nodiscard]] static auto open(const std::filesystem::path& path, recovery_report* report = nullptr) -> log_writer;
  /// Writes and syncs records still queued, best effort (a destructor cannot report a failure).
  ~log_writer();
  log_writer(log_writer&&) noexcept;
  auto operator=(log_writer&&) noexcept -> log_writer&;

  /// Queues `body` (an `entry_body`) as the next record and returns its index. Not yet durable:
  /// call `sync_through(index)`. Entries are written in index order. O(body). Throws
  /// `usage_error` unless `body` has 9 to `max_entry_body_bytes` bytes.
  auto append(byte_span body) -> std::uint64_t;
  /// Returns once entry `index` and every entry before it are written and fdatasync'ed. Callers
  /// that wait at the same time share one write and one fdatasync (group commit). Throws
  /// `error(errc::io)` if the write or sync fails; the log is then unusable (every later call
  /// throws), because what is on disk is no longer known. `usage_error(errc::misuse)` if `index`
  /// >= `size()`.
  void sync_through(std::uint64_t index);
  /// `append` then `sync_through`.
  auto append_durable(byte_span body) -> std::uint64_t;
  /// Entries appended so far (durable or not).
  [[nodiscard]] auto size() const noexcept -> std::uint64_t;
  /// Entries known to be durable.
  [[nodiscard]] auto durable_size() const noexcept -> std::uint64_t;
  /// Number of fdatasync calls `sync_through` made so far (for benchmarks: entries per sync).
  [[nodiscard]] auto syncs() const noexcept -> std::uint64_t;
  [[nodiscard]] auto path() const -> const std::filesystem::path&;

 private:
  struct impl;
  explicit log_writer(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace ledger

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/ledger/log-inl.hpp"
#endif

#endif
