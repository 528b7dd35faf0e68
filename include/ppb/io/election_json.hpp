/// @file
/// Election definitions as JSON (Boost.JSON): the loader validates every field and reports every
/// problem with its JSON Pointer path (`/units/3/budget: must be a non-negative integer`).
/// Schema: docs/election.schema.json; guide: docs/election.md.
#ifndef PPB_IO_ELECTION_JSON_HPP
#define PPB_IO_ELECTION_JSON_HPP

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/model/election.hpp"
#include "ppb/tally/rule.hpp"

PPB_BEGIN_NAMESPACE

namespace io {

/// The value of the definition's `format` field this build reads.
inline constexpr std::string_view election_format = "ppb/election/v1";

/// Every problem of the definition held in `bytes` (empty: valid). Checks JSON syntax and UTF-8,
/// duplicate keys (the election id is a hash of the bytes, so two readings must not differ),
/// unknown fields, types, ranges, the territory tree, phase order, and that the tally rule,
/// satisfaction and tie-break are ones `ppb tally` accepts. Never throws for bad input.
PPB_API auto check_election(std::string_view bytes) -> std::vector<definition_problem>;

/// Parses a definition, keeping `bytes` exactly. Throws `parse_error(json_syntax)` (with the line)
/// for text that is not JSON, and `parse_error(invalid_election)` listing every problem otherwise.
PPB_API auto parse_election(std::string_view bytes, std::string_view name = "<input>") -> election_definition;

/// Reads the file's exact bytes and parses them; `parse_error(io)` if it cannot be read.
PPB_API auto load_election(const std::filesystem::path& path) -> election_definition;

/// The options `ppb tally` would build from the same strings (`--rule`, `--satisfaction`,
/// `--tie-break`, `--seed`, `--completion`, `--comparison`), for `tally::run`. Throws
/// `usage_error` for strings a validated definition never holds.
PPB_API auto tally_options(const tally_spec& t) -> rule_options;

/// A file's whole content, byte for byte; `parse_error(io)` if it cannot be read.
PPB_API auto read_file_bytes(const std::filesystem::path& path) -> std::string;

}  // namespace io
PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/election_json-inl.hpp"
#endif

#endif
