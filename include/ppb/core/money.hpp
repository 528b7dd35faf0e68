/// @file
/// Money and exact numbers: `money` is a count of the smallest currency unit (64-bit, checked);
/// decimals from files become integers at a per-election scale of 10^k; `fraction` compares ratios
/// exactly by cross-multiplying in 128 bits.
#ifndef PPB_CORE_MONEY_HPP
#define PPB_CORE_MONEY_HPP

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ppb/config.hpp"
#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

/// An amount in the smallest unit of the election's money scale (see `decimal`).
using money = std::int64_t;

/// Sum that may pass 2^63 (welfare = votes × cost).
__extension__ using wide = __int128;

/// `v` in decimal digits (`wide` has no standard `to_string` or stream output).
PPB_API auto wide_to_string(wide v) -> std::string;

/// `a + b`, throwing `error(number_too_large)` on overflow.
PPB_API auto checked_add(money a, money b) -> money;
/// `a * b`, throwing `error(number_too_large)` on overflow.
PPB_API auto checked_mul(money a, money b) -> money;

/// A decimal number read from text: `digits · 10^-places`, with trailing fractional zeros removed
/// (`400000.0` → {400000, 0}; `216829.41` → {21682941, 2}).
struct decimal {
  std::int64_t digits = 0;
  int places = 0;
  friend auto operator==(const decimal&, const decimal&) -> bool = default;
};

/// Largest scale ppb accepts (10^9 smallest units per unit).
inline constexpr int max_money_places = 9;

/// Parses `[-]digits[.digits]` (a `,` is accepted as the decimal mark, as pabutools does).
/// Returns nothing when the text is not such a number or does not fit 64 bits.
PPB_API auto parse_decimal(std::string_view text) noexcept -> std::optional<decimal>;

/// The value of `d` in units of 10^-places; throws `error(number_too_large)` if it does not fit,
/// `usage_error` if `d` has more places than `places`.
PPB_API auto to_units(const decimal& d, int places) -> money;

/// `units · 10^-places` as text with no trailing fractional zeros: (21682941, 2) → "216829.41",
/// (400000, 0) → "400000".
PPB_API auto format_units(money units, int places) -> std::string;

/// An exact non-negative ratio `num / den` (den may be 0: +infinity when num > 0). Ordered by
/// value, compared by cross-multiplication in 128 bits, so no rounding can decide an outcome.
struct fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
  friend auto operator<=>(const fraction& a, const fraction& b) -> std::strong_ordering {
    // Infinity (den == 0, num > 0) sorts above every finite value; 0/0 is treated as 0.
    const bool a_inf = a.den == 0 && a.num > 0, b_inf = b.den == 0 && b.num > 0;
    if (a_inf || b_inf) return a_inf <=> b_inf;
    const wide lhs = static_cast<wide>(a.num) * (b.den == 0 ? 1 : b.den);
    const wide rhs = static_cast<wide>(b.num) * (a.den == 0 ? 1 : a.den);
    return lhs <=> rhs;
  }
  friend auto operator==(const fraction& a, const fraction& b) -> bool { return (a <=> b) == 0; }
  /// "num/den", or "num" when den is 1, or "inf".
  [[nodiscard]] auto to_string() const -> std::string {
    if (den == 0) return num > 0 ? "inf" : "0";
    if (den == 1) return std::to_string(num);
    return std::to_string(num) + "/" + std::to_string(den);
  }
};

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/core/money-inl.hpp"
#endif

#endif
