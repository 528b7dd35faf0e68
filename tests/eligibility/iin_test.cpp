// IIN (ЖСН / ИИН): every century digit, every wrong check digit, impossible dates, non-digits.
#include <doctest/doctest.h>

#include <set>
#include <unordered_set>

#include "eligibility/election_fixture.hpp"
#include "ppb/eligibility/iin.hpp"

using namespace ppb;
using fixture::make_iin;

TEST_CASE("published example numbers are valid") {
  const auto a = check_iin("791028302728");
  REQUIRE(a.valid());
  CHECK(format_iso_date(a.number.birth_date()) == "1979-10-28");
  CHECK(a.number.person_sex() == sex::male);
  const auto b = check_iin("061211600012");
  REQUIRE(b.valid());
  CHECK(format_iso_date(b.number.birth_date()) == "2006-12-11");
  CHECK(b.number.person_sex() == sex::female);
}

TEST_CASE("each century digit 1-6 decodes its century and sex") {
  const struct {
    int digit;
    const char* date;
    sex s;
  } cases[] = {{1, "1885-03-14", sex::male},   {2, "1885-03-14", sex::female}, {3, "1985-03-14", sex::male},
               {4, "1985-03-14", sex::female}, {5, "2085-03-14", sex::male},   {6, "2085-03-14", sex::female}};
  for (const auto& c : cases) {
    CAPTURE(c.digit);
    const auto text = make_iin("850314", c.digit);
    const auto r = check_iin(text);
    REQUIRE(r.valid());
    CHECK(format_iso_date(r.number.birth_date()) == c.date);
    CHECK(r.number.person_sex() == c.s);
    CHECK(r.number.text() == text);
  }
}

TEST_CASE("every wrong check digit is refused") {
  for (const char* base : {"791028302728", "061211600012", "850314301011"}) {
    const std::string valid = base;
    for (char d = '0'; d <= '9'; ++d) {
      std::string s = valid;
      s[11] = d;
      CAPTURE(s);
      CHECK(check_iin(s).reason == (d == valid[11] ? iin_reason::valid : iin_reason::check_digit_mismatch));
    }
  }
}

TEST_CASE("the second weighting is used when the first gives 10, and no_check_digit when both do") {
  // Find, among real dates, 11 digits whose first weighting gives 10.
  bool second = false, none = false;
  for (int serial = 0; serial < 10000 && !(second && none); ++serial) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "9001013%04d", serial);
    int a = 0, b = 0;
    const int w2[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    for (int i = 0; i < 11; ++i) {
      a += (buf[i] - '0') * (i + 1);
      b += (buf[i] - '0') * w2[i];
    }
    if (a % 11 != 10) continue;
    if (b % 11 != 10) {
      second = true;
      const std::string s = std::string(buf) + static_cast<char>('0' + b % 11);
      CAPTURE(s);
      CHECK(iin_check_digit(buf) == b % 11);
      CHECK(check_iin(s).valid());
    } else {
      none = true;
      CHECK_FALSE(iin_check_digit(buf));
      for (char d = '0'; d <= '9'; ++d) CHECK(check_iin(std::string(buf) + d).reason == iin_reason::no_check_digit);
    }
  }
  CHECK(second);
  CHECK(none);
}

TEST_CASE("impossible birth dates are refused, real leap days are not") {
  const auto with_check = [](const std::string& first11) {
    const auto c = iin_check_digit(first11);
    return first11 + (c ? static_cast<char>('0' + *c) : '0');
  };
  // Date checks come before the check digit, so any last digit shows them.
  CHECK(check_iin(with_check("9002313" + std::string("0123"))).reason == iin_reason::bad_day);  // 31 Feb
  CHECK(check_iin(with_check("2302295" + std::string("0123"))).reason == iin_reason::bad_day);  // 29 Feb 2023
  CHECK(check_iin(with_check("0002293" + std::string("0123"))).reason == iin_reason::bad_day);  // 29 Feb 1900
  CHECK(check_iin(with_check("9004313" + std::string("0123"))).reason == iin_reason::bad_day);  // 31 Apr
  CHECK(check_iin(with_check("9001003" + std::string("0123"))).reason == iin_reason::bad_day);  // day 00
  CHECK(check_iin(with_check("9001323" + std::string("0123"))).reason == iin_reason::bad_day);  // day 32
  CHECK(check_iin(with_check("9000103" + std::string("0123"))).reason == iin_reason::bad_month);  // month 00
  CHECK(check_iin(with_check("9013013" + std::string("0123"))).reason == iin_reason::bad_month);  // month 13
  CHECK(check_iin(make_iin("240229", 5)).valid());  // 29 Feb 2024
  CHECK(check_iin(make_iin("000229", 5)).valid());  // 29 Feb 2000
  CHECK(format_iso_date(check_iin(make_iin("000229", 6)).number.birth_date()) == "2000-02-29");
}

TEST_CASE("non-digits, wrong lengths and non-person century digits are refused with their own reasons") {
  CHECK(check_iin("").reason == iin_reason::wrong_length);
  CHECK(check_iin("79102830272").reason == iin_reason::wrong_length);
  CHECK(check_iin("7910283027280").reason == iin_reason::wrong_length);
  CHECK(check_iin(" 791028302728").reason == iin_reason::wrong_length);
  CHECK(check_iin("79102830272a").reason == iin_reason::not_digits);
  CHECK(check_iin("7910 8302728").reason == iin_reason::not_digits);
  CHECK(check_iin("79102830272-").reason == iin_reason::not_digits);
  CHECK(check_iin("７９１０２８３０２７２").reason == iin_reason::wrong_length);  // full-width digits are 3 bytes each
  std::string bin = "791028302728";
  bin[6] = '0';
  CHECK(check_iin(bin).reason == iin_reason::legal_entity);
  for (char g : {'7', '8', '9'}) {
    bin[6] = g;
    CHECK(check_iin(bin).reason == iin_reason::bad_century_digit);
  }
}

TEST_CASE("an iin holds its value, orders and hashes by it") {
  const auto a = fixture::iin_of("061211600012");
  CHECK(a.value() == 61211600012ULL);
  CHECK(a.text() == "061211600012");
  CHECK(iin::from_value(a.value()) == a);
  CHECK_FALSE(iin::from_value(61211600013ULL));
  CHECK_FALSE(iin::from_value(1000000000000ULL));
  const auto b = fixture::iin_of("791028302728");
  CHECK(a < b);
  std::unordered_set<iin> set{a, b, a};
  CHECK(set.size() == 2);
}

TEST_CASE("every IIN reason has a pinned name and a message in Kazakh, Russian and English") {
  const struct {
    iin_reason reason;
    int value;
    const char* name;
  } pinned[] = {{iin_reason::valid, 0, "valid"},
                {iin_reason::wrong_length, 1, "wrong_length"},
                {iin_reason::not_digits, 2, "not_digits"},
                {iin_reason::legal_entity, 3, "legal_entity"},
                {iin_reason::bad_century_digit, 4, "bad_century_digit"},
                {iin_reason::bad_month, 5, "bad_month"},
                {iin_reason::bad_day, 6, "bad_day"},
                {iin_reason::check_digit_mismatch, 7, "check_digit_mismatch"},
                {iin_reason::no_check_digit, 8, "no_check_digit"}};
  CHECK(std::size(pinned) == std::size(all_iin_reasons));
  for (const auto& p : pinned) {
    CAPTURE(p.name);
    CHECK(static_cast<int>(p.reason) == p.value);
    CHECK(reason_name(p.reason) == p.name);
  }
  std::set<std::string_view> texts;
  for (auto r : all_iin_reasons) {
    CHECK(fixture::has_cyrillic(message(r, lang::kk)));
    CHECK(fixture::has_cyrillic(message(r, lang::ru)));
    CHECK_FALSE(fixture::has_cyrillic(message(r, lang::en)));
    for (auto l : {lang::kk, lang::ru, lang::en}) CHECK(texts.insert(message(r, l)).second);
  }
  CHECK(sex_name(sex::male) == "male");
  CHECK(sex_name(sex::female) == "female");
}
