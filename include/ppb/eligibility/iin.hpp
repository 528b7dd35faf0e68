/// @file
/// IIN (ЖСН / ИИН): Kazakhstan's 12-digit individual identification number. Digits 1–6 are the
/// birth date (YYMMDD), digit 7 the century and sex (1/2: 1800s male/female, 3/4: 1900s, 5/6:
/// 2000s; 0 marks a legal entity's BIN), digits 8–11 a serial number and digit 12 a check digit:
/// Σ dᵢ·i (i = 1…11) mod 11; if that is 10, Σ dᵢ·wᵢ with w = 3,4,…,11,1,2 mod 11; if 10 again,
/// no valid number starts with those 11 digits.
#ifndef PPB_ELIGIBILITY_IIN_HPP
#define PPB_ELIGIBILITY_IIN_HPP

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ppb/core/lang.hpp"

PPB_BEGIN_NAMESPACE

/// Why a text is not a valid IIN. Values and names are pinned: codes never change meaning.
enum class iin_reason : std::uint8_t {
  valid = 0,                 ///< no failure
  wrong_length = 1,          ///< not exactly 12 characters
  not_digits = 2,            ///< a character other than 0–9
  legal_entity = 3,          ///< 7th digit 0: a business identification number (BIN), not a person
  bad_century_digit = 4,     ///< 7th digit 7, 8 or 9: no century and sex have that code
  bad_month = 5,             ///< birth month (digits 3–4) not 01–12
  bad_day = 6,               ///< birth day (digits 5–6) does not exist in that month (31 Feb, 29 Feb 2023)
  check_digit_mismatch = 7,  ///< the 12th digit is not the check digit of the first 11
  no_check_digit = 8,        ///< both weightings give 10: no IIN starts with these 11 digits
};

/// Every reason, in value order (for catalogues and tests).
inline constexpr iin_reason all_iin_reasons[] = {
    iin_reason::valid,     iin_reason::wrong_length,         iin_reason::not_digits,
    iin_reason::legal_entity, iin_reason::bad_century_digit, iin_reason::bad_month,
    iin_reason::bad_day,   iin_reason::check_digit_mismatch, iin_reason::no_check_digit};

/// Stable snake_case name (`"check_digit_mismatch"`).
PPB_API auto reason_name(iin_reason r) noexcept -> std::string_view;
/// The reason explained to a citizen in `l` (Kazakh in Cyrillic, Russian, English).
PPB_API auto message(iin_reason r, lang l) noexcept -> std::string_view;

/// Sex as the IIN's 7th digit encodes it.
enum class sex : std::uint8_t { male = 0, female = 1 };
/// `"male"` or `"female"`.
PPB_API auto sex_name(sex s) noexcept -> std::string_view;

struct iin_check;
/// Checks `text` (exactly 12 digits, no spaces). O(1), no allocation, thread-safe.
PPB_API auto check_iin(std::string_view text) noexcept -> iin_check;

/// A valid IIN. Only `check_iin` and `from_value` make one, so holding an `iin` means the number
/// passed every check. 8 bytes; ordered and hashed by value.
class PPB_API iin {
 public:
  /// The 12 digits as a number (leading zeros dropped: 001231500018 → 1231500018).
  [[nodiscard]] constexpr auto value() const noexcept -> std::uint64_t { return value_; }
  /// The 12 digits as text.
  [[nodiscard]] auto text() const -> std::string;
  /// Date of birth (digits 1–6 and the century from digit 7).
  [[nodiscard]] auto birth_date() const noexcept -> std::chrono::sys_days;
  /// Sex from digit 7 (odd: male, even: female).
  [[nodiscard]] auto person_sex() const noexcept -> sex;
  /// The IIN whose digits are `v` (`value()`'s inverse), if they form a valid IIN.
  [[nodiscard]] static auto from_value(std::uint64_t v) noexcept -> std::optional<iin>;
  friend constexpr auto operator<=>(const iin&, const iin&) = default;

 private:
  friend auto check_iin(std::string_view text) noexcept -> iin_check;
  std::uint64_t value_ = 0;
};

/// Result of checking a text: `reason == valid` and the number, or the first failed check in
/// the order length, digits, century digit, month, day, check digit.
struct iin_check {
  iin_reason reason = iin_reason::wrong_length;
  iin number;  ///< meaningful when `reason == valid`
  [[nodiscard]] auto valid() const noexcept -> bool { return reason == iin_reason::valid; }
  explicit operator bool() const noexcept { return valid(); }
};

/// The check digit of the first 11 digits `first11` (digits only), or nothing when both
/// weightings give 10. For generators of test data; `check_iin` is the validator.
PPB_API auto iin_check_digit(std::string_view first11) noexcept -> std::optional<int>;

PPB_END_NAMESPACE

/// Hash by value, so `std::unordered_map<ppb::iin, …>` works.
template <>
struct std::hash<ppb::iin> {
  auto operator()(const ppb::iin& v) const noexcept -> std::size_t { return std::hash<std::uint64_t>{}(v.value()); }
};

#ifdef PPB_HEADER_ONLY
#  include "ppb/eligibility/iin-inl.hpp"
#endif

#endif
