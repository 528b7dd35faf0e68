/// @file
/// Voter rolls as CSV: header `iin,unit,status,registered,credential` (any column order;
/// `credential` may be left out), one voter per row. The reader streams (memory: the roll plus one
/// block of input), checks every row and reports each bad row with its line; duplicates (an IIN
/// or a credential key seen before) are refused, naming the line of the first.
#ifndef PPB_IO_ROLL_CSV_HPP
#define PPB_IO_ROLL_CSV_HPP

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/eligibility/roll.hpp"
#include "ppb/io/pabulib.hpp"
#include "ppb/model/election.hpp"

PPB_BEGIN_NAMESPACE

/// Options of the roll reader.
struct roll_read_options {
  /// Throw `parse_error` at the first bad row instead of collecting every bad row.
  bool strict = false;
  /// Stop collecting after this many bad rows (the count of bad rows stays exact).
  std::size_t max_errors = 1000;
};

/// A roll read from CSV: the good rows, and one diagnostic per bad row (with its line and an
/// `errc`: `invalid_iin`, `unknown_unit`, `bad_value` (status, credential), `bad_date`,
/// `duplicate_entry`, `missing_field`, `extra_cells`, `truncated` (unclosed quote)).
struct roll_import {
  voter_roll roll;
  std::vector<diagnostic> errors;  ///< at most `max_errors`, in line order
  std::uint64_t rows = 0;          ///< data rows read (good and bad)
  std::uint64_t bad_rows = 0;      ///< rows refused
};

namespace io {

/// Reads a roll from `in`; `name` names it in diagnostics. With `election`, each row's unit must
/// be one of its units. Throws `parse_error` for a file that is not a roll at all (no header,
/// a missing or unknown column: `missing_field` / `bad_value`), or at the first bad row with
/// `strict`. O(rows); about 190 bytes of memory per voter at peak (bench/README.md).
PPB_API auto read_roll(std::istream& in, std::string_view name, const election_definition* election = nullptr,
                       const roll_read_options& opts = {}) -> roll_import;
/// Reads a roll file; `parse_error(io)` if it cannot be opened.
PPB_API auto read_roll(const std::filesystem::path& path, const election_definition* election = nullptr,
                       const roll_read_options& opts = {}) -> roll_import;
/// Reads a roll held in memory (no copy).
PPB_API auto parse_roll(std::string_view text, std::string_view name = "<input>",
                        const election_definition* election = nullptr, const roll_read_options& opts = {})
    -> roll_import;

/// Writes `roll` as CSV (`iin,unit,status,registered,credential`, LF, keys in lowercase hex);
/// `parse_roll` of the output gives an equal roll.
PPB_API void write_roll(std::ostream& out, const voter_roll& roll);

/// `key` as 64 lowercase hex digits.
PPB_API auto credential_to_hex(const std::array<std::uint8_t, credential_key_bytes>& key) -> std::string;
/// A key from exactly 64 hex digits (either case); nothing otherwise.
PPB_API auto credential_from_hex(std::string_view hex) noexcept
    -> std::optional<std::array<std::uint8_t, credential_key_bytes>>;

}  // namespace io
PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/roll_csv-inl.hpp"
#endif

#endif
