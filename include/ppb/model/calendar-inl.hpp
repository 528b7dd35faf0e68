// Definitions for model/calendar.hpp.
#ifndef PPB_MODEL_CALENDAR_INL_HPP
#define PPB_MODEL_CALENDAR_INL_HPP

#include <cstdio>

#include "ppb/model/calendar.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

// `n` decimal digits at `s[pos]`, or -1.
constexpr auto calendar_digits(std::string_view s, std::size_t pos, std::size_t n) noexcept -> int {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace detail

PPB_FUNC auto parse_iso_date(std::string_view text) noexcept -> std::optional<std::chrono::sys_days> {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = detail::calendar_digits(text, 0, 4), m = detail::calendar_digits(text, 5, 2),
            d = detail::calendar_digits(text, 8, 2);
  if (y < 1 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

PPB_FUNC auto parse_iso_timestamp(std::string_view text) noexcept -> std::optional<std::chrono::sys_seconds> {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  const auto day = parse_iso_date(text.substr(0, 10));
  const int hh = detail::calendar_digits(text, 11, 2), mm = detail::calendar_digits(text, 14, 2),
            ss = detail::calendar_digits(text, 17, 2);
  if (!day || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return std::nullopt;
  return std::chrono::sys_seconds{*day} + std::chrono::hours{hh} + std::chrono::minutes{mm} + std::chrono::seconds{ss};
}

PPB_FUNC auto parse_utc_offset(std::string_view text) noexcept -> std::optional<std::chrono::minutes> {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  const int hh = detail::calendar_digits(text, 1, 2), mm = detail::calendar_digits(text, 4, 2);
  if (hh < 0 || mm < 0 || mm > 59 || hh * 60 + mm > 14 * 60) return std::nullopt;
  const std::chrono::minutes m{hh * 60 + mm};
  return text[0] == '-' ? -m : m;
}

PPB_FUNC auto format_iso_date(std::chrono::sys_days d) -> std::string {
  const std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

PPB_FUNC auto format_iso_timestamp(std::chrono::sys_seconds t) -> std::string {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss<std::chrono::seconds> hms{t - day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return format_iso_date(day) + buf;
}

PPB_FUNC auto format_utc_offset(std::chrono::minutes m) -> std::string {
  const auto total = m.count() < 0 ? -m.count() : m.count();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", m.count() < 0 ? '-' : '+', static_cast<int>(total / 60),
                static_cast<int>(total % 60));
  return buf;
}

PPB_FUNC auto age_on(std::chrono::sys_days birth, std::chrono::sys_days day) noexcept -> int {
  const std::chrono::year_month_day b{birth}, d{day};
  int years = static_cast<int>(d.year()) - static_cast<int>(b.year());
  // Before this year's birthday (compared as month/day, so 29 Feb is reached on 1 Mar in common years).
  const auto before = std::pair{static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day())} <
                      std::pair{static_cast<unsigned>(b.month()), static_cast<unsigned>(b.day())};
  if (day < birth) return -1;
  return before ? years - 1 : years;
}

PPB_END_NAMESPACE

#endif
