// The proposal lifecycle: every legal and every illegal transition, from proposals brought into
// each state by the operations of a real cycle; the audit trail of each step.
#include <doctest/doctest.h>

#include <sstream>

#include "ppb/io/proposals_json.hpp"
#include "proposals/workflow_fixture.hpp"

using namespace ppb;
using st = proposal_state;

namespace {

// The lifecycle, written out independently of the library's table: expected[from][to].
constexpr bool expected[8][8] = {
    //            sub    rev    appr   ret    resub  rej    wdr    merg
    /* sub    */ {false, true, false, false, false, false, true, true},
    /* rev    */ {false, false, true, true, false, true, true, true},
    /* appr   */ {false, false, false, false, false, false, true, true},
    /* ret    */ {false, false, false, false, true, false, true, false},
    /* resub  */ {false, true, false, false, false, false, true, true},
    /* rej    */ {false, false, false, false, false, false, false, false},
    /* wdr    */ {false, false, false, false, false, false, false, false},
    /* merg   */ {false, false, false, false, false, false, false, false},
};

}  // namespace

TEST_CASE("transition_allowed is the documented lifecycle table") {
  for (auto from : all_proposal_states)
    for (auto to : all_proposal_states) {
      CAPTURE(proposal_state_name(from));
      CAPTURE(proposal_state_name(to));
      CHECK(transition_allowed(from, to) == expected[static_cast<int>(from)][static_cast<int>(to)]);
    }
  CHECK(is_final(st::rejected));
  CHECK(is_final(st::withdrawn));
  CHECK(is_final(st::merged));
  CHECK_FALSE(is_final(st::approved));
}

TEST_CASE("every legal transition is applied and every illegal one refused, from every state") {
  for (auto from : all_proposal_states)
    for (auto to : all_proposal_states) {
      CAPTURE(proposal_state_name(from));
      CAPTURE(proposal_state_name(to));
      fixture::workflow w;
      w.drive("P", from);
      const auto audit_before = w.reg.audit().size();
      // After every step of `drive` (the latest is a revision): a step may not predate the last one.
      const auto v = w.reg.transition("P", to, "official", fixture::re_review_at, std::nullopt, "by hand");
      const bool legal = expected[static_cast<int>(from)][static_cast<int>(to)];
      CHECK(v.ok() == legal);
      CHECK(w.state("P") == (legal ? to : from));
      CHECK(v.state == w.state("P"));
      if (legal) {
        REQUIRE(w.reg.audit().size() == audit_before + 1);
        const auto& e = w.reg.audit().back();
        CHECK(e.proposal == "P");
        CHECK(e.actor == "official");
        CHECK(e.from == from);
        CHECK(e.to == to);
        CHECK(e.at == fixture::re_review_at);
        CHECK(e.comment == "by hand");
        CHECK(e.seq == w.reg.audit().size());
      } else {
        REQUIRE(v.problems.size() == 1);
        CHECK(v.problems[0].reason == proposal_reason::illegal_transition);
        CHECK(v.problems[0].detail == std::string(proposal_state_name(from)) + " → " +
                                          std::string(proposal_state_name(to)) + " is not a step of the lifecycle");
        CHECK(w.reg.audit().size() == audit_before);
      }
    }
}

TEST_CASE("a step dated before the proposal's latest transition is refused: the audit trail never goes back") {
  const auto earlier = *parse_iso_timestamp("2026-02-09T06:00:00Z");  // a day before fixture::submit_at
  const std::string detail_after_submit =
      "2026-02-09T06:00:00Z is before the proposal's latest transition (submitted at 2026-02-10T06:00:00Z)";
  const auto refused = [](const proposal_verdict& v, const std::string& detail) {
    REQUIRE(v.problems.size() == 1);
    CHECK(v.problems[0].reason == proposal_reason::illegal_transition);
    CHECK(v.problems[0].detail == detail);
  };
  SUBCASE("withdraw") {
    fixture::workflow w;
    w.submit("A");
    const auto v = w.reg.withdraw("A", fixture::center_voter, earlier, "changed my mind");
    refused(v, detail_after_submit);
    CHECK(v.state == st::submitted);
    CHECK(w.state("A") == st::submitted);
    CHECK(w.reg.audit().size() == 1);
    // The same moment as the latest transition is not earlier: accepted.
    CHECK(w.reg.withdraw("A", fixture::center_voter, fixture::submit_at).ok());
    CHECK(w.state("A") == st::withdrawn);
  }
  SUBCASE("transition and merge") {
    fixture::workflow w;
    w.submit("A");
    w.submit("B");
    refused(w.reg.transition("A", st::under_review, "official", earlier), detail_after_submit);
    refused(w.reg.merge("A", "B", "council", earlier), detail_after_submit);
    CHECK(w.state("A") == st::submitted);
    CHECK(w.reg.audit().size() == 2);
  }
  SUBCASE("a review vote before the round's opening") {
    fixture::workflow w;
    w.submit("A");
    REQUIRE(w.vote("A", "expert-aliya", review_decision::approve, fixture::review_at).ok());
    const auto before_opening = *parse_iso_timestamp("2026-03-05T05:00:00Z");
    const auto v = w.vote("A", "expert-bolat", review_decision::approve, before_opening);
    refused(v, "2026-03-05T05:00:00Z is before the proposal's latest transition (under_review at 2026-03-05T06:00:00Z)");
    CHECK(w.state("A") == st::under_review);
    CHECK(w.reg.find("A")->votes.size() == 1);
  }
  SUBCASE("a revision dated before the council returned the proposal") {
    fixture::workflow w;
    w.submit("A");
    w.council_votes("A", review_decision::return_for_revision, fixture::re_review_at);  // returned on 2 April
    auto revised = fixture::workflow::good("A", "Project A revised");
    const auto v = w.reg.resubmit(w.def, "A", revised, fixture::revision_at);  // 25 March: inside the window
    refused(v, "2026-03-25T06:00:00Z is before the proposal's latest transition (returned at 2026-04-02T06:00:00Z)");
    CHECK(w.state("A") == st::returned);
  }
}

TEST_CASE("the audit trail records who, when, from, to, reason and comment, and exports as CSV") {
  fixture::workflow w;
  w.submit("A", "Fountain, \"old\" square");
  REQUIRE(w.vote("A", "expert-aliya", review_decision::reject, fixture::review_at, std::nullopt,
                 proposal_reason::against_law, "нарушает нормы")
              .ok());
  REQUIRE(w.vote("A", "expert-bolat", review_decision::reject, fixture::review_at, std::nullopt,
                 proposal_reason::against_law, "no, really")
              .ok());
  REQUIRE(w.vote("A", "expert-dana", review_decision::approve).ok());
  const auto& audit = w.reg.audit();
  REQUIRE(audit.size() == 3);
  CHECK(audit[0].seq == 1);
  CHECK_FALSE(audit[0].from.has_value());
  CHECK(audit[0].to == st::submitted);
  CHECK(audit[0].actor == fixture::center_voter);
  CHECK(audit[0].at == fixture::submit_at);
  CHECK(audit[1].from == st::submitted);
  CHECK(audit[1].to == st::under_review);
  CHECK(audit[1].actor == "expert-aliya");
  CHECK(audit[2].actor == "council");
  CHECK(audit[2].to == st::rejected);
  CHECK(audit[2].reason == proposal_reason::against_law);
  CHECK(audit[2].comment == "expert-aliya: нарушает нормы; expert-bolat: no, really");
  std::ostringstream csv;
  io::write_audit_csv(csv, w.reg);
  CHECK(csv.str() == "seq,at,proposal,actor,from,to,reason,comment\n"
                     "1,2026-02-10T06:00:00Z,A," + fixture::center_voter + ",,submitted,,\n"
                     "2,2026-03-05T06:00:00Z,A,expert-aliya,submitted,under_review,,review round 1\n"
                     "3,2026-03-05T06:00:00Z,A,council,under_review,rejected,against_law,"
                     "\"expert-aliya: нарушает нормы; expert-bolat: no, really\"\n");
}

TEST_CASE("state and decision names are pinned") {
  const char* names[] = {"submitted", "under_review", "approved",  "returned",
                         "resubmitted", "rejected",   "withdrawn", "merged"};
  for (int i = 0; i < 8; ++i) {
    CHECK(proposal_state_name(static_cast<st>(i)) == names[i]);
    CHECK(parse_proposal_state(names[i]) == static_cast<st>(i));
  }
  CHECK_FALSE(parse_proposal_state("accepted"));
  CHECK(review_decision_name(review_decision::return_for_revision) == "return");
  CHECK(parse_review_decision("reject") == review_decision::reject);
  CHECK_FALSE(parse_review_decision("merge"));
}
