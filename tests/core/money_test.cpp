#include <doctest/doctest.h>

#include <limits>

#include "ppb/core/money.hpp"

using namespace ppb;

TEST_CASE("parse_decimal keeps decimals exact and drops trailing fractional zeros") {
  CHECK(parse_decimal("216829.41") == decimal{21682941, 2});
  CHECK(parse_decimal("400000.0") == decimal{400000, 0});
  CHECK(parse_decimal("400000") == decimal{400000, 0});
  CHECK(parse_decimal("0.50") == decimal{5, 1});
  CHECK(parse_decimal("1,5") == decimal{15, 1});  // pabutools accepts a decimal comma
  CHECK(parse_decimal("-3") == decimal{-3, 0});
  CHECK(parse_decimal("10.05") == decimal{1005, 2});
  CHECK(parse_decimal("9223372036854775807") == decimal{std::numeric_limits<std::int64_t>::max(), 0});
}

TEST_CASE("parse_decimal refuses what is not a number") {
  for (const char* bad : {"", "abc", "1.2.3", "1e5", "12a", ".", "-", "9223372036854775808", "1 000"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_decimal(bad).has_value());
  }
}

TEST_CASE("to_units and format_units round-trip at any scale") {
  CHECK(to_units({21682941, 2}, 2) == 21682941);
  CHECK(to_units({400000, 0}, 2) == 40000000);
  CHECK(format_units(21682941, 2) == "216829.41");
  CHECK(format_units(40000000, 2) == "400000");
  CHECK(format_units(5, 3) == "0.005");
  CHECK(format_units(-150, 2) == "-1.5");
  CHECK(format_units(0, 0) == "0");
  CHECK_THROWS_AS(to_units({1, 0}, 19), error);             // 10^19 overflows
  CHECK_THROWS_AS(to_units({15, 1}, 0), usage_error);       // more places than the scale
}

TEST_CASE("checked arithmetic refuses overflow") {
  const money big = std::numeric_limits<money>::max();
  CHECK(checked_add(1, 2) == 3);
  CHECK_THROWS_AS(checked_add(big, 1), error);
  CHECK_THROWS_AS(checked_mul(big, 2), error);
  try {
    (void)checked_add(big, big);
  } catch (const error& e) {
    CHECK(e.code() == errc::number_too_large);
  }
}

TEST_CASE("fraction compares exactly, including values a double cannot tell apart") {
  CHECK(fraction{1, 3} < fraction{1, 2});
  CHECK(fraction{2, 4} == fraction{1, 2});
  CHECK(fraction{5, 0} > fraction{std::numeric_limits<std::int64_t>::max(), 1});  // positive / 0 = infinity
  // 2^53+1 over 2^53 vs 1: a double rounds both to 1.0.
  const std::int64_t p = (std::int64_t{1} << 53);
  CHECK(fraction{p + 1, p} > fraction{1, 1});
  CHECK(fraction{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max() - 1} > fraction{1, 1});
  CHECK(fraction{3, 1}.to_string() == "3");
  CHECK(fraction{3, 7}.to_string() == "3/7");
}

TEST_CASE("wide_to_string prints 128-bit sums exactly") {
  CHECK(wide_to_string(0) == "0");
  CHECK(wide_to_string(-42) == "-42");
  const wide big = static_cast<wide>(std::numeric_limits<std::int64_t>::max()) * 1000 + 7;
  CHECK(wide_to_string(big) == "9223372036854775807007");
  CHECK(wide_to_string(-big) == "-9223372036854775807007");
}
