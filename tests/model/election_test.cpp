// The election definition as a model: territory tree, ballots per unit, phases, local dates.
#include <doctest/doctest.h>

#include "eligibility/election_fixture.hpp"
#include "ppb/model/election.hpp"

using namespace ppb;
using fixture::ts;

TEST_CASE("the small city loads with its tree, budgets, ballots and phases") {
  const auto def = fixture::small_city();
  const auto& s = def.spec();
  CHECK(def.bytes() == fixture::small_city_text());
  CHECK(s.cycle == "kosshy-2026");
  CHECK(s.title.in(lang::kk) == "Қосшы қаласының халық қатысатын бюджеті 2026");
  CHECK(s.title.in(lang::ru) == "Бюджет народного участия города Косшы 2026");
  CHECK(s.currency == "KZT");
  CHECK(s.utc_offset == std::chrono::minutes(300));
  REQUIRE(s.units.size() == 5);
  CHECK(def.ballot_units() == std::vector<std::string>{"kosshy", "kosshy-center", "kosshy-north", "kosshy-south"});
  CHECK(def.find_unit("kosshy-north")->budget == 30000000);
  CHECK(def.find_unit("kosshy-north-akzhol")->kind == unit_kind::microdistrict);
  CHECK(def.find_unit("nowhere") == nullptr);
  CHECK_FALSE(def.has_ballot("kosshy-north-akzhol"));
  CHECK(def.has_ballot("kosshy"));
  // The city overrides the default ballot.
  CHECK(def.ballot_of("kosshy").rules.max_length == 2);
  CHECK(def.ballot_of("kosshy-center").rules.max_length == 3);
  CHECK(def.ballot_of("kosshy-center").kind == vote_type::approval);
  CHECK(s.proposals.review.council.size() == 3);
  CHECK(s.proposals.review.rule == decision_rule::majority);
  CHECK(s.proposals.required ==
        std::vector<proposal_field>{proposal_field::description, proposal_field::address, proposal_field::category});
  CHECK(s.eligibility.min_age == 18);
  CHECK(s.eligibility.registration_cutoff == fixture::day("2026-04-01"));
  CHECK(s.revote == revote_policy::refuse);
  CHECK(s.credentials == credential_mode::identified);
  CHECK(s.tally.rule == "greedy");
  REQUIRE(def.phase(phase_kind::voting) != nullptr);
  CHECK(def.phase(phase_kind::voting)->begin == ts("2026-04-15T00:00:00Z"));
  CHECK(def.phase(phase_kind::voting)->contains(ts("2026-04-15T00:00:00Z")));
  CHECK_FALSE(def.phase(phase_kind::voting)->contains(ts("2026-05-01T00:00:00Z")));  // half-open
}

TEST_CASE("within follows the tree upwards only") {
  const auto def = fixture::small_city();
  CHECK(def.within("kosshy-north-akzhol", "kosshy-north-akzhol"));
  CHECK(def.within("kosshy-north-akzhol", "kosshy-north"));
  CHECK(def.within("kosshy-north-akzhol", "kosshy"));
  CHECK_FALSE(def.within("kosshy-north", "kosshy-north-akzhol"));
  CHECK_FALSE(def.within("kosshy-center", "kosshy-north"));
  CHECK_FALSE(def.within("nowhere", "kosshy"));
  CHECK_FALSE(def.within("kosshy", "nowhere"));
  // The same by position in the units, as the ballot box checks residence.
  const auto at = [&](const char* id) { return *def.unit_index(id); };
  CHECK(def.spec().units[at("kosshy-north")].id == "kosshy-north");
  CHECK_FALSE(def.unit_index("nowhere"));
  CHECK(def.within_at(at("kosshy-north-akzhol"), at("kosshy")));
  CHECK(def.within_at(at("kosshy-north"), at("kosshy-north")));
  CHECK_FALSE(def.within_at(at("kosshy-north"), at("kosshy-north-akzhol")));
  CHECK_FALSE(def.within_at(at("kosshy-center"), at("kosshy-north")));
}

TEST_CASE("local_date uses the election's UTC offset") {
  const auto def = fixture::small_city();  // +05:00
  CHECK(format_iso_date(def.local_date(ts("2026-04-30T18:59:59Z"))) == "2026-04-30");
  CHECK(format_iso_date(def.local_date(ts("2026-04-30T19:00:00Z"))) == "2026-05-01");
}

TEST_CASE("election_definition refuses units that do not form one tree") {
  election_spec s;
  s.units = {{.id = "a"}, {.id = "b", .parent = "a"}};
  CHECK_NOTHROW(election_definition(s, "x"));
  auto dup = s;
  dup.units.push_back({.id = "a", .parent = "a"});
  CHECK_THROWS_AS(election_definition(dup, ""), usage_error);
  auto unknown = s;
  unknown.units[1].parent = "z";
  CHECK_THROWS_AS(election_definition(unknown, ""), usage_error);
  auto cycle = s;
  cycle.units.push_back({.id = "c", .parent = "d"});
  cycle.units.push_back({.id = "d", .parent = "c"});
  CHECK_THROWS_AS(election_definition(cycle, ""), usage_error);
  auto two_roots = s;
  two_roots.units.push_back({.id = "c"});
  CHECK_THROWS_AS(election_definition(two_roots, ""), usage_error);
  auto empty_id = s;
  empty_id.units.push_back({.id = "", .parent = "a"});
  CHECK_THROWS_AS(election_definition(empty_id, ""), usage_error);
}

TEST_CASE("definitions are equal when their bytes are") {
  const auto a = fixture::small_city();
  const auto b = fixture::small_city();
  CHECK(a == b);
  const auto c = io::parse_election(fixture::small_city_text() + "\n", "c");  // same content, other bytes
  CHECK_FALSE(a == c);
  CHECK(a.spec() == c.spec());
}

TEST_CASE("enum names round-trip and are pinned") {
  for (int i = 0; i < 6; ++i) CHECK(parse_unit_kind(unit_kind_name(static_cast<unit_kind>(i))) == static_cast<unit_kind>(i));
  for (int i = 0; i < 7; ++i) CHECK(parse_phase(phase_name(static_cast<phase_kind>(i))) == static_cast<phase_kind>(i));
  CHECK(unit_kind_name(unit_kind::rural_okrug) == "rural_okrug");
  CHECK(phase_name(phase_kind::re_review) == "re_review");
  CHECK(decision_rule_name(decision_rule::all) == "all");
  CHECK(parse_decision_rule("majority") == decision_rule::majority);
  CHECK(proposal_field_name(proposal_field::attachments) == "attachments");
  CHECK(parse_proposal_field("address") == proposal_field::address);
  CHECK(residence_rule_name(residence_rule::own_plus_others) == "own_plus_others");
  CHECK(parse_residence_rule("own_unit") == residence_rule::own_unit);
  CHECK(revote_policy_name(revote_policy::latest) == "latest");
  CHECK(parse_revote_policy("refuse") == revote_policy::refuse);
  CHECK(credential_mode_name(credential_mode::pseudonymous) == "pseudonymous");
  CHECK(parse_credential_mode("identified") == credential_mode::identified);
  CHECK_FALSE(parse_unit_kind("town"));
  CHECK_FALSE(parse_phase("Voting"));
  CHECK_FALSE(parse_revote_policy(""));
}

TEST_CASE("lang codes and localized text") {
  CHECK(lang_name(lang::kk) == "kk");
  CHECK(parse_lang("ru") == lang::ru);
  CHECK(parse_lang("en") == lang::en);
  CHECK_FALSE(parse_lang("kz"));
  CHECK_FALSE(parse_lang("EN"));
  const localized_text t{"а", "б", "c"};
  CHECK(t.in(lang::kk) == "а");
  CHECK(t.in(lang::ru) == "б");
  CHECK(t.in(lang::en) == "c");
}
