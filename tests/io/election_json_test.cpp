// Loading election definitions: every problem reported, each with its JSON path.
#include <doctest/doctest.h>

#include <algorithm>

#include "eligibility/election_fixture.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/tally/rule.hpp"

using namespace ppb;
namespace json = boost::json;

namespace {

auto problems_of(const std::string& text) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& p : io::check_election(text)) out.push_back(p.to_string());
  return out;
}

auto has(const std::vector<std::string>& all, const std::string& wanted) -> bool {
  return std::find(all.begin(), all.end(), wanted) != all.end();
}

auto units(json::object& d) -> json::array& { return d["units"].as_array(); }
auto unit(json::object& d, std::size_t i) -> json::object& { return units(d)[i].as_object(); }
auto phase(json::object& d, std::size_t i) -> json::object& { return d["phases"].as_array()[i].as_object(); }
auto obj(json::object& d, const char* key) -> json::object& { return d[key].as_object(); }

struct mutation {
  const char* name;
  std::function<void(json::object&)> change;
  const char* expected;  // one problem, as "path: message"
};

}  // namespace

TEST_CASE("the small city's definition is valid") {
  CHECK(io::check_election(fixture::small_city_text()).empty());
}

TEST_CASE("each broken field is reported with its JSON path") {
  // The rules this build knows (tally::rule_names), except meta: an election names its rule.
  std::string rule_problem = "/tally/rule: must be one of: ";
  bool first = true;
  for (const auto& n : tally::rule_names())
    if (n != "meta") {
      rule_problem += (first ? "" : ", ") + n;
      first = false;
    }
  const std::vector<mutation> cases = {
      {"negative budget", [](auto& d) { unit(d, 3)["budget"] = -5; }, "/units/3/budget: must be a non-negative integer"},
      {"fractional budget", [](auto& d) { unit(d, 1)["budget"] = 1.5; },
       "/units/1/budget: must be a non-negative integer"},
      {"budget as text", [](auto& d) { unit(d, 1)["budget"] = "40000000"; },
       "/units/1/budget: must be a non-negative integer"},
      {"duplicate unit id", [](auto& d) { unit(d, 1)["id"] = "kosshy-north"; },
       "/units/2/id: repeats unit id 'kosshy-north' of /units/1"},
      {"unknown parent", [](auto& d) { unit(d, 2)["parent"] = "nowhere"; }, "/units/2/parent: no unit has id 'nowhere'"},
      {"own parent", [](auto& d) { unit(d, 2)["parent"] = "kosshy-north"; },
       "/units/2/parent: a unit cannot be its own parent"},
      {"cycle of parents", [](auto& d) { unit(d, 2)["parent"] = "kosshy-north-akzhol"; },
       "/units/2/parent: parents form a cycle"},
      {"two roots", [](auto& d) { unit(d, 1).erase("parent"); },
       "/units: must form one tree: exactly one unit without a parent (found 2)"},
      {"no budget anywhere",
       [](auto& d) {
         for (auto& u : units(d)) {
           u.as_object().erase("budget");
           u.as_object().erase("ballot");
         }
       },
       "/units: at least one unit must have a budget"},
      {"ballot without budget", [](auto& d) { unit(d, 3)["ballot"] = json::object{{"vote_type", "approval"}}; },
       "/units/3/ballot: only a unit with a budget has a ballot"},
      {"unit kind", [](auto& d) { unit(d, 0)["kind"] = "town"; },
       "/units/0/kind: must be one of: region, city, district, microdistrict, rural_okrug, village"},
      {"unit id charset", [](auto& d) { unit(d, 4)["id"] = "kosshy south"; },
       "/units/4/id: must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '-'"},
      {"missing Kazakh name", [](auto& d) { obj(unit(d, 0), "name").erase("kk"); }, "/units/0/name/kk: is required"},
      {"empty Russian title", [](auto& d) { obj(d, "title")["ru"] = ""; }, "/title/ru: must not be empty"},
      {"no units", [](auto& d) { d["units"] = json::array(); }, "/units: must list at least one unit"},
      {"units not an array", [](auto& d) { d["units"] = json::object(); }, "/units: must be an array"},
      {"currency", [](auto& d) { d["currency"] = "kzt"; },
       "/currency: must be an ISO 4217 code of three capital letters (KZT)"},
      {"money places", [](auto& d) { d["money_places"] = 12; }, "/money_places: must be an integer from 0 to 9"},
      {"utc offset", [](auto& d) { d["utc_offset"] = "+5"; },
       "/utc_offset: must be an offset +HH:MM or -HH:MM within ±14:00 (Kazakhstan: +05:00)"},
      {"format", [](auto& d) { d["format"] = "ppb/election/v2"; },
       "/format: must be \"ppb/election/v1\" (this build reads no other format)"},
      {"cycle", [](auto& d) { d["cycle"] = "kosshy 2026"; },
       "/cycle: must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '-'"},
      {"unknown root field", [](auto& d) { d["budget"] = 1; }, "/budget: unknown field"},
      {"unknown nested field", [](auto& d) { obj(d, "tally")["completions"] = "none"; }, "/tally/completions: unknown field"},
      {"missing required field", [](auto& d) { d.erase("revote"); }, "/revote: is required"},
      {"phase end before begin", [](auto& d) { phase(d, 0)["end"] = "2026-01-01T00:00:00Z"; },
       "/phases/0/end: must be later than begin"},
      {"impossible timestamp", [](auto& d) { phase(d, 1)["begin"] = "2026-02-30T00:00:00Z"; },
       "/phases/1/begin: must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ naming a real moment"},
      {"timestamp with offset", [](auto& d) { phase(d, 1)["begin"] = "2026-03-01T05:00:00+05:00"; },
       "/phases/1/begin: must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ naming a real moment"},
      {"unknown phase", [](auto& d) { phase(d, 6)["phase"] = "archive"; },
       "/phases/6/phase: must be one of: submission, review, revision, re_review, voting, tally, published"},
      {"phase twice", [](auto& d) { phase(d, 3)["phase"] = "revision"; },
       "/phases/3/phase: phase 'revision' is listed twice"},
      {"phases out of order",
       [](auto& d) {
         auto& a = d["phases"].as_array();
         std::swap(a[4], a[5]);
       },
       "/phases/5/phase: phases must be listed in the order submission, review, revision, re_review, voting, tally, "
       "published"},
      {"overlapping phases", [](auto& d) { phase(d, 1)["begin"] = "2026-02-20T00:00:00Z"; },
       "/phases/1/begin: overlaps phase 'submission', which ends 2026-03-01T00:00:00Z"},
      {"no voting phase", [](auto& d) { d["phases"].as_array().erase(d["phases"].as_array().begin() + 4); },
       "/phases: must include a 'voting' phase"},
      {"no categories", [](auto& d) { obj(d, "proposals")["categories"] = json::array(); },
       "/proposals/categories: must list at least one category"},
      {"repeated category", [](auto& d) { obj(d, "proposals")["categories"] = json::array{"sport", "sport"}; },
       "/proposals/categories/1: repeats 'sport'"},
      {"max below min cost", [](auto& d) { obj(d, "proposals")["max_cost"] = 10; },
       "/proposals/max_cost: must not be below min_cost"},
      {"max per author", [](auto& d) { obj(d, "proposals")["max_per_author"] = 0; },
       "/proposals/max_per_author: must be an integer from 1 to 1000000"},
      {"required field name", [](auto& d) { obj(d, "proposals")["required_fields"] = json::array{"photo"}; },
       "/proposals/required_fields: 'photo' is not one of: description, address, category, attachments"},
      {"quorum above council", [](auto& d) { obj(obj(d, "proposals"), "review")["quorum"] = 4; },
       "/proposals/review/quorum: must not exceed the number of council members (3)"},
      {"decision rule", [](auto& d) { obj(obj(d, "proposals"), "review")["decision_rule"] = "most"; },
       "/proposals/review/decision_rule: must be one of: all, majority"},
      {"author age", [](auto& d) { obj(d, "proposals")["author_min_age"] = 200; },
       "/proposals/author_min_age: must be an integer from 0 to 130"},
      {"vote type", [](auto& d) { obj(d, "ballot")["vote_type"] = "approve"; },
       "/ballot/vote_type: must be one of: approval, choose-1, cumulative, scoring, ordinal"},
      {"cumulative without its stock of points", [](auto& d) { obj(d, "ballot")["vote_type"] = "cumulative"; },
       "/ballot/max_sum_points: is required for cumulative ballots (the stock of points a voter shares out)"},
      {"ballot limits", [](auto& d) { obj(d, "ballot")["min_length"] = 5; },
       "/ballot/max_length: must not be below min_length"},
      {"unit ballot limits", [](auto& d) { obj(unit(d, 0), "ballot")["max_length"] = -1; },
       "/units/0/ballot/max_length: must be a non-negative integer"},
      {"residence", [](auto& d) { obj(d, "eligibility")["residence"] = "anywhere"; },
       "/eligibility/residence: must be one of: own_unit, own_plus_others"},
      {"own unit with others", [](auto& d) { obj(d, "eligibility")["other_units"] = 2; },
       "/eligibility/other_units: must be 0 (or absent) with residence own_unit"},
      {"others without count", [](auto& d) { obj(d, "eligibility")["residence"] = "own_plus_others"; },
       "/eligibility/other_units: must be at least 1 with residence own_plus_others"},
      {"cutoff date", [](auto& d) { obj(d, "eligibility")["registration_cutoff"] = "2026-13-01"; },
       "/eligibility/registration_cutoff: must be a date YYYY-MM-DD naming a real day"},
      {"min age", [](auto& d) { obj(d, "eligibility")["min_age"] = "18"; },
       "/eligibility/min_age: must be an integer from 0 to 130"},
      {"revote", [](auto& d) { d["revote"] = "sometimes"; }, "/revote: must be one of: refuse, latest"},
      {"credentials", [](auto& d) { d["credentials"] = "anonymous"; },
       "/credentials: must be one of: identified, pseudonymous"},
      {"tally rule meta", [](auto& d) { obj(d, "tally")["rule"] = "meta"; }, rule_problem.c_str()},
      {"completion without mes", [](auto& d) { obj(d, "tally")["completion"] = "add1"; },
       "/tally/completion: only rule mes takes a completion"},
      {"bad completion",
       [](auto& d) {
         obj(d, "tally")["rule"] = "mes";
         obj(d, "tally")["completion"] = "add2";
       },
       "/tally/completion: must be none, add1, add1-exhaustive, greedy, or a '+' chain such as add1+greedy"},
      {"comparison type",
       [](auto& d) {
         obj(d, "tally")["rule"] = "mes";
         obj(d, "tally")["comparison"] = "yes";
       },
       "/tally/comparison: must be true or false"},
      {"comparison without mes", [](auto& d) { obj(d, "tally")["comparison"] = true; },
       "/tally/comparison: only rule mes takes a comparison"},
      {"satisfaction", [](auto& d) { obj(d, "tally")["satisfaction"] = "happiness"; },
       "/tally/satisfaction: must be one of: points, cost, cardinality"},
      {"tie break", [](auto& d) { obj(d, "tally")["tie_break"] = "coin"; },
       "/tally/tie_break: must be default, file-order, lexicographic, lot, or a comma list of min-cost, max-votes, "
       "file-order, lexicographic, lot"},
      {"seed", [](auto& d) { obj(d, "tally")["seed"] = -1; }, "/tally/seed: must be a non-negative integer"},
      {"units of the wrong type", [](auto& d) { d["units"] = 1; }, "/units: must be an array"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto all = problems_of(fixture::small_city_with(c.change));
    CAPTURE(all.size());
    for (const auto& p : all) CAPTURE(p);
    CHECK(has(all, c.expected));
    if (!has(all, c.expected))
      for (const auto& p : all) MESSAGE(p);
  }
}

TEST_CASE("every problem is reported, not only the first") {
  const auto all = problems_of(fixture::small_city_with([](auto& d) {
    unit(d, 3)["budget"] = -5;
    d["revote"] = "sometimes";
    obj(d, "tally")["rule"] = "coin";
    d["extra"] = true;
  }));
  CHECK(all.size() == 4);
  CHECK(has(all, "/units/3/budget: must be a non-negative integer"));
  CHECK(has(all, "/revote: must be one of: refuse, latest"));
  CHECK(has(all, "/extra: unknown field"));
}

TEST_CASE("not JSON, trailing data, bad UTF-8 and duplicate keys are refused") {
  const auto syntax = io::check_election("{\"a\": 1,\n \"b\": [1,2,}\n");
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].path.empty());
  CHECK(syntax[0].message.starts_with("line 2, column 12: "));
  CHECK(io::check_election("{} x").front().message.starts_with("line 1, column 4: "));
  CHECK(io::check_election("").size() == 1);
  CHECK(problems_of("[1]") == std::vector<std::string>{"must be an object"});
  CHECK(io::check_election("{\"cycle\": \"\xff\"}").size() == 1);  // invalid UTF-8
  const auto dup = problems_of(R"({"a": 1, "b": {"x": [1, {"k": 1, "k": 2}]}, "a": 3})");
  CHECK(has(dup, "/b/x/1/k: duplicate key"));
  CHECK(has(dup, "/a: duplicate key"));
  // A duplicate in a real definition: the last value would win silently in Boost.JSON.
  auto text = fixture::small_city_text();
  text.replace(text.find("\"revote\": \"refuse\""), 18, "\"revote\": \"refuse\", \"revote\": \"latest\"");
  CHECK(problems_of(text) == std::vector<std::string>{"/revote: duplicate key"});
  CHECK(problems_of(R"({"a~b/c": 1, "a~b/c": 2})").front() == "/a~0b~1c: duplicate key");
}

TEST_CASE("parse_election throws json_syntax with the line, or invalid_election with every problem") {
  try {
    (void)io::parse_election("{\n\n ]", "e.json");
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::json_syntax);
    CHECK(e.line() == 3);
    CHECK(e.file() == "e.json");
    CHECK(std::string(e.what()).starts_with("[ppb.parse_error.120] e.json:3: line 3, column 2: "));
  }
  try {
    (void)io::parse_election(fixture::small_city_with([](auto& d) {
                               unit(d, 3)["budget"] = -5;
                               d["revote"] = "x";
                             }),
                             "e.json");
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::invalid_election);
    CHECK(e.reason() ==
          "2 problems: /units/3/budget: must be a non-negative integer; /revote: must be one of: refuse, latest");
  }
  try {
    (void)io::load_election("/nonexistent/election.json");
    FAIL("no throw");
  } catch (const parse_error& e) {
    CHECK(e.code() == errc::io);
  }
}

TEST_CASE("a definition keeps its exact bytes and optional fields take their defaults") {
  const auto text = fixture::small_city_with([](auto& d) {
    d.erase("country");
    d.erase("money_places");
    obj(d, "proposals").erase("max_cost");
    obj(d, "tally").erase("tie_break");
    obj(d, "tally").erase("satisfaction");
  });
  const auto def = io::parse_election(text);
  CHECK(def.bytes() == text);
  CHECK(def.spec().country == "Kazakhstan");
  CHECK(def.spec().money_places == 0);
  CHECK_FALSE(def.spec().proposals.max_cost);
  CHECK(def.spec().tally.tie_break == "default");
  CHECK_FALSE(def.spec().tally.satisfaction);  // the rule's own default
  const auto defaults = io::tally_options(def.spec().tally);
  CHECK(defaults.rule == "greedy");
  CHECK_FALSE(defaults.satisfaction_given);
  const auto seeded = io::parse_election(fixture::small_city_with([](auto& d) {
    obj(d, "tally")["tie_break"] = "lot";
    obj(d, "tally")["seed"] = 42;
    obj(d, "eligibility")["residence"] = "own_plus_others";
    obj(d, "eligibility")["other_units"] = 1;
  }));
  CHECK(seeded.spec().tally.seed == 42);
  const auto lot = io::tally_options(seeded.spec().tally);
  CHECK(lot.tie.seed == 42);
  CHECK(lot.tie.name() == "lot");
  const auto mes = io::parse_election(fixture::small_city_with([](auto& d) {
    obj(d, "tally")["rule"] = "mes";
    obj(d, "tally")["completion"] = "add1+greedy";
    obj(d, "tally")["comparison"] = true;
    obj(d, "tally")["satisfaction"] = "cost";
  }));
  const auto o = io::tally_options(mes.spec().tally);
  CHECK(o.rule == "mes");
  CHECK(o.completion == "add1+greedy");
  CHECK(o.comparison);
  CHECK(o.satisfaction == satisfaction_kind::cost);
  CHECK(o.satisfaction_given);
  CHECK(seeded.spec().eligibility.other_units == 1);
}

TEST_CASE("the errc codes of elections, rolls and snapshots are pinned and named") {
  const struct {
    errc code;
    int value;
    const char* name;
  } pinned[] = {{errc::json_syntax, 120, "json_syntax"},           {errc::invalid_election, 121, "invalid_election"},
                {errc::invalid_iin, 122, "invalid_iin"},           {errc::bad_date, 123, "bad_date"},
                {errc::unknown_unit, 124, "unknown_unit"},         {errc::duplicate_entry, 125, "duplicate_entry"},
                {errc::bad_value, 126, "bad_value"},               {errc::not_a_snapshot, 127, "not_a_snapshot"},
                {errc::snapshot_version, 128, "snapshot_version"}, {errc::snapshot_corrupt, 129, "snapshot_corrupt"}};
  for (const auto& p : pinned) {
    CAPTURE(p.name);
    CHECK(static_cast<int>(p.code) == p.value);
    CHECK(errc_name(p.code) == p.name);
    CHECK(std::string(parse_error(p.code, "f", 2, "r").what()) ==
          "[ppb.parse_error." + std::to_string(p.value) + "] f:2: r");
  }
}
