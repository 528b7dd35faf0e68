// Definitions for eligibility/iin.hpp.
#ifndef PPB_ELIGIBILITY_IIN_INL_HPP
#define PPB_ELIGIBILITY_IIN_INL_HPP

#include "ppb/eligibility/iin.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

struct iin_reason_entry {
  std::string_view name;
  message_text text;
};

// Indexed by value; pinned: append only.
inline constexpr iin_reason_entry iin_reasons[] = {
    {"valid", {"ЖСН дұрыс", "ИИН корректен", "the IIN is valid"}},
    {"wrong_length",
     {"ЖСН дәл 12 цифрдан тұруы керек", "ИИН должен состоять ровно из 12 цифр", "an IIN has exactly 12 digits"}},
    {"not_digits", {"ЖСН тек цифрлардан тұрады", "ИИН состоит только из цифр", "an IIN contains digits only"}},
    {"legal_entity",
     {"бұл жеке тұлғаның ЖСН-і емес, заңды тұлғаның БСН-і (7-ші цифры 0)",
      "это не ИИН физического лица, а БИН юридического лица (7-я цифра 0)",
      "this is a legal entity's BIN (7th digit 0), not a person's IIN"}},
    {"bad_century_digit",
     {"7-ші цифр (ғасыр мен жыныс) 1-ден 6-ға дейін болуы керек", "7-я цифра (век и пол) должна быть от 1 до 6",
      "the 7th digit (century and sex) must be 1 to 6"}},
    {"bad_month",
     {"туған айы (3–4 цифрлар) 01-ден 12-ге дейін болуы керек", "месяц рождения (цифры 3–4) должен быть от 01 до 12",
      "the birth month (digits 3–4) must be 01 to 12"}},
    {"bad_day",
     {"туған күні (5–6 цифрлар) бұл айда жоқ", "такого дня рождения (цифры 5–6) нет в этом месяце",
      "the birth day (digits 5–6) does not exist in that month"}},
    {"check_digit_mismatch",
     {"бақылау цифры сәйкес келмейді: нөмір қате терілген", "контрольная цифра не совпадает: номер введён с ошибкой",
      "the check digit does not match: the number is mistyped"}},
    {"no_check_digit",
     {"ешбір ЖСН бұл 11 цифрдан басталмайды", "ни один ИИН не начинается с этих 11 цифр",
      "no IIN can start with these 11 digits"}},
};

constexpr auto iin_reason_at(iin_reason r) noexcept -> const iin_reason_entry* {
  const auto i = static_cast<std::size_t>(r);
  return i < std::size(iin_reasons) ? &iin_reasons[i] : nullptr;
}

}  // namespace detail

PPB_FUNC auto reason_name(iin_reason r) noexcept -> std::string_view {
  const auto* e = detail::iin_reason_at(r);
  return e ? e->name : std::string_view("unknown");
}

PPB_FUNC auto message(iin_reason r, lang l) noexcept -> std::string_view {
  const auto* e = detail::iin_reason_at(r);
  return e ? e->text.in(l) : std::string_view("?");
}

PPB_FUNC auto sex_name(sex s) noexcept -> std::string_view { return s == sex::male ? "male" : "female"; }

PPB_FUNC auto iin_check_digit(std::string_view first11) noexcept -> std::optional<int> {
  if (first11.size() < 11) return std::nullopt;
  int a = 0, b = 0;
  for (int i = 0; i < 11; ++i) {
    const int d = first11[static_cast<std::size_t>(i)] - '0';
    a += d * (i + 1);                  // weights 1..11
    b += d * ((i + 2) % 11 + 1);       // weights 3..11, 1, 2
  }
  if (a % 11 != 10) return a % 11;
  if (b % 11 != 10) return b % 11;
  return std::nullopt;
}

PPB_FUNC auto check_iin(std::string_view t) noexcept -> iin_check {
  iin_check out;
  if (t.size() != 12) return out;  // wrong_length
  std::uint64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') {
      out.reason = iin_reason::not_digits;
      return out;
    }
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  const auto digit = [&](std::size_t i) { return t[i] - '0'; };
  const int g = digit(6);
  if (g == 0) {
    out.reason = iin_reason::legal_entity;
    return out;
  }
  if (g > 6) {
    out.reason = iin_reason::bad_century_digit;
    return out;
  }
  const int year = 1800 + 100 * ((g - 1) / 2) + digit(0) * 10 + digit(1);
  const int month = digit(2) * 10 + digit(3), day = digit(4) * 10 + digit(5);
  if (month < 1 || month > 12) {
    out.reason = iin_reason::bad_month;
    return out;
  }
  if (!std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                   std::chrono::day{static_cast<unsigned>(day)}}
           .ok()) {
    out.reason = iin_reason::bad_day;
    return out;
  }
  const auto check = iin_check_digit(t);
  if (!check) {
    out.reason = iin_reason::no_check_digit;
    return out;
  }
  if (*check != digit(11)) {
    out.reason = iin_reason::check_digit_mismatch;
    return out;
  }
  out.reason = iin_reason::valid;
  out.number.value_ = v;
  return out;
}

PPB_FUNC auto iin::text() const -> std::string {
  std::string s(12, '0');
  std::uint64_t v = value_;
  for (std::size_t i = 12; i-- > 0; v /= 10) s[i] = static_cast<char>('0' + v % 10);
  return s;
}

PPB_FUNC auto iin::birth_date() const noexcept -> std::chrono::sys_days {
  int d[12];
  std::uint64_t v = value_;
  for (std::size_t i = 12; i-- > 0; v /= 10) d[i] = static_cast<int>(v % 10);
  const int year = 1800 + 100 * ((d[6] - 1) / 2) + d[0] * 10 + d[1];
  return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(d[2] * 10 + d[3])} /
                               std::chrono::day{static_cast<unsigned>(d[4] * 10 + d[5])}};
}

PPB_FUNC auto iin::person_sex() const noexcept -> sex {
  const auto g = (value_ / 100000) % 10;  // digit 7 of 12
  return g % 2 == 1 ? sex::male : sex::female;
}

PPB_FUNC auto iin::from_value(std::uint64_t v) noexcept -> std::optional<iin> {
  if (v > 999999999999ULL) return std::nullopt;
  char buf[12];
  for (std::size_t i = 12; i-- > 0; v /= 10) buf[i] = static_cast<char>('0' + v % 10);
  const auto c = check_iin(std::string_view(buf, 12));
  if (!c) return std::nullopt;
  return c.number;
}

PPB_END_NAMESPACE

#endif
