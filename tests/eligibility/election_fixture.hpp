// Shared by the election, eligibility, proposal and snapshot tests: the small city of Kosshy
// (tests/data/election_small_city.json, roll_small_city.csv), valid IINs made to order, timestamps,
// and variants of the definition with one field changed.
#ifndef PPB_TESTS_ELECTION_FIXTURE_HPP
#define PPB_TESTS_ELECTION_FIXTURE_HPP

#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "ppb/eligibility/iin.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/io/roll_csv.hpp"
#include "ppb/model/calendar.hpp"

namespace fixture {

inline auto data_path(const std::string& name) -> std::string { return std::string(PPB_TEST_DATA) + "/" + name; }

inline auto small_city_text() -> std::string { return ppb::io::read_file_bytes(data_path("election_small_city.json")); }

inline auto small_city() -> ppb::election_definition {
  return ppb::io::parse_election(small_city_text(), "election_small_city.json");
}

inline auto small_city_roll() -> ppb::voter_roll {
  const auto def = small_city();
  auto r = ppb::io::read_roll(data_path("roll_small_city.csv"), &def);
  REQUIRE(r.bad_rows == 0);
  return std::move(r.roll);
}

/// The small city's JSON with `change` applied to the parsed document.
inline auto small_city_with(const std::function<void(boost::json::object&)>& change) -> std::string {
  auto doc = boost::json::parse(small_city_text());
  change(doc.as_object());
  return boost::json::serialize(doc);
}

/// The small city's definition with `change` applied (it must stay valid).
inline auto small_city_def_with(const std::function<void(boost::json::object&)>& change) -> ppb::election_definition {
  return ppb::io::parse_election(small_city_with(change), "variant");
}

/// A valid IIN: birth date `yymmdd`, century/sex digit `g`, the first serial ≥ `serial` that has a
/// check digit.
inline auto make_iin(const std::string& yymmdd, int g, int serial = 100) -> std::string {
  for (int s = serial; s < serial + 100; ++s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%d%04d", yymmdd.c_str(), g, s);
    if (const auto c = ppb::iin_check_digit(buf)) return std::string(buf) + static_cast<char>('0' + *c);
  }
  FAIL("no serial with a check digit");
  return {};
}

inline auto ts(const char* text) -> std::chrono::sys_seconds {
  const auto t = ppb::parse_iso_timestamp(text);
  REQUIRE(t.has_value());
  return *t;
}

inline auto day(const char* text) -> std::chrono::sys_days {
  const auto d = ppb::parse_iso_date(text);
  REQUIRE(d.has_value());
  return *d;
}

/// Whether `text` holds Cyrillic letters (U+0400–U+04FF, two-byte UTF-8 lead 0xD0–0xD3).
inline auto has_cyrillic(std::string_view text) -> bool {
  for (unsigned char c : text)
    if (c >= 0xD0 && c <= 0xD3) return true;
  return false;
}

// Voters of tests/data/roll_small_city.csv.
inline const std::string center_voter = "850314301011";    // kosshy-center, key
inline const std::string center_voter2 = "900707401026";   // kosshy-center
inline const std::string north_voter = "770101301036";     // kosshy-north, key
inline const std::string akzhol_voter = "040229601040";    // kosshy-north-akzhol (born 29 Feb 2004)
inline const std::string south_voter = "951120401057";     // kosshy-south, key
inline const std::string suspended_voter = "880505301065"; // kosshy-south, suspended
inline const std::string late_voter = "010430501070";      // kosshy-center, registered 2026-04-05
inline const std::string young_voter = "080420601085";     // kosshy-north, born 2008-04-20
inline const std::string south_voter2 = "640612401094";    // kosshy-south
inline const std::string removed_voter = "991231301100";   // kosshy, removed
inline const std::string north_voter2 = "720818301114";    // kosshy-north, key
inline const std::string center_voter3 = "930303401124";   // kosshy-center

inline auto iin_of(const std::string& text) -> ppb::iin {
  const auto c = ppb::check_iin(text);
  REQUIRE(c.valid());
  return c.number;
}

}  // namespace fixture

#endif
