/// @file
/// pabulib `.pb` files: a streaming reader that refuses malformed input with file, line and
/// reason, and a writer whose output reads back to an equal election.
/// Format: ../shared/pabulib/PB_FORMAT.md (META, PROJECTS, VOTES; `;`-separated CSV cells).
#ifndef PPB_IO_PABULIB_HPP
#define PPB_IO_PABULIB_HPP

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/ballots/profile.hpp"
#include "ppb/ballots/validation.hpp"

PPB_BEGIN_NAMESPACE

/// A problem found in an input that was kept, not refused (see `limit_policy::report`).
struct diagnostic {
  errc code = errc::ok;
  std::string file;
  std::uint64_t line = 0;
  std::string reason;
  friend auto operator==(const diagnostic&, const diagnostic&) -> bool = default;
};

/// One pabulib file: the instance, its ballots, and what the reader noticed but kept.
struct election {
  instance inst;
  profile prof;
  std::vector<diagnostic> warnings;
  /// Equal when instance and profile are equal (warnings are about the source, not the election).
  friend auto operator==(const election& a, const election& b) -> bool { return a.inst == b.inst && a.prof == b.prof; }
};

/// What to do with a ballot that breaks the META limits (min/max length, cost, points).
enum class limit_policy : std::uint8_t {
  /// Keep the ballot and add a `diagnostic` (`errc::ballot_limit`, its line and rule). The default,
  /// because published elections contain such ballots (Warszawa 2017 Młynów, Mechanical Turk
  /// Utilities 3): refusing them would make the official outcome irreproducible.
  report,
  /// Refuse the file: throw `parse_error(errc::ballot_limit)` naming the line and the rule.
  enforce,
};

/// Reader options.
struct read_options {
  limit_policy limits = limit_policy::report;
  /// Called about every MiB with (bytes read, total bytes or 0 if unknown); for progress bars.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

namespace io {

/// Reads a `.pb` stream, one row at a time (memory: the election plus one row).
/// `name` is used in error messages. Throws `parse_error` for malformed input (see `errc` 1xx):
/// missing section or column (also a section line missing before its column header), unknown or
/// duplicate project, negative cost, non-numeric field, duplicate voter, bad points list, a row
/// cut short before its cost, vote or points cell (`missing_field`), bytes that are not UTF-8
/// (`bad_value`), a cumulative file without `max_sum_points` (`missing_field`) or with negative
/// points (`bad_value`, whatever the policy), a ballot breaking META limits under `enforce`, a
/// file that ends early (unclosed quote, fewer rows than META's counts).
PPB_API auto read_pabulib(std::istream& in, std::string_view name, const read_options& opts = {}) -> election;
/// Reads a `.pb` file; throws `parse_error(errc::io)` if it cannot be opened.
PPB_API auto read_pabulib(const std::filesystem::path& path, const read_options& opts = {}) -> election;
/// Reads `.pb` text held in memory.
PPB_API auto parse_pabulib(std::string_view text, std::string_view name = "<input>", const read_options& opts = {})
    -> election;

/// Writes `e` as a `.pb` file: META (with budget, vote_type, num_projects, num_votes and the
/// ballot rules from the model), PROJECTS and VOTES in their original column order, LF line
/// endings, quoting cells that need it. `parse_pabulib(to_pabulib(e)) == e`. A merged profile is
/// written one row per voter. Throws `usage_error` for a cumulative election without
/// `max_sum_points`, which the format requires (the reader would refuse the file).
PPB_API void write_pabulib(std::ostream& out, const election& e);
PPB_API auto to_pabulib(const election& e) -> std::string;

}  // namespace io

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/pabulib-inl.hpp"
#endif

#endif
