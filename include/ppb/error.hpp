/// @file
/// Errors: `ppb::errc` (stable codes), the exception types for malformed input and misuse,
/// `result<T>` for expected rejections, and `PPB_ASSERT` for broken invariants (STYLE.md §5).
#ifndef PPB_ERROR_HPP
#define PPB_ERROR_HPP

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE

/// Stable error codes. Values are pinned: append only, never renumber or reuse.
/// Each message starts with `[ppb.<kind>.<number>]` so tools and tests can match on it.
enum class errc : std::int32_t {
  ok = 0,
  // 1xx: malformed input files (parse errors)
  io = 100,                 ///< the file cannot be opened or read
  missing_section = 101,    ///< META, PROJECTS or VOTES is absent, or sections are out of order
  missing_field = 102,      ///< a required META key or column is absent, or a row has too few cells
  unknown_project = 103,    ///< a vote names a project that PROJECTS does not list
  duplicate_project = 104,  ///< two PROJECTS rows share an id
  negative_cost = 105,      ///< a cost or budget below zero
  not_a_number = 106,       ///< a numeric field does not hold a number
  ballot_limit = 107,       ///< a ballot breaks the election's ballot rules (META limits)
  truncated = 108,          ///< the file ends early: counts in META disagree, or a quote is never closed
  duplicate_voter = 109,    ///< two VOTES rows share a voter id
  bad_vote_type = 110,      ///< META vote_type is not one pabulib defines
  points_mismatch = 111,    ///< a points list does not match its vote list
  duplicate_in_vote = 112,  ///< one ballot lists the same project twice
  number_too_large = 113,   ///< a number does not fit ppb's 64-bit money or points
  empty_id = 114,           ///< a project or voter id is empty
  extra_cells = 115,        ///< a row has more cells than its header
  count_mismatch = 116,     ///< a section has more rows than META's num_projects/num_votes say
  duplicate_key = 117,      ///< a META key, or a column name in a section header, appears twice
  // 120–139: election definitions, voter rolls, proposal files, snapshots (issue 4)
  json_syntax = 120,        ///< a JSON document cannot be parsed (syntax, bad UTF-8, duplicate key)
  invalid_election = 121,   ///< an election definition breaks its schema; every problem is listed
  invalid_iin = 122,        ///< an IIN in an input file is not a valid individual identification number
  bad_date = 123,           ///< a date or timestamp is not strict ISO-8601 or names no real day
  unknown_unit = 124,       ///< a row names a territorial unit the election does not define
  duplicate_entry = 125,    ///< a roll lists an IIN or credential twice, or a file repeats an id
  bad_value = 126,          ///< a cell or field holds a value outside its allowed set or shape
  not_a_snapshot = 127,     ///< a file does not start with ppb's snapshot magic
  snapshot_version = 128,   ///< a snapshot's format version is not one this build reads
  snapshot_corrupt = 129,   ///< a snapshot's checksum or payload does not hold together
  // 140–149: keys and signed ballots (issue 5)
  crypto_init = 140,        ///< libsodium could not be initialised (no usable random source)
  bad_key = 141,            ///< a key's text is not a ppb key of the expected kind, or not a valid point
  // 150–159: ballot logs (issue 5)
  not_a_log = 150,          ///< a file does not start with ppb's ballot-log magic
  log_version = 151,        ///< a log's format version is not one this build reads
  log_corrupt = 152,        ///< an entry's checksum, type, signature or chain does not hold (not a torn tail)
  log_closed = 153,         ///< the log is closed: nothing more may be appended
  box_stopped = 154,        ///< the ballot box stopped after a change failed part-way (out of memory): reopen its log
  // 2xx: misuse of the API or command line
  invalid_argument = 200,   ///< an option or argument has a value ppb does not accept
  misuse = 201,             ///< an object is used against its contract
  // 9xx: internal
  internal = 900,
};

/// Name of the code (`"unknown_project"`), stable, for messages and JSON.
PPB_API auto errc_name(errc code) noexcept -> std::string_view;

/// Base of every exception ppb throws; `code()` is stable, `what()` is for people.
class PPB_API error : public std::runtime_error {
 public:
  error(errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] auto code() const noexcept -> errc { return code_; }

 private:
  errc code_;
};

/// Malformed input. `file()` and `line()` (1-based; 0 when not tied to a line) say where.
/// `what()` reads `[ppb.parse_error.103] FILE:LINE: reason`.
class PPB_API parse_error : public error {
 public:
  parse_error(errc code, std::string file, std::uint64_t line, const std::string& reason);
  [[nodiscard]] auto file() const noexcept -> const std::string& { return file_; }
  [[nodiscard]] auto line() const noexcept -> std::uint64_t { return line_; }
  /// The reason alone, without the id and location.
  [[nodiscard]] auto reason() const noexcept -> const std::string& { return reason_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::string reason_;
};

/// Caller misuse: a bad option value, an object used against its contract.
class PPB_API usage_error : public error {
 public:
  explicit usage_error(const std::string& reason, errc code = errc::invalid_argument);
};

/// A value or an error code with its detail, shaped like `std::expected` so that moving to C++23
/// is mechanical. Used for expected rejections, which are not exceptions.
template <class T>
class result {
 public:
  struct failure {
    errc code;
    std::string detail;
  };
  result(T value) : v_(std::move(value)) {}  // NOLINT: implicit like std::expected
  result(failure f) : v_(std::move(f)) {}    // NOLINT
  [[nodiscard]] auto has_value() const noexcept -> bool { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }
  /// The value; throws `usage_error` when there is none.
  auto value() const& -> const T& {
    if (!has_value()) throw usage_error("result has no value: " + error().detail, errc::misuse);
    return std::get<0>(v_);
  }
  auto value() && -> T {
    if (!has_value()) throw usage_error("result has no value: " + error().detail, errc::misuse);
    return std::get<0>(std::move(v_));
  }
  [[nodiscard]] auto error() const -> const failure& { return std::get<1>(v_); }

 private:
  std::variant<T, failure> v_;
};

namespace detail {
[[noreturn]] PPB_API void assert_fail(const char* file, int line, const char* expr) noexcept;
}  // namespace detail

PPB_END_NAMESPACE

/// Broken invariant: print where and abort. Never compiled out; never used for bad input.
#define PPB_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::ppb::detail::assert_fail(__FILE__, __LINE__, #cond))

#ifdef PPB_HEADER_ONLY
#  include "ppb/error-inl.hpp"
#endif

#endif
