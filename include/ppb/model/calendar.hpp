/// @file
/// Calendar dates and UTC timestamps in strict ISO-8601, as election definitions, voter rolls and
/// proposal files spell them: `2026-03-01` and `2026-03-01T09:00:00Z`. Values are
/// `std::chrono::sys_days` and `std::chrono::sys_seconds` (proleptic Gregorian, UTC).
#ifndef PPB_MODEL_CALENDAR_HPP
#define PPB_MODEL_CALENDAR_HPP

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE

/// Parses `YYYY-MM-DD` (exactly 10 characters, year 0001–9999). Returns nothing for any other
/// shape or for a day that does not exist (`2026-02-29`, `2026-02-31`). O(1), no allocation.
PPB_API auto parse_iso_date(std::string_view text) noexcept -> std::optional<std::chrono::sys_days>;

/// Parses `YYYY-MM-DDTHH:MM:SSZ` (exactly 20 characters, UTC, no fractions, no offset, seconds
/// 00–59). Returns nothing for any other shape or an impossible date or time.
PPB_API auto parse_iso_timestamp(std::string_view text) noexcept -> std::optional<std::chrono::sys_seconds>;

/// Parses a UTC offset `+HH:MM` or `-HH:MM` between −14:00 and +14:00 (Kazakhstan: `+05:00`).
PPB_API auto parse_utc_offset(std::string_view text) noexcept -> std::optional<std::chrono::minutes>;

/// `d` as `YYYY-MM-DD`.
PPB_API auto format_iso_date(std::chrono::sys_days d) -> std::string;
/// `t` as `YYYY-MM-DDTHH:MM:SSZ`.
PPB_API auto format_iso_timestamp(std::chrono::sys_seconds t) -> std::string;
/// `m` as `+HH:MM` / `-HH:MM`.
PPB_API auto format_utc_offset(std::chrono::minutes m) -> std::string;

/// Whole years between `birth` and `day` (the age on `day`): a year is completed on the birthday;
/// someone born on 29 February completes it on 1 March in common years. −1 if `day` is before
/// `birth`.
PPB_API auto age_on(std::chrono::sys_days birth, std::chrono::sys_days day) noexcept -> int;

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/model/calendar-inl.hpp"
#endif

#endif
