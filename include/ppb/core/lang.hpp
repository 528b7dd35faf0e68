/// @file
/// Languages of citizen-facing text: Kazakh (Cyrillic), Russian and English. Every reason code
/// of ppb has a message in each, chosen by the caller (`message(reason, lang)`), and names of
/// elections and territorial units are given in all three (`localized_text`).
#ifndef PPB_CORE_LANG_HPP
#define PPB_CORE_LANG_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE

/// A language ppb speaks to people in. Values are pinned.
enum class lang : std::uint8_t {
  kk = 0,  ///< Kazakh, Cyrillic script (қазақ тілі)
  ru = 1,  ///< Russian (русский язык)
  en = 2,  ///< English
};

/// ISO 639-1 code of `l` (`"kk"`, `"ru"`, `"en"`).
constexpr auto lang_name(lang l) noexcept -> std::string_view {
  switch (l) {
    case lang::kk: return "kk";
    case lang::ru: return "ru";
    case lang::en: return "en";
  }
  return "en";
}

/// The language with ISO 639-1 code `code` (`"kk"`, `"ru"`, `"en"`); nothing for any other text.
constexpr auto parse_lang(std::string_view code) noexcept -> std::optional<lang> {
  for (auto l : {lang::kk, lang::ru, lang::en})
    if (lang_name(l) == code) return l;
  return std::nullopt;
}

/// A text given in the three languages, e.g. the name of a district:
/// `{"Көктем ауданы", "район Коктем", "Koktem district"}`.
struct localized_text {
  std::string kk;  ///< Kazakh (Cyrillic)
  std::string ru;  ///< Russian
  std::string en;  ///< English
  /// The text in `l`.
  [[nodiscard]] auto in(lang l) const noexcept -> const std::string& {
    return l == lang::kk ? kk : l == lang::ru ? ru : en;
  }
  friend auto operator==(const localized_text&, const localized_text&) -> bool = default;
};

/// A message in the three languages, held as static text (the catalogues of reason codes).
struct message_text {
  std::string_view kk, ru, en;
  [[nodiscard]] constexpr auto in(lang l) const noexcept -> std::string_view {
    return l == lang::kk ? kk : l == lang::ru ? ru : en;
  }
};

PPB_END_NAMESPACE

#endif
