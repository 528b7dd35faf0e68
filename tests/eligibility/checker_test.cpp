// The eligibility checker: each reason code triggered, residence through the tree, revote
// policies, and every failed condition reported together.
#include <doctest/doctest.h>

#include <set>

#include "eligibility/election_fixture.hpp"
#include "ppb/eligibility/checker.hpp"

using namespace ppb;
using fixture::ts;
using r = eligibility_reason;

namespace {

const auto voting_day = *parse_iso_timestamp("2026-04-20T10:00:00Z");  // no REQUIRE at static init

auto reasons(const eligibility_verdict& v) -> std::vector<eligibility_reason> {
  std::vector<eligibility_reason> out;
  for (const auto& f : v.failures) out.push_back(f.reason);
  return out;
}

struct city {
  election_definition def = fixture::small_city();
  voter_roll roll = fixture::small_city_roll();
  auto check(const std::string& who, const std::string& unit, std::chrono::sys_seconds at = voting_day,
             const voted_set* voted = nullptr) const -> eligibility_verdict {
    return eligibility::check(roll, fixture::iin_of(who), def, unit, at, voted);
  }
};

}  // namespace

TEST_CASE("an eligible voter gets an empty verdict") {
  const city c;
  const auto v = c.check(fixture::center_voter, "kosshy-center");
  CHECK(v.eligible());
  CHECK(v.failures.empty());
}

TEST_CASE("residence: own unit and every unit containing it") {
  const city c;
  CHECK(c.check(fixture::center_voter, "kosshy").eligible());
  CHECK(c.check(fixture::akzhol_voter, "kosshy-north").eligible());
  CHECK(c.check(fixture::akzhol_voter, "kosshy").eligible());
  CHECK(reasons(c.check(fixture::center_voter, "kosshy-north")) == std::vector{r::not_resident});
  CHECK(c.check(fixture::center_voter, "kosshy-north").failures[0].detail == "lives in 'kosshy-center', not in 'kosshy-north'");
}

TEST_CASE("each eligibility reason is triggered") {
  const city c;
  SUBCASE("unknown_unit") { CHECK(reasons(c.check(fixture::center_voter, "nowhere")) == std::vector{r::unknown_unit}); }
  SUBCASE("no_ballot_in_unit") {
    CHECK(reasons(c.check(fixture::akzhol_voter, "kosshy-north-akzhol")) == std::vector{r::no_ballot_in_unit});
  }
  SUBCASE("outside_voting_window") {
    CHECK(reasons(c.check(fixture::center_voter, "kosshy-center", ts("2026-04-14T23:59:59Z"))) ==
          std::vector{r::outside_voting_window});
    CHECK(reasons(c.check(fixture::center_voter, "kosshy-center", ts("2026-05-01T00:00:00Z"))) ==
          std::vector{r::outside_voting_window});
    CHECK(c.check(fixture::center_voter, "kosshy-center", ts("2026-04-15T00:00:00Z")).eligible());
  }
  SUBCASE("underage: the birthday counts in local time (+05:00)") {
    // Born 2008-04-20: 18 from 2026-04-20 00:00 local = 2026-04-19T19:00:00Z.
    const auto before = c.check(fixture::young_voter, "kosshy-north", ts("2026-04-19T18:59:59Z"));
    CHECK(reasons(before) == std::vector{r::underage});
    CHECK(before.failures[0].detail == "age 17 on 2026-04-19; minimum 18");
    CHECK(c.check(fixture::young_voter, "kosshy-north", ts("2026-04-19T19:00:00Z")).eligible());
  }
  SUBCASE("not_resident") { CHECK(reasons(c.check(fixture::south_voter, "kosshy-center")) == std::vector{r::not_resident}); }
  SUBCASE("registered_after_cutoff") {
    const auto v = c.check(fixture::late_voter, "kosshy-center");
    CHECK(reasons(v) == std::vector{r::registered_after_cutoff});
    CHECK(v.failures[0].detail == "registered 2026-04-05; cutoff 2026-04-01");
  }
  SUBCASE("not_active: suspended and removed") {
    CHECK(reasons(c.check(fixture::suspended_voter, "kosshy-south")) == std::vector{r::not_active});
    CHECK(reasons(c.check(fixture::removed_voter, "kosshy")) == std::vector{r::not_active});
    CHECK(c.check(fixture::removed_voter, "kosshy").failures[0].detail == "status removed");
  }
  SUBCASE("already_voted_online, refused under revote refuse, allowed under latest") {
    voted_set voted;
    voted.record(fixture::iin_of(fixture::center_voter), "kosshy-center", vote_channel::online);
    CHECK(reasons(c.check(fixture::center_voter, "kosshy-center", voting_day, &voted)) ==
          std::vector{r::already_voted_online});
    CHECK(c.check(fixture::center_voter, "kosshy", voting_day, &voted).eligible());  // another unit
    const auto latest = fixture::small_city_def_with([](auto& d) { d["revote"] = "latest"; });
    CHECK(eligibility::check(c.roll, fixture::iin_of(fixture::center_voter), latest, "kosshy-center", voting_day, &voted)
              .eligible());
  }
  SUBCASE("already_voted_paper, even under revote latest") {
    voted_set voted;
    voted.record(fixture::iin_of(fixture::center_voter), "kosshy-center", vote_channel::paper);
    CHECK(reasons(c.check(fixture::center_voter, "kosshy-center", voting_day, &voted)) ==
          std::vector{r::already_voted_paper});
    const auto latest = fixture::small_city_def_with([](auto& d) { d["revote"] = "latest"; });
    CHECK(reasons(eligibility::check(c.roll, fixture::iin_of(fixture::center_voter), latest, "kosshy-center",
                                     voting_day, &voted)) == std::vector{r::already_voted_paper});
  }
  SUBCASE("not_on_roll") {
    const auto v = c.check("791028302728", "kosshy-center");
    CHECK(reasons(v) == std::vector{r::not_on_roll});
    CHECK(v.failures[0].detail == "IIN 791028302728 is not on the roll");
  }
  SUBCASE("other_units_exhausted: own unit plus one other") {
    const auto def = fixture::small_city_def_with([](auto& d) {
      d["eligibility"].as_object()["residence"] = "own_plus_others";
      d["eligibility"].as_object()["other_units"] = 1;
    });
    const auto me = fixture::iin_of(fixture::center_voter);
    voted_set voted;
    CHECK(eligibility::check(c.roll, me, def, "kosshy-south", voting_day, &voted).eligible());
    voted.record(me, "kosshy-center", vote_channel::online);  // own: does not count
    voted.record(me, "kosshy", vote_channel::online);         // contains own: does not count
    CHECK(eligibility::check(c.roll, me, def, "kosshy-south", voting_day, &voted).eligible());
    voted.record(me, "kosshy-south", vote_channel::online);
    const auto v = eligibility::check(c.roll, me, def, "kosshy-north", voting_day, &voted);
    CHECK(reasons(v) == std::vector{r::other_units_exhausted});
    CHECK(v.failures[0].detail == "already voted in 1 other units; allowed 1");
    // Without a voted set nothing is counted; with own_unit the other unit is simply not theirs.
    CHECK(eligibility::check(c.roll, me, def, "kosshy-north", voting_day).eligible());
    CHECK(reasons(eligibility::check(c.roll, me, c.def, "kosshy-north", voting_day, &voted)) ==
          std::vector{r::not_resident});
  }
}

TEST_CASE("every failed condition is reported, in code order") {
  const city c;
  // The late voter, on the wrong day, in another district, having voted there on paper.
  voted_set voted;
  voted.record(fixture::iin_of(fixture::late_voter), "kosshy-north", vote_channel::paper);
  const auto v = c.check(fixture::late_voter, "kosshy-north", ts("2026-04-10T10:00:00Z"), &voted);
  CHECK(reasons(v) == std::vector{r::outside_voting_window, r::not_resident, r::registered_after_cutoff,
                                  r::already_voted_paper});
  CHECK(v.has(r::not_resident));
  CHECK_FALSE(v.has(r::underage));
  // The suspended young voter... a made-up record with everything wrong.
  voter_record bad{.id = fixture::iin_of(fixture::young_voter), .unit = "kosshy-south",
                   .status = voter_status::suspended, .registered = fixture::day("2026-04-30")};
  CHECK(reasons(eligibility::check(bad, c.def, "kosshy-north-akzhol", ts("2026-04-01T00:00:00Z"))) ==
        std::vector{r::no_ballot_in_unit, r::outside_voting_window, r::underage, r::not_resident,
                    r::registered_after_cutoff, r::not_active});
}

TEST_CASE("every eligibility reason has a pinned value, name and messages in three languages") {
  const struct {
    eligibility_reason reason;
    int value;
    const char* name;
  } pinned[] = {{r::unknown_unit, 1, "unknown_unit"},
                {r::no_ballot_in_unit, 2, "no_ballot_in_unit"},
                {r::outside_voting_window, 3, "outside_voting_window"},
                {r::underage, 4, "underage"},
                {r::not_resident, 5, "not_resident"},
                {r::other_units_exhausted, 6, "other_units_exhausted"},
                {r::registered_after_cutoff, 7, "registered_after_cutoff"},
                {r::not_active, 8, "not_active"},
                {r::already_voted_online, 9, "already_voted_online"},
                {r::already_voted_paper, 10, "already_voted_paper"},
                {r::not_on_roll, 11, "not_on_roll"}};
  CHECK(std::size(pinned) == std::size(all_eligibility_reasons));
  std::set<std::string_view> texts;
  for (const auto& p : pinned) {
    CAPTURE(p.name);
    CHECK(static_cast<int>(p.reason) == p.value);
    CHECK(reason_name(p.reason) == p.name);
    CHECK(fixture::has_cyrillic(message(p.reason, lang::kk)));
    CHECK(fixture::has_cyrillic(message(p.reason, lang::ru)));
    CHECK_FALSE(fixture::has_cyrillic(message(p.reason, lang::en)));
    for (auto l : {lang::kk, lang::ru, lang::en}) CHECK(texts.insert(message(p.reason, l)).second);
  }
  CHECK(reason_name(static_cast<eligibility_reason>(0)) == "unknown");
  CHECK(reason_name(static_cast<eligibility_reason>(12)) == "unknown");
}
