// Definitions for core/rational.hpp.
#ifndef PPB_CORE_RATIONAL_INL_HPP
#define PPB_CORE_RATIONAL_INL_HPP

#include <limits>

#include "ppb/core/rational.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto to_small_fraction(const rational& q) -> std::optional<fraction> {
  const auto num = boost::multiprecision::numerator(q), den = boost::multiprecision::denominator(q);
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  if (num > max || den > max || num < 0) return std::nullopt;
  return fraction{num.convert_to<std::int64_t>(), den.convert_to<std::int64_t>()};
}

PPB_FUNC auto format_rational_units(const rational& q, int places) -> std::string {
  using boost::multiprecision::mpz_int;
  const auto num = boost::multiprecision::numerator(q), den = boost::multiprecision::denominator(q);
  const bool negative = num < 0;
  const mpz_int a = negative ? mpz_int(-num) : mpz_int(num);
  mpz_int units = a / den;
  const mpz_int rest = a % den;
  if (rest * 2 >= den) ++units;  // half up, on the magnitude
  std::string digits = units.str();
  if (places > 0) {
    if (digits.size() <= static_cast<std::size_t>(places)) digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
  }
  if (negative && digits != "0") digits.insert(0, "-");
  return (rest != 0 ? "≈" : "") + digits;
}

PPB_END_NAMESPACE

#endif
