#include <doctest/doctest.h>

#include <string>

#include "ppb/core/utf8.hpp"

using namespace ppb;

TEST_CASE("well-formed UTF-8 of every length passes") {
  CHECK(utf8_error_offset("") == std::nullopt);
  CHECK(utf8_error_offset("plain ASCII; 0-9") == std::nullopt);
  CHECK(utf8_error_offset("Жаяу жүргінші – Żółć – 歩道 – 🚶") == std::nullopt);
  // The edges of table 3-7: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
  for (const char* s : {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
                        "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    CAPTURE(s);
    CHECK(utf8_error_offset(s) == std::nullopt);
  }
}

TEST_CASE("the offset of the first byte that is not UTF-8") {
  struct bad {
    std::string what, text;
    std::size_t at;
  };
  const bad cases[] = {
      {"Latin-1 e acute", "caf\xE9!", 3},
      {"lone continuation byte", "ab\x80", 2},
      {"overlong two-byte lead C0", "\xC0\xAF", 0},
      {"overlong two-byte lead C1", "x\xC1\xBF", 1},
      {"overlong three-byte form", "\xE0\x9F\xBF", 0},
      {"UTF-16 surrogate", "ok \xED\xA0\x80", 3},
      {"four-byte overlong", "\xF0\x8F\xBF\xBF", 0},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"lead byte F5", "\xF5\x80\x80\x80", 0},
      {"byte FF", "a\xFF", 1},
      {"sequence cut at the end", "ab\xE2\x82", 2},
      {"sequence cut by ASCII", "\xE2\x82z", 0},
      {"four-byte sequence cut by a separator", "\xF0\x9F\x9A;", 0},
      {"valid text, then a bad byte", "Żółć\xFE", 8},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    CHECK(utf8_error_offset(c.text) == c.at);
  }
}
