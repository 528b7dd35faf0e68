// Definitions for error.hpp; compiled into libppb, or inline in header-only builds.
#ifndef PPB_ERROR_INL_HPP
#define PPB_ERROR_INL_HPP

#include <cstdio>
#include <cstdlib>

#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto errc_name(errc code) noexcept -> std::string_view {
  switch (code) {
    case errc::ok: return "ok";
    case errc::io: return "io";
    case errc::missing_section: return "missing_section";
    case errc::missing_field: return "missing_field";
    case errc::unknown_project: return "unknown_project";
    case errc::duplicate_project: return "duplicate_project";
    case errc::negative_cost: return "negative_cost";
    case errc::not_a_number: return "not_a_number";
    case errc::ballot_limit: return "ballot_limit";
    case errc::truncated: return "truncated";
    case errc::duplicate_voter: return "duplicate_voter";
    case errc::bad_vote_type: return "bad_vote_type";
    case errc::points_mismatch: return "points_mismatch";
    case errc::duplicate_in_vote: return "duplicate_in_vote";
    case errc::number_too_large: return "number_too_large";
    case errc::empty_id: return "empty_id";
    case errc::extra_cells: return "extra_cells";
    case errc::count_mismatch: return "count_mismatch";
    case errc::duplicate_key: return "duplicate_key";
    case errc::json_syntax: return "json_syntax";
    case errc::invalid_election: return "invalid_election";
    case errc::invalid_iin: return "invalid_iin";
    case errc::bad_date: return "bad_date";
    case errc::unknown_unit: return "unknown_unit";
    case errc::duplicate_entry: return "duplicate_entry";
    case errc::bad_value: return "bad_value";
    case errc::not_a_snapshot: return "not_a_snapshot";
    case errc::snapshot_version: return "snapshot_version";
    case errc::snapshot_corrupt: return "snapshot_corrupt";
    case errc::crypto_init: return "crypto_init";
    case errc::bad_key: return "bad_key";
    case errc::not_a_log: return "not_a_log";
    case errc::log_version: return "log_version";
    case errc::log_corrupt: return "log_corrupt";
    case errc::log_closed: return "log_closed";
    case errc::box_stopped: return "box_stopped";
    case errc::invalid_argument: return "invalid_argument";
    case errc::misuse: return "misuse";
    case errc::internal: return "internal";
  }
  return "unknown";
}

namespace detail {
inline auto located_message(errc code, const std::string& file, std::uint64_t line,
                            const std::string& reason) -> std::string {
  // Built with append (not operator+): GCC 12 misreports -Wrestrict on chains of string +.
  std::string m = "[ppb.parse_error.";
  m.append(std::to_string(static_cast<int>(code))).append("] ");
  m.append(file.empty() ? std::string("<input>") : file);
  if (line > 0) m.append(":").append(std::to_string(line));
  m.append(": ").append(reason);
  return m;
}
}  // namespace detail

PPB_FUNC parse_error::parse_error(errc code, std::string file, std::uint64_t line,
                                  const std::string& reason)
    : error(code, detail::located_message(code, file, line, reason)),
      file_(std::move(file)),
      line_(line),
      reason_(reason) {}

PPB_FUNC usage_error::usage_error(const std::string& reason, errc code)
    : error(code, "[ppb.usage_error." + std::to_string(static_cast<int>(code)) + "] " + reason) {}

PPB_FUNC void detail::assert_fail(const char* file, int line, const char* expr) noexcept {
  std::fprintf(stderr, "%s:%d: ppb invariant broken: %s\n", file, line, expr);
  std::abort();
}

PPB_END_NAMESPACE

#endif
