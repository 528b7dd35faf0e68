/// @file
/// Checking that text is well-formed UTF-8, so that what ppb reads it can also write (JSON,
/// HTML, `.pb`) without passing on bytes that no reader accepts.
#ifndef PPB_CORE_UTF8_HPP
#define PPB_CORE_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE

/// Offset of the first byte of `text` that does not belong to well-formed UTF-8, or nothing when
/// all of it does. Well-formed as Unicode's table 3-7 defines it (RFC 3629): no overlong forms, no
/// surrogates (U+D800–U+DFFF), nothing above U+10FFFF, no sequence cut short. O(size), no allocation.
///
///     utf8_error_offset("Żółć");      // nothing
///     utf8_error_offset("ab\xFF");    // 2
constexpr auto utf8_error_offset(std::string_view text) noexcept -> std::optional<std::size_t> {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const auto b = static_cast<std::uint8_t>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // The allowed range of the second byte depends on the first (table 3-7); later bytes are 80–BF.
    std::size_t len = 0;
    std::uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // overlong below U+0800
      if (b == 0xED) hi = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;  // overlong below U+10000
      if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;  // 80–C1 (a continuation byte or an overlong lead) and F5–FF never start a character
    }
    if (i + 1 >= n) return i;
    const auto second = static_cast<std::uint8_t>(text[i + 1]);
    if (second < lo || second > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (i + k >= n) return i;
      const auto c = static_cast<std::uint8_t>(text[i + k]);
      if (c < 0x80 || c > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

PPB_END_NAMESPACE

#endif
