// How doctest prints ppb's values in failure messages. `wide` (__int128) needs its own printer:
// doctest would otherwise stream it through Boost.Multiprecision's __float128 operator<<, which
// drags in libquadmath and fails to link.
#ifndef PPB_TESTS_SUPPORT_PRINTERS_HPP
#define PPB_TESTS_SUPPORT_PRINTERS_HPP

#include <doctest/doctest.h>

#include "ppb/core/money.hpp"

namespace doctest {
template <>
struct StringMaker<ppb::wide> {
  static auto convert(ppb::wide v) -> String { return ppb::wide_to_string(v).c_str(); }
};
}  // namespace doctest

#endif
