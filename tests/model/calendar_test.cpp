// Strict ISO-8601 dates, timestamps and UTC offsets; age on a date.
#include <doctest/doctest.h>

#include "eligibility/election_fixture.hpp"
#include "ppb/model/calendar.hpp"

using namespace ppb;
using fixture::day;

TEST_CASE("parse_iso_date accepts real days in YYYY-MM-DD only") {
  CHECK(format_iso_date(day("2026-03-01")) == "2026-03-01");
  CHECK(parse_iso_date("2024-02-29").has_value());  // leap year
  CHECK(parse_iso_date("2000-02-29").has_value());  // divisible by 400
  CHECK_FALSE(parse_iso_date("2023-02-29"));
  CHECK_FALSE(parse_iso_date("1900-02-29"));        // divisible by 100, not by 400
  CHECK_FALSE(parse_iso_date("2026-02-31"));
  CHECK_FALSE(parse_iso_date("2026-04-31"));
  CHECK_FALSE(parse_iso_date("2026-13-01"));
  CHECK_FALSE(parse_iso_date("2026-00-10"));
  CHECK_FALSE(parse_iso_date("2026-01-00"));
  CHECK_FALSE(parse_iso_date("0000-01-01"));
  for (const char* bad : {"", "2026-1-01", "2026-01-1", "20260101", "2026/01/01", "2026-01-01T", " 2026-01-01",
                          "2026-01-0a", "2026-01-01 "})
    CHECK_FALSE(parse_iso_date(bad));
  CHECK((day("1970-01-01").time_since_epoch().count()) == 0);
  CHECK((day("2026-03-01") - day("2026-02-28")).count() == 1);
}

TEST_CASE("parse_iso_timestamp accepts YYYY-MM-DDTHH:MM:SSZ in UTC only") {
  const auto t = parse_iso_timestamp("2026-04-15T09:30:05Z");
  REQUIRE(t);
  CHECK(format_iso_timestamp(*t) == "2026-04-15T09:30:05Z");
  CHECK(format_iso_timestamp(*parse_iso_timestamp("1999-12-31T23:59:59Z")) == "1999-12-31T23:59:59Z");
  for (const char* bad : {"2026-04-15T24:00:00Z", "2026-04-15T23:60:00Z", "2026-04-15T23:59:60Z", "2026-04-15T09:30:05",
                          "2026-04-15T09:30:05+05:00", "2026-04-15T09:30:05.5Z", "2026-04-15 09:30:05Z",
                          "2026-02-30T00:00:00Z", "2026-04-15t09:30:05z", ""})
    CHECK_FALSE(parse_iso_timestamp(bad));
}

TEST_CASE("UTC offsets are ±HH:MM within 14 hours") {
  CHECK(parse_utc_offset("+05:00") == std::chrono::minutes(300));
  CHECK(parse_utc_offset("-03:30") == std::chrono::minutes(-210));
  CHECK(parse_utc_offset("+14:00") == std::chrono::minutes(840));
  for (const char* bad : {"+14:01", "05:00", "+5:00", "+05:60", "+0500", "Z", ""}) CHECK_FALSE(parse_utc_offset(bad));
  CHECK(format_utc_offset(std::chrono::minutes(300)) == "+05:00");
  CHECK(format_utc_offset(std::chrono::minutes(-210)) == "-03:30");
}

TEST_CASE("age_on completes a year on the birthday, 29 February on 1 March in common years") {
  CHECK(age_on(day("2008-04-20"), day("2026-04-19")) == 17);
  CHECK(age_on(day("2008-04-20"), day("2026-04-20")) == 18);
  CHECK(age_on(day("2004-02-29"), day("2022-02-28")) == 17);
  CHECK(age_on(day("2004-02-29"), day("2022-03-01")) == 18);
  CHECK(age_on(day("2004-02-29"), day("2024-02-29")) == 20);
  CHECK(age_on(day("2026-01-01"), day("2026-01-01")) == 0);
  CHECK(age_on(day("2026-01-02"), day("2026-01-01")) == -1);
}
