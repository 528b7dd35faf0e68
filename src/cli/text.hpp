// Text helpers for terminal tables: UTF-8 aware width and truncation.
#ifndef PPB_CLI_TEXT_HPP
#define PPB_CLI_TEXT_HPP

#include <string>
#include <string_view>

namespace ppb::cli {

/// Number of code points in UTF-8 text (a fair stand-in for display width for the scripts PB
/// elections use: Latin, Cyrillic, Kazakh).
inline auto display_width(std::string_view s) -> std::size_t {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// `s` cut to at most `width` code points (with "…" when cut) and padded with spaces to `width`.
inline auto fit(std::string_view s, std::size_t width) -> std::string {
  std::string out;
  if (display_width(s) <= width) {
    out = s;
  } else {
    std::size_t n = 0, i = 0;
    for (; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++n == width) break;
    }
    out = std::string(s.substr(0, i)) + "…";
  }
  out.append(width - std::min(width, display_width(out)), ' ');
  return out;
}

}  // namespace ppb::cli

#endif
