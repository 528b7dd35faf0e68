// Definitions for core/money.hpp.
#ifndef PPB_CORE_MONEY_INL_HPP
#define PPB_CORE_MONEY_INL_HPP

#include <algorithm>

#include "ppb/core/money.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto wide_to_string(wide v) -> std::string {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string s;
  while (v != 0) {
    const auto digit = static_cast<int>(v % 10);
    s.push_back(static_cast<char>('0' + (negative ? -digit : digit)));
    v /= 10;
  }
  if (negative) s.push_back('-');
  std::reverse(s.begin(), s.end());
  return s;
}

PPB_FUNC auto checked_add(money a, money b) -> money {
  money r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw error(errc::number_too_large, "[ppb.error.113] sum of money overflows 64 bits");
  return r;
}

PPB_FUNC auto checked_mul(money a, money b) -> money {
  money r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw error(errc::number_too_large, "[ppb.error.113] product overflows 64 bits");
  return r;
}

PPB_FUNC auto parse_decimal(std::string_view text) noexcept -> std::optional<decimal> {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::int64_t digits = 0;
  int places = 0;
  bool seen_digit = false, seen_mark = false;
  int pending_zeros = 0;  // fractional zeros not yet known to be significant
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == ',') {
      if (seen_mark) return std::nullopt;
      seen_mark = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    const int d = c - '0';
    if (seen_mark && d == 0) {
      ++pending_zeros;
      continue;
    }
    for (; pending_zeros > 0; --pending_zeros) {
      if (__builtin_mul_overflow(digits, 10, &digits)) return std::nullopt;
      ++places;
    }
    if (__builtin_mul_overflow(digits, 10, &digits) || __builtin_add_overflow(digits, d, &digits))
      return std::nullopt;
    if (seen_mark) ++places;
  }
  if (!seen_digit) return std::nullopt;
  if (places > 18) return std::nullopt;
  return decimal{negative ? -digits : digits, places};
}

PPB_FUNC auto to_units(const decimal& d, int places) -> money {
  if (d.places > places) throw usage_error("decimal has more places than the money scale");
  money v = d.digits;
  for (int k = d.places; k < places; ++k) v = checked_mul(v, 10);
  return v;
}

PPB_FUNC auto format_units(money units, int places) -> std::string {
  const bool negative = units < 0;
  // Work in unsigned so that INT64_MIN formats too.
  unsigned long long mag = negative ? 0ULL - static_cast<unsigned long long>(units)
                                    : static_cast<unsigned long long>(units);
  std::string s = std::to_string(mag);
  if (places > 0) {
    if (s.size() <= static_cast<std::size_t>(places)) s.insert(0, static_cast<std::size_t>(places) - s.size() + 1, '0');
    s.insert(s.size() - static_cast<std::size_t>(places), 1, '.');
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return negative ? "-" + s : s;
}

PPB_END_NAMESPACE

#endif
