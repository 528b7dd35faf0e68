/// @file
/// Exact rationals (GMP through Boost.Multiprecision) for rules that divide: MES shares and
/// ρ values, Phragmén loads. Never used to store money, only to decide and explain.
#ifndef PPB_CORE_RATIONAL_HPP
#define PPB_CORE_RATIONAL_HPP

#include <boost/multiprecision/gmp.hpp>
#include <optional>
#include <string>

#include "ppb/core/money.hpp"

PPB_BEGIN_NAMESPACE

/// An exact rational number of any size.
using rational = boost::multiprecision::mpq_rational;

/// `q` as a 64-bit `fraction` when it is non-negative and both parts fit, else nothing.
PPB_API auto to_small_fraction(const rational& q) -> std::optional<fraction>;

/// `q` (an amount in units of 10^-places) as a decimal for people: rounded half up to `places`
/// digits after the point, with "≈" in front when that rounding changed the value, e.g.
/// (1/3 of 100 units, places 2) → "≈0.33". For display only; never for a decision.
PPB_API auto format_rational_units(const rational& q, int places) -> std::string;

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/core/rational-inl.hpp"
#endif

#endif
