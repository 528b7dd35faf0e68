// Voter rolls from CSV: every refused row named by its line, duplicates, round trips; voted sets.
#include <doctest/doctest.h>

#include <sstream>

#include "eligibility/election_fixture.hpp"
#include "ppb/io/roll_csv.hpp"

using namespace ppb;

namespace {

const std::string key1 = "00faa6d7a81e8bd7833611e11bc1e66a1f67a79484de833774ffa1ca0bb1c5bd";

auto codes_and_lines(const roll_import& r) -> std::vector<std::pair<errc, std::uint64_t>> {
  std::vector<std::pair<errc, std::uint64_t>> out;
  for (const auto& d : r.errors) out.emplace_back(d.code, d.line);
  return out;
}

}  // namespace

TEST_CASE("the small city's roll imports every row") {
  const auto def = fixture::small_city();
  const auto r = io::read_roll(fixture::data_path("roll_small_city.csv"), &def);
  CHECK(r.rows == 12);
  CHECK(r.bad_rows == 0);
  CHECK(r.errors.empty());
  REQUIRE(r.roll.size() == 12);
  const auto* v = r.roll.find(fixture::iin_of(fixture::center_voter));
  REQUIRE(v != nullptr);
  CHECK(v->unit == "kosshy-center");
  CHECK(v->status == voter_status::active);
  CHECK(v->registered == fixture::day("2019-05-20"));
  REQUIRE(v->credential.has_value());
  CHECK(io::credential_to_hex(*v->credential) == key1);
  CHECK((*v->credential)[0] == 0x00);
  CHECK((*v->credential)[1] == 0xfa);
  CHECK(r.roll.find_credential(*v->credential) == v);
  CHECK(r.roll.find(fixture::iin_of(fixture::suspended_voter))->status == voter_status::suspended);
  CHECK(r.roll.find(fixture::iin_of(fixture::removed_voter))->status == voter_status::removed);
  CHECK_FALSE(r.roll.find(fixture::iin_of(fixture::center_voter2))->credential);
  CHECK(r.roll.find(fixture::iin_of("791028302728")) == nullptr);
}

TEST_CASE("each bad row is refused with its code and line, and the good rows are kept") {
  const auto def = fixture::small_city();
  const std::string text =
      "iin,unit,status,registered,credential\n"                                             // 1
      "850314301011,kosshy-center,active,2019-05-20," + key1 + "\n"                         // 2 good
      "850314301012,kosshy-center,active,2019-05-20,\n"                                     // 3 check digit
      "900707401026,kosshy-nowhere,active,2020-01-15,\n"                                    // 4 unit
      "770101301036,kosshy-north,sleeping,2015-03-02,\n"                                    // 5 status
      "\n"                                                                                  // 6 blank
      "040229601040,kosshy-north-akzhol,active,2021-02-30,\n"                               // 7 date
      "951120401057,kosshy-south,active,2022-11-11,abcd\n"                                  // 8 key length
      "850314301011,kosshy-south,active,2022-11-11,\n"                                      // 9 duplicate IIN
      "720818301114,kosshy-north,active,2016-04-01," + key1 + "\n"                          // 10 duplicate key
      "930303401124,kosshy-center,active\n"                                                 // 11 short
      "930303401124,kosshy-center,active,2017-07-07,,x\n"                                   // 12 long
      "\"930303401124,kosshy-center,active,2017-07-07,\n"                                   // 13 open quote
      ",kosshy-center,active,2017-07-07,\n"                                                 // 14 empty IIN
      "930303401124,,active,2017-07-07,\n"                                                  // 15 empty unit
      "951120401057,kosshy-south,active,2022-11-11," + std::string(63, 'a') + "g\n"         // 16 not hex
      "930303401124,kosshy-center,active,2017-07-07,\n";                                    // 17 good
  const auto r = io::parse_roll(text, "roll.csv", &def);
  CHECK(r.rows == 15);
  CHECK(r.bad_rows == 13);
  CHECK(r.roll.size() == 2);
  const std::vector<std::pair<errc, std::uint64_t>> expected = {
      {errc::invalid_iin, 3},     {errc::unknown_unit, 4},    {errc::bad_value, 5},  {errc::bad_date, 7},
      {errc::bad_value, 8},       {errc::duplicate_entry, 9}, {errc::duplicate_entry, 10}, {errc::missing_field, 11},
      {errc::extra_cells, 12},    {errc::truncated, 13},      {errc::invalid_iin, 14},  {errc::missing_field, 15},
      {errc::bad_value, 16}};
  CHECK(codes_and_lines(r) == expected);
  CHECK(r.errors[0].reason ==
        "IIN '850314301012' is invalid: check_digit_mismatch (the check digit does not match: the number is mistyped)");
  CHECK(r.errors[0].file == "roll.csv");
  CHECK(r.errors[5].reason == "IIN 850314301011 is already on the roll (line 2)");
  CHECK(r.errors[6].reason == "credential key is already registered to IIN 850314301011 (line 2)");
  CHECK(r.errors[1].reason == "unit 'kosshy-nowhere' is not in election kosshy-2026");
}

TEST_CASE("units are not checked without an election, strict mode stops at the first bad row") {
  const std::string text = "iin,unit,status,registered\n850314301011,anywhere,active,2019-05-20\n"
                           "850314301012,x,active,2019-05-20\n";
  const auto loose = io::parse_roll(text);
  CHECK(loose.roll.size() == 1);
  CHECK(loose.bad_rows == 1);
  roll_read_options strict;
  strict.strict = true;
  try {
    (void)io::parse_roll(text, "r.csv", nullptr, strict);
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::invalid_iin);
    CHECK(e.line() == 3);
    CHECK(e.file() == "r.csv");
  }
  roll_read_options capped;
  capped.max_errors = 1;
  const auto many = io::parse_roll("iin,unit,status,registered\n1,a,active,2020-01-01\n2,a,active,2020-01-01\n"
                                   "3,a,active,2020-01-01\n",
                                   "r", nullptr, capped);
  CHECK(many.bad_rows == 3);
  CHECK(many.errors.size() == 1);
}

TEST_CASE("a file that is not a roll is refused as a whole") {
  const auto code_of = [](const std::string& text) {
    try {
      (void)io::parse_roll(text, "r.csv");
    } catch (const parse_error& e) {
      return e.code();
    }
    return errc::ok;
  };
  CHECK(code_of("") == errc::missing_field);
  CHECK(code_of("\n\n") == errc::missing_field);
  CHECK(code_of("iin,unit,status\n") == errc::missing_field);
  CHECK(code_of("iin,unit,status,registered,age\n") == errc::bad_value);
  CHECK(code_of("iin,unit,status,registered,unit\n") == errc::duplicate_key);
  CHECK(code_of("\"iin,unit,status,registered\n") == errc::truncated);
  try {
    (void)io::read_roll(std::filesystem::path("/nonexistent/roll.csv"));
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::io);
  }
}

TEST_CASE("columns in any order, BOM, CRLF, quotes and spaces are read") {
  const std::string text = "\xEF\xBB\xBFstatus, registered ,iin,unit\r\n"
                           "active,2019-05-20,850314301011,\"kosshy-center\"\r\n"
                           "\r\n"
                           " suspended , 2018-08-08 , 880505301065 , kosshy-south \r\n";
  const auto r = io::parse_roll(text);
  CHECK(r.bad_rows == 0);
  REQUIRE(r.roll.size() == 2);
  CHECK(r.roll.records()[0].unit == "kosshy-center");
  CHECK(r.roll.records()[1].status == voter_status::suspended);
  CHECK_FALSE(r.roll.records()[1].credential);
}

TEST_CASE("write_roll and parse_roll round-trip") {
  const auto roll = fixture::small_city_roll();
  std::ostringstream out;
  io::write_roll(out, roll);
  const auto back = io::parse_roll(out.str());
  CHECK(back.bad_rows == 0);
  CHECK(back.roll == roll);
  CHECK(out.str().starts_with("iin,unit,status,registered,credential\n850314301011,kosshy-center,active,2019-05-20," +
                              key1 + "\n"));
}

TEST_CASE("credential keys in hex") {
  const auto k = io::credential_from_hex(key1);
  REQUIRE(k);
  CHECK(io::credential_to_hex(*k) == key1);
  std::string upper = key1;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(io::credential_from_hex(upper) == k);
  CHECK_FALSE(io::credential_from_hex(key1.substr(2)));
  CHECK_FALSE(io::credential_from_hex(key1 + "00"));
  CHECK_FALSE(io::credential_from_hex(std::string(63, '0') + "x"));
}

TEST_CASE("voter_roll::add refuses a second IIN or key and leaves no trace of the refusal") {
  voter_roll roll;
  voter_record a{.id = fixture::iin_of(fixture::center_voter), .unit = "u", .credential = io::credential_from_hex(key1)};
  CHECK(roll.add(a).kind == voter_roll::add_result::added);
  CHECK(roll.add(a).kind == voter_roll::add_result::duplicate_iin);
  voter_record b{.id = fixture::iin_of(fixture::north_voter), .unit = "u", .credential = a.credential};
  const auto r = roll.add(b);
  CHECK(r.kind == voter_roll::add_result::duplicate_credential);
  CHECK(r.index == 0);
  CHECK(roll.find(b.id) == nullptr);
  b.credential.reset();
  CHECK(roll.add(b).kind == voter_roll::add_result::added);  // the refused attempt left nothing behind
  CHECK(roll.size() == 2);
}

TEST_CASE("voted_set records each unit once, paper is never replaced by online") {
  voted_set voted;
  const auto v = fixture::iin_of(fixture::center_voter);
  CHECK_FALSE(voted.find(v, "kosshy"));
  voted.record(v, "kosshy", vote_channel::online);
  voted.record(v, "kosshy-center", vote_channel::paper);
  voted.record(v, "kosshy-center", vote_channel::online);
  voted.record(v, "kosshy", vote_channel::paper);
  CHECK(voted.size() == 2);
  CHECK(voted.find(v, "kosshy") == vote_channel::paper);
  CHECK(voted.find(v, "kosshy-center") == vote_channel::paper);
  CHECK(voted.units_of(v) == std::vector<std::string>{"kosshy", "kosshy-center"});
  CHECK(voted.units_of(fixture::iin_of(fixture::north_voter)).empty());
  CHECK(vote_channel_name(vote_channel::paper) == "paper");
  CHECK(voter_status_name(voter_status::suspended) == "suspended");
  CHECK(parse_voter_status("removed") == voter_status::removed);
  CHECK_FALSE(parse_voter_status("Active"));
}
