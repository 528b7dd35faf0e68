// libFuzzer target: ballot-log files (ledger::log_reader, ledger::replay_log).
//
// Input: one control byte, then the file's bytes. Control bit 0 puts a valid 16-byte log header in
// front of them (so most inputs get past the header check and reach the records); bit 1 rewrites
// every record's CRC-32C to the right value before the file is read (so mutated records get past
// the checksum and reach the entry and replay checks behind it).
//
// Properties: log_reader throws nothing but parse_error; every body it returns has 9 to
// max_entry_body_bytes bytes and survives parse_entry_body / entry_body unchanged; the offsets add
// up (header + records = valid_bytes, valid_bytes + torn_bytes = the file's size at the end); a
// second `next` after the end changes nothing. replay_log throws nothing but ppb::error, and when it
// succeeds it agrees with the reader (entries, torn tail) and with a Merkle tree over the bodies.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "ppb/error.hpp"
#include "ppb/ledger/box.hpp"
#include "ppb/ledger/log.hpp"
#include "ppb/ledger/merkle.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "log_fuzz: property violated: %s\n", what);
  __builtin_trap();
}

// One file per process, removed when the process exits.
struct temp_log {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("ppb-log-fuzz-" + std::to_string(::getpid()) + ".log");
  ~temp_log() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

auto temp_path() -> const std::filesystem::path& {
  static const temp_log file;
  return file.path;
}

constexpr std::uint8_t log_header[ppb::ledger::log_header_bytes] = {'p', 'p', 'b', '-', 'l', 'o', 'g', '\n',
                                                                   0,   0,   0,   1,   0,   0,   0,   0};

auto get_be32(const std::uint8_t* p) -> std::uint32_t {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
}

// Rewrites the checksum of each record that fits in the file, walking the lengths as a reader does.
void fix_checksums(std::vector<std::uint8_t>& file) {
  std::size_t off = ppb::ledger::log_header_bytes;
  while (off + 4 <= file.size()) {
    const std::uint32_t n = get_be32(file.data() + off);
    if (n < 9 || n > ppb::ledger::max_entry_body_bytes || file.size() - off - 4 < std::size_t{n} + 4) return;
    const std::uint32_t crc =
        ppb::ledger::crc32c(ppb::byte_span(file.data() + off + 4, n), ppb::ledger::crc32c(ppb::byte_span(file.data() + off, 4)));
    std::uint8_t* c = file.data() + off + 4 + n;
    c[0] = static_cast<std::uint8_t>(crc >> 24), c[1] = static_cast<std::uint8_t>(crc >> 16);
    c[2] = static_cast<std::uint8_t>(crc >> 8), c[3] = static_cast<std::uint8_t>(crc);
    off += std::size_t{n} + ppb::ledger::record_overhead_bytes;
  }
}

// Overwrites the file in place and cuts it to length. Not fopen("wb"): on ext4, truncating a file
// to zero and writing it again forces the data to disk on close (auto_da_alloc), which made every
// run wait for the disk.
void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::perror("log_fuzz: cannot create the temp file");
    std::abort();
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::pwrite(fd, content.data() + done, content.size() - done, static_cast<off_t>(done));
    if (n <= 0) {
      std::perror("log_fuzz: cannot write the temp file");
      std::abort();
    }
    done += static_cast<std::size_t>(n);
  }
  if (::ftruncate(fd, static_cast<off_t>(content.size())) != 0) {
    std::perror("log_fuzz: cannot cut the temp file");
    std::abort();
  }
  ::close(fd);
}

// What reading the whole log with log_reader found; nullopt when it threw parse_error.
struct read_result {
  std::uint64_t entries = 0, torn = 0;
  ppb::digest root{};
};

auto read_log(const std::filesystem::path& path, std::uint64_t file_size) -> std::optional<read_result> {
  try {
    ppb::ledger::log_reader reader(path);
    ppb::merkle::tree tree;
    std::uint64_t expect_valid = ppb::ledger::log_header_bytes;
    std::vector<std::uint8_t> body;
    while (reader.next(body)) {
      if (body.size() < 9 || body.size() > ppb::ledger::max_entry_body_bytes) fail("a body of impossible length");
      expect_valid += body.size() + ppb::ledger::record_overhead_bytes;
      if (reader.valid_bytes() != expect_valid) fail("valid_bytes is not the header plus the records read");
      if (reader.index() != tree.size() + 1) fail("index does not count the records read");
      if (ppb::ledger::entry_body(ppb::ledger::parse_entry_body(body)) != body) fail("entry_body(parse_entry_body(b)) != b");
      (void)ppb::ledger::entry_type_name(ppb::ledger::parse_entry_body(body).type);
      tree.append(ppb::merkle::leaf_hash(body));
    }
    if (reader.valid_bytes() + reader.torn_bytes() != file_size) fail("valid + torn bytes is not the file's size");
    const read_result r{tree.size(), reader.torn_bytes(), tree.root()};
    if (reader.next(body) || reader.index() != r.entries || reader.torn_bytes() != r.torn || reader.valid_bytes() != expect_valid)
      fail("a second next() after the end changed something");
    return r;
  } catch (const ppb::parse_error&) {
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  std::vector<std::uint8_t> file;
  if ((control & 1) != 0) file.assign(std::begin(log_header), std::end(log_header));
  file.insert(file.end(), data + 1, data + size);
  if ((control & 2) != 0) fix_checksums(file);
  const auto& path = temp_path();
  write_file(path, file);

  const auto read = read_log(path, file.size());
  try {
    const auto report = ppb::ledger::replay_log(path);
    if (!read) fail("replay_log accepted a log that log_reader refuses");
    if (report.entries != read->entries) fail("replay_log and log_reader count different entries");
    if (report.torn_bytes != read->torn) fail("replay_log and log_reader see different torn tails");
    if (report.root != read->root) fail("replay_log's root is not the Merkle root of the entries");
    if (report.entries == 0) fail("replay_log accepted a log without a setup entry");
    if (report.profiles.size() != report.setup.ballots.size()) fail("one profile per ballot unit");
  } catch (const ppb::error&) {
  }
  return 0;
}
