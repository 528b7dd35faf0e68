// The proposal workflow's files: ppb/proposals/v1 and ppb/reviews/v1.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "eligibility/election_fixture.hpp"
#include "ppb/io/proposals_json.hpp"

using namespace ppb;

namespace {

auto error_of(const std::function<void()>& f) -> std::pair<errc, std::string> {
  try {
    f();
  } catch (const parse_error& e) {
    return {e.code(), e.reason()};
  }
  return {errc::ok, ""};
}

auto proposals_error(const std::string& text) -> std::pair<errc, std::string> {
  return error_of([&] { (void)io::parse_proposal_entries(text, "p.json"); });
}

auto reviews_error(const std::string& text) -> std::pair<errc, std::string> {
  return error_of([&] { (void)io::parse_review_entries(text, "r.json"); });
}

}  // namespace

TEST_CASE("the small city's proposals file reads every entry") {
  const auto entries = io::parse_proposal_entries(io::read_file_bytes(fixture::data_path("proposals_small_city.json")));
  REQUIRE(entries.size() == 10);
  const auto& e = entries[0];
  CHECK(e.action == proposal_action::submit);
  CHECK(e.fields.id == "KC-01");
  CHECK(e.fields.author == "850314301011");
  CHECK(e.fields.unit == "kosshy-center");
  CHECK(e.fields.title == "Детская площадка во дворе дома 12");
  CHECK(e.fields.cost == 12000000);
  CHECK(e.at == fixture::ts("2026-02-03T06:15:00Z"));
  REQUIRE(e.fields.attachments.size() == 1);
  CHECK(e.fields.attachments[0].ref == "kc-01-plan.pdf");
  CHECK(e.fields.attachments[0].sha256.size() == 64);
  const auto revisions = io::parse_proposal_entries(io::read_file_bytes(fixture::data_path("revisions_small_city.json")));
  REQUIRE(revisions.size() == 1);
  CHECK(revisions[0].action == proposal_action::revise);
}

TEST_CASE("withdrawals carry only id, author, time and comment") {
  const auto entries = io::parse_proposal_entries(R"({"format": "ppb/proposals/v1", "proposals": [
    {"action": "withdraw", "id": "KC-01", "author": "850314301011", "at": "2026-02-20T10:00:00Z", "comment": "moved"}]})");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].action == proposal_action::withdraw);
  CHECK(entries[0].comment == "moved");
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [
    {"action": "withdraw", "id": "KC-01", "author": "1", "at": "2026-02-20T10:00:00Z", "cost": 5}]})") ==
        std::pair{errc::bad_value, std::string("1 problem: /proposals/0/cost: unknown field")});
}

TEST_CASE("a proposals file that is not one is refused with every problem and its path") {
  CHECK(proposals_error("{").first == errc::json_syntax);
  CHECK(proposals_error(R"({"format": "ppb/reviews/v1", "proposals": []})") ==
        std::pair{errc::bad_value, std::string("1 problem: /format: must be \"ppb/proposals/v1\"")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1"})") ==
        std::pair{errc::missing_field, std::string("1 problem: /proposals: is required")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [{"title": "x", "cost": 1}]})") ==
        std::pair{errc::missing_field, std::string("1 problem: /proposals/0/at: is required")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [{"cost": 1, "at": "2026-02-30T00:00:00Z"}]})") ==
        std::pair{errc::bad_date, std::string("1 problem: /proposals/0/at: must be a UTC timestamp "
                                              "YYYY-MM-DDTHH:MM:SSZ naming a real moment")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [
    {"cost": "1", "at": "2026-02-03T00:00:00Z", "colour": "red", "action": "delete", "title": 5}]})") ==
        std::pair{errc::bad_value,
                  std::string("4 problems: /proposals/0/action: must be one of: submit, revise, withdraw; "
                              "/proposals/0/colour: unknown field; /proposals/0/title: must be a string; "
                              "/proposals/0/cost: must be a non-negative integer")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [
    {"action": "revise", "cost": 1, "at": "2026-02-03T00:00:00Z"}]})") ==
        std::pair{errc::bad_value, std::string("1 problem: /proposals/0/id: is required to revise or withdraw")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [
    {"cost": 1, "at": "2026-02-03T00:00:00Z", "attachments": [{"ref": "a", "hash": "b"}]}]})") ==
        std::pair{errc::bad_value, std::string("1 problem: /proposals/0/attachments/0/hash: unknown field")});
  CHECK(proposals_error(R"({"format": "ppb/proposals/v1", "proposals": [], "proposals": []})") ==
        std::pair{errc::bad_value, std::string("1 problem: /proposals: duplicate key")});
}

TEST_CASE("the small city's review file reads votes with costs, grounds and comments") {
  const auto entries = io::parse_review_entries(io::read_file_bytes(fixture::data_path("reviews_small_city.json")));
  REQUIRE(entries.size() == 19);
  CHECK(entries[0].proposal == "KC-01");
  CHECK(entries[0].vote.reviewer == "expert-aliya");
  CHECK(entries[0].vote.decision == review_decision::approve);
  CHECK(entries[0].vote.cost == 11500000);
  CHECK(entries[4].vote.decision == review_decision::return_for_revision);
  CHECK(entries[4].vote.comment == "уточните смету: фонари по 500 000");
  CHECK(entries[8].vote.decision == review_decision::reject);
  CHECK(entries[8].vote.ground == proposal_reason::land_unavailable);
  CHECK_FALSE(entries[0].merge);
}

TEST_CASE("merges and bad review entries") {
  const auto merge = io::parse_review_entries(R"({"format": "ppb/reviews/v1", "reviews": [
    {"proposal": "KC-03", "reviewer": "expert-aliya", "decision": "merge", "into": "KC-01", "at": "2026-03-02T05:00:00Z"}]})");
  REQUIRE(merge.size() == 1);
  CHECK(merge[0].merge);
  CHECK(merge[0].into == "KC-01");
  CHECK(reviews_error(R"({"format": "ppb/reviews/v1", "reviews": [
    {"proposal": "A", "reviewer": "x", "decision": "merge", "at": "2026-03-02T05:00:00Z"}]})") ==
        std::pair{errc::bad_value, std::string("1 problem: /reviews/0/into: is required to merge")});
  CHECK(reviews_error(R"({"format": "ppb/reviews/v1", "reviews": [
    {"proposal": "A", "reviewer": "x", "decision": "approve", "into": "B", "at": "2026-03-02T05:00:00Z"}]})") ==
        std::pair{errc::bad_value, std::string("1 problem: /reviews/0/into: only a merge names a proposal to merge into")});
  CHECK(reviews_error(R"({"format": "ppb/reviews/v1", "reviews": [
    {"proposal": "A", "reviewer": "x", "decision": "maybe", "ground": "too_ugly", "at": "2026-03-02T05:00:00Z"}]})") ==
        std::pair{errc::bad_value, std::string("2 problems: /reviews/0/decision: must be one of: approve, return, reject, "
                                               "merge; /reviews/0/ground: 'too_ugly' is not a reason code")});
  CHECK(reviews_error(R"({"format": "ppb/reviews/v1", "reviews": [{"proposal": "", "reviewer": "x",
    "decision": "approve", "at": "2026-03-02T05:00:00Z"}]})") ==
        std::pair{errc::bad_value, std::string("1 problem: /reviews/0/proposal: must not be empty")});
  CHECK(reviews_error("[]") == std::pair{errc::bad_value, std::string("1 problem: must be an object")});
  CHECK(reviews_error("{\"reviews\": \n\n[}").first == errc::json_syntax);
}

TEST_CASE("apply_entry applies each action of both files, and proposals_to_json_text lists every field") {
  const auto def = fixture::small_city();
  proposal_registry reg;
  std::vector<std::string> seen;
  const auto apply_all = [&](const auto& entries, auto&& apply) {
    for (const auto& e : entries) {
      const auto v = apply(e);
      seen.push_back(v.id + " " + (v.ok() ? std::string(proposal_state_name(*v.state))
                                          : std::string(reason_name(v.problems.at(0).reason))));
    }
  };
  apply_all(io::parse_proposal_entries(R"({"format": "ppb/proposals/v1", "proposals": [
    {"id": "A", "author": "850314301011", "unit": "kosshy-center", "title": "Bench \"new\"", "description": "d",
     "address": "a", "category": "improvement", "cost": 2000000, "at": "2026-02-03T06:15:00Z",
     "attachments": [{"ref": "plan.pdf"}]},
    {"action": "withdraw", "id": "A", "author": "850314301011", "at": "2026-02-04T00:00:00Z", "comment": "moved"},
    {"id": "B", "author": "900707401026", "unit": "kosshy-north", "title": "Tree", "description": "d",
     "address": "b", "category": "greening", "cost": 3000000, "at": "2026-02-05T00:00:00Z"}]})"),
            [&](const proposal_entry& e) { return io::apply_entry(reg, def, nullptr, e); });
  apply_all(io::parse_review_entries(R"({"format": "ppb/reviews/v1", "reviews": [
    {"proposal": "B", "reviewer": "expert-aliya", "decision": "approve", "cost": 2500000, "at": "2026-03-02T05:00:00Z"},
    {"proposal": "B", "reviewer": "expert-bolat", "decision": "approve", "at": "2026-03-02T06:00:00Z"},
    {"proposal": "B", "reviewer": "expert-dana", "decision": "reject", "ground": "land_unavailable", "comment": "x",
     "at": "2026-03-02T07:00:00Z"},
    {"proposal": "B", "reviewer": "expert-aliya", "decision": "merge", "into": "A", "at": "2026-03-03T05:00:00Z"}]})"),
            [&](const review_entry& e) { return io::apply_entry(reg, def, e); });
  CHECK(seen == std::vector<std::string>{"A submitted", "A withdrawn", "B submitted", "B under_review",
                                         "B under_review", "B approved", "B bad_merge_target"});

  const std::string a =
      R"({"id":"A","unit":"kosshy-center","state":"withdrawn","author":"850314301011","title":"Bench \"new\"",)"
      R"("description":"d","address":"a","category":"improvement","estimated_cost":2000000,"final_cost":null,)"
      R"("cost":2000000,"submitted_at":"2026-02-03T06:15:00Z","revisions":0,"round":1,"rejection":null,)"
      R"("decision_comment":"","merged_into":"","attachments":[{"ref":"plan.pdf","sha256":""}]})";
  const std::string b =
      R"({"id":"B","unit":"kosshy-north","state":"approved","author":"900707401026","title":"Tree",)"
      R"("description":"d","address":"b","category":"greening","estimated_cost":3000000,"final_cost":2500000,)"
      R"("cost":2500000,"submitted_at":"2026-02-05T00:00:00Z","revisions":0,"round":1,"rejection":null,)"
      R"("decision_comment":"2 of 3 approve; cost 2500000","merged_into":"","attachments":[]})";
  CHECK(io::proposals_to_json_text(reg) == "[" + a + "," + b + "]");
  CHECK(io::proposals_to_json_text(reg, "kosshy-north") == "[" + b + "]");
  CHECK(io::proposals_to_json_text(reg, "atlantis") == "[]");
  CHECK(io::proposals_to_json_text(proposal_registry()) == "[]");
}
