// The proposal registry: every proposal reason code triggered, review decisions, revisions,
// withdrawals, merges, and approved proposals becoming each unit's ballot.
#include <doctest/doctest.h>

#include <set>

#include "ppb/io/pabulib.hpp"
#include "ppb/proposals/ballot.hpp"
#include "proposals/workflow_fixture.hpp"

using namespace ppb;
using fixture::workflow;
using pr = proposal_reason;
using st = proposal_state;
using rd = review_decision;

namespace {

auto reasons(const proposal_verdict& v) -> std::vector<proposal_reason> {
  std::vector<proposal_reason> out;
  for (const auto& p : v.problems) out.push_back(p.reason);
  return out;
}

}  // namespace

TEST_CASE("a good submission is accepted, and ids are assigned when absent") {
  workflow w;
  auto s = workflow::good("", "Playground on Abai street");
  const auto v = w.submit(s);
  CHECK(v.ok());
  CHECK(v.id == "P0001");
  CHECK(v.state == st::submitted);
  const auto* p = w.reg.find("P0001");
  REQUIRE(p != nullptr);
  CHECK(p->title == "Playground on Abai street");
  CHECK(p->estimated_cost == 5000000);
  CHECK_FALSE(p->final_cost);
  CHECK(p->cost() == 5000000);
  CHECK(p->submitted_at == fixture::submit_at);
  w.submit("P0002", "Taken id");
  CHECK(w.submit(workflow::good("", "Third")).id == "P0003");
  CHECK(w.submit(workflow::good("", "Fourth")).id == "P0004");
}

TEST_CASE("each submission reason is triggered") {
  workflow w;
  const auto one = [&](submission s, std::chrono::sys_seconds at = fixture::submit_at) { return reasons(w.submit(s, at)); };
  SUBCASE("outside_submission_window") {
    CHECK(one(workflow::good("A", "A"), fixture::ts("2026-01-31T23:59:59Z")) == std::vector{pr::outside_submission_window});
    CHECK(one(workflow::good("A", "A"), fixture::ts("2026-03-01T00:00:00Z")) == std::vector{pr::outside_submission_window});
    CHECK(one(workflow::good("A", "A"), fixture::ts("2026-02-01T00:00:00Z")).empty());
  }
  SUBCASE("author_iin_invalid") {
    auto s = workflow::good("A", "A");
    s.author = "850314301012";
    const auto v = w.submit(s);
    CHECK(reasons(v) == std::vector{pr::author_iin_invalid});
    CHECK(v.problems[0].detail == "IIN '850314301012': check_digit_mismatch");
  }
  SUBCASE("author_underage, and author_min_age overrides the voting age") {
    const auto s = workflow::good("A", "A", "kosshy-north", fixture::young_voter);  // 17 in February 2026
    CHECK(one(s) == std::vector{pr::author_underage});
    workflow young(fixture::small_city_def_with([](auto& d) { d["proposals"].as_object()["author_min_age"] = 16; }));
    CHECK(young.submit(s).ok());
  }
  SUBCASE("author_not_resident") {
    CHECK(one(workflow::good("A", "A", "kosshy-north")) == std::vector{pr::author_not_resident});
    CHECK(one(workflow::good("A", "A", "kosshy")).empty());  // the city contains the author's district
  }
  SUBCASE("author_not_on_roll, and without a roll residence is not checked") {
    auto s = workflow::good("A", "A");
    s.author = "791028302728";
    CHECK(one(s) == std::vector{pr::author_not_on_roll});
    CHECK(w.reg.submit(w.def, nullptr, s, fixture::submit_at).ok());
  }
  SUBCASE("author_not_active") {
    CHECK(one(workflow::good("A", "A", "kosshy-south", fixture::suspended_voter)) == std::vector{pr::author_not_active});
  }
  SUBCASE("unit_not_in_election") {
    CHECK(one(workflow::good("A", "A", "nowhere")) == std::vector{pr::unit_not_in_election});
  }
  SUBCASE("unit_without_budget") {
    CHECK(one(workflow::good("A", "A", "kosshy-north-akzhol", fixture::akzhol_voter)) == std::vector{pr::unit_without_budget});
  }
  SUBCASE("category_not_allowed") {
    auto s = workflow::good("A", "A");
    s.category = "monuments";
    CHECK(one(s) == std::vector{pr::category_not_allowed});
  }
  SUBCASE("cost_above_cap: the election's cap, else the unit's budget") {
    auto s = workflow::good("A", "A");
    s.cost = 25000001;
    const auto v = w.submit(s);
    CHECK(reasons(v) == std::vector{pr::cost_above_cap});
    CHECK(v.problems[0].detail == "cost 25000001 is above the cap 25000000");
    s.cost = 25000000;
    CHECK(one(s).empty());
    workflow no_cap(fixture::small_city_def_with([](auto& d) { d["proposals"].as_object().erase("max_cost"); }));
    auto north = workflow::good("B", "B", "kosshy-north", fixture::north_voter);
    north.cost = 30000001;
    const auto over = no_cap.submit(north);
    CHECK(reasons(over) == std::vector{pr::cost_above_cap});
    CHECK(over.problems[0].detail == "cost 30000001 is above the unit's budget 30000000");
  }
  SUBCASE("cost_below_minimum") {
    auto s = workflow::good("A", "A");
    s.cost = 999999;
    CHECK(one(s) == std::vector{pr::cost_below_minimum});
    s.cost = -1;
    CHECK(one(s) == std::vector{pr::cost_below_minimum});
  }
  SUBCASE("missing_field: title, author, unit and the election's required fields") {
    auto s = workflow::good("A", "");
    s.description.clear();
    s.address.clear();
    s.category.clear();
    const auto v = w.submit(s);
    CHECK(reasons(v) == std::vector{pr::missing_field, pr::missing_field, pr::missing_field, pr::missing_field});
    CHECK(v.problems[0].detail == "title is empty");
    CHECK(v.problems[1].detail == "description is required and empty");
    CHECK(v.problems[2].detail == "address is required and empty");
    CHECK(v.problems[3].detail == "category is required and empty");
    auto nobody = workflow::good("B", "B");
    nobody.author.clear();
    CHECK(one(nobody) == std::vector{pr::missing_field});
    auto nowhere = workflow::good("C", "C");
    nowhere.unit.clear();
    CHECK(one(nowhere) == std::vector{pr::missing_field});
    workflow files(fixture::small_city_def_with([](auto& d) {
      d["proposals"].as_object()["required_fields"] = boost::json::array{"attachments"};
    }));
    CHECK(reasons(files.submit(workflow::good("D", "D"))) == std::vector{pr::missing_field});
  }
  SUBCASE("author_limit_reached: one author, one proposal; withdrawn ones do not count") {
    workflow strict(fixture::small_city());  // max_per_author 1
    REQUIRE(strict.submit(workflow::good("A", "First")).ok());
    const auto v = strict.submit(workflow::good("B", "Second"));
    CHECK(reasons(v) == std::vector{pr::author_limit_reached});
    CHECK(v.problems[0].detail == "already 1 proposals; limit 1");
    REQUIRE(strict.reg.withdraw("A", fixture::center_voter, fixture::submit_at).ok());
    CHECK(strict.submit(workflow::good("B", "Second")).ok());
  }
  SUBCASE("likely_duplicate: same unit, near-identical normalised title and address") {
    auto a = workflow::good("A", "Детская площадка во дворе дома 12");
    a.address = "ул. Абая, 12";
    REQUIRE(w.submit(a).ok());
    auto b = workflow::good("B", "ДЕТСКАЯ ПЛОЩАДКА во дворе дома №12!");
    b.address = "ул Абая 12";
    const auto v = w.submit(b);
    CHECK(reasons(v) == std::vector{pr::likely_duplicate});
    CHECK(v.problems[0].detail == "nearly repeats A 'Детская площадка во дворе дома 12'");
    auto typo = b;
    typo.title = "Детская плошадка во дворе дома 12";  // one letter off
    CHECK(one(typo) == std::vector{pr::likely_duplicate});
    auto elsewhere = b;
    elsewhere.id = "E";
    elsewhere.address = "ул. Сейфуллина, 3";  // same title, another yard: not a duplicate
    CHECK(one(elsewhere).empty());
    auto other_unit = b;
    other_unit.id = "U";
    other_unit.unit = "kosshy";
    CHECK(one(other_unit).empty());
    auto next_house = b;
    next_house.id = "H";
    next_house.title = "Детская площадка во дворе дома 14";
    next_house.address = "ул. Абая, 14";
    CHECK(one(next_house).empty());  // one edit apart, but another house
    auto different = b;
    different.id = "D";
    different.title = "Спортивная площадка во дворе дома 12";
    CHECK(one(different).empty());
  }
  SUBCASE("likely_duplicate folds Kazakh letters; final proposals are not compared") {
    REQUIRE(w.submit(workflow::good("A", "Қоғамдық бақ")).ok());
    auto b = workflow::good("B", "ҚОҒАМДЫҚ БАҚ");
    b.address = "address of Қоғамдық бақ";
    CHECK(one(b) == std::vector{pr::likely_duplicate});
    w.council_votes("A", rd::reject);
    CHECK(one(b).empty());
  }
  SUBCASE("duplicate_id") {
    w.submit("A", "First");
    CHECK(one(workflow::good("A", "Second")) == std::vector{pr::duplicate_id});
  }
  SUBCASE("bad_attachment") {
    auto s = workflow::good("A", "A");
    s.attachments = {{"plan.pdf", std::string(64, 'a')}, {"", ""}, {"photo.jpg", "abc"}};
    const auto v = w.submit(s);
    CHECK(reasons(v) == std::vector{pr::bad_attachment, pr::bad_attachment});
    CHECK(v.problems[0].detail == "attachment 2 has no reference");
    CHECK(v.problems[1].detail == "attachment 'photo.jpg': sha256 must be 64 hex digits (got 3)");
  }
  SUBCASE("several problems at once") {
    auto s = workflow::good("A", "A", "kosshy-north");
    s.cost = 1;
    s.category = "monuments";
    CHECK(one(s, fixture::review_at) ==
          std::vector{pr::outside_submission_window, pr::author_not_resident, pr::category_not_allowed,
                      pr::cost_below_minimum});
    CHECK(w.reg.proposals().empty());
    CHECK(w.reg.audit().empty());
  }
}

TEST_CASE("review: majority, lower median cost, returns, rejections on the most frequent ground") {
  workflow w;
  SUBCASE("three approvals at different costs: the lower median") {
    w.submit("A");
    REQUIRE(w.vote("A", "expert-aliya", rd::approve, fixture::review_at, 4000000).ok());
    REQUIRE(w.vote("A", "expert-bolat", rd::approve, fixture::review_at, 4500000).ok());
    CHECK(w.state("A") == st::under_review);
    const auto v = w.vote("A", "expert-dana", rd::approve);  // keeps the estimate 5000000
    CHECK(v.state == st::approved);
    CHECK(w.reg.find("A")->final_cost == 4500000);
    CHECK(w.reg.find("A")->cost() == 4500000);
    CHECK(w.reg.find("A")->decision_comment == "3 of 3 approve; cost 4500000");
  }
  SUBCASE("two of three approve: approved under majority, not under all") {
    w.submit("A");
    w.vote("A", "expert-aliya", rd::approve);
    w.vote("A", "expert-bolat", rd::reject, fixture::review_at, std::nullopt, pr::not_feasible);
    CHECK(w.vote("A", "expert-dana", rd::approve).state == st::approved);
    workflow all(fixture::small_city_def_with([](auto& d) {
      d["proposals"].as_object()["review"].as_object()["decision_rule"] = "all";
    }));
    all.submit("A");
    all.vote("A", "expert-aliya", rd::approve);
    all.vote("A", "expert-bolat", rd::reject, fixture::review_at, std::nullopt, pr::not_feasible);
    CHECK(all.vote("A", "expert-dana", rd::approve).state == st::rejected);
    CHECK(all.reg.find("A")->rejection == pr::not_feasible);
  }
  SUBCASE("returns at least as many as rejections: returned; then the revision limit") {
    w.submit("A");
    w.vote("A", "expert-aliya", rd::approve);
    w.vote("A", "expert-bolat", rd::return_for_revision);
    CHECK(w.vote("A", "expert-dana", rd::reject, fixture::review_at, std::nullopt, pr::cost_unjustified).state ==
          st::returned);
    CHECK(w.reg.find("A")->revisions == 1);
    auto revised = workflow::good("A", "Project A, revised");
    REQUIRE(w.reg.resubmit(w.def, "A", revised, fixture::revision_at).ok());
    // Round 2: returned again, but max_revisions is 1: rejected on revision_limit_reached.
    w.council_votes("A", rd::return_for_revision, fixture::re_review_at);
    CHECK(w.state("A") == st::rejected);
    CHECK(w.reg.find("A")->rejection == pr::revision_limit_reached);
    CHECK(w.reg.find("A")->round == 2);
  }
  SUBCASE("rejected on the most frequent ground; the first cast wins a tie") {
    w.submit("A");
    w.vote("A", "expert-aliya", rd::reject, fixture::review_at, std::nullopt, pr::outside_competence);
    w.vote("A", "expert-bolat", rd::reject, fixture::review_at, std::nullopt, pr::already_planned);
    w.vote("A", "expert-dana", rd::reject, fixture::review_at, std::nullopt, pr::already_planned);
    CHECK(w.reg.find("A")->rejection == pr::already_planned);
    w.submit("B");
    w.vote("B", "expert-aliya", rd::reject, fixture::review_at, std::nullopt, pr::outside_competence);
    w.vote("B", "expert-bolat", rd::reject, fixture::review_at, std::nullopt, pr::already_planned);
    w.vote("B", "expert-dana", rd::approve);
    CHECK(w.reg.find("B")->rejection == pr::outside_competence);
  }
}

TEST_CASE("each lifecycle and review reason is triggered") {
  workflow w;
  SUBCASE("illegal_transition: votes only under review; revisions only when returned") {
    w.drive("A", st::approved);
    CHECK(reasons(w.vote("A", "expert-aliya", rd::approve)) == std::vector{pr::illegal_transition});
    CHECK(reasons(w.reg.resubmit(w.def, "A", workflow::good("", "A2"), fixture::revision_at)) ==
          std::vector{pr::illegal_transition});
    w.drive("B", st::withdrawn);
    CHECK(reasons(w.reg.withdraw("B", fixture::center_voter, fixture::review_at)) == std::vector{pr::illegal_transition});
  }
  SUBCASE("unknown_proposal") {
    CHECK(reasons(w.vote("X", "expert-aliya", rd::approve)) == std::vector{pr::unknown_proposal});
    CHECK(reasons(w.reg.resubmit(w.def, "X", workflow::good("", "X"), fixture::revision_at)) ==
          std::vector{pr::unknown_proposal});
    CHECK(reasons(w.reg.withdraw("X", fixture::center_voter, fixture::review_at)) == std::vector{pr::unknown_proposal});
    CHECK(reasons(w.reg.merge("X", "Y", "council", fixture::review_at)) == std::vector{pr::unknown_proposal});
    CHECK(reasons(w.reg.transition("X", st::approved, "council", fixture::review_at)) == std::vector{pr::unknown_proposal});
  }
  SUBCASE("outside_review_window: the review and re-review phases only") {
    w.submit("A");
    CHECK(reasons(w.vote("A", "expert-aliya", rd::approve, fixture::submit_at)) == std::vector{pr::outside_review_window});
    CHECK(reasons(w.vote("A", "expert-aliya", rd::approve, fixture::revision_at)) == std::vector{pr::outside_review_window});
    CHECK(w.state("A") == st::submitted);
    CHECK(w.vote("A", "expert-aliya", rd::approve, fixture::re_review_at).ok());
  }
  SUBCASE("outside_revision_window") {
    w.drive("A", st::returned);
    auto revised = workflow::good("", "Project A revised");
    CHECK(reasons(w.reg.resubmit(w.def, "A", revised, fixture::review_at)) == std::vector{pr::outside_revision_window});
    CHECK(w.reg.resubmit(w.def, "A", revised, fixture::revision_at).ok());
  }
  SUBCASE("revision_limit_reached is the ground when nobody rejects") {
    workflow none(fixture::small_city_def_with([](auto& d) { d["proposals"].as_object()["max_revisions"] = 0; }));
    none.submit("A");
    none.council_votes("A", rd::return_for_revision);
    CHECK(none.state("A") == st::rejected);
    CHECK(none.reg.find("A")->rejection == pr::revision_limit_reached);
  }
  SUBCASE("not_a_council_member") {
    w.submit("A");
    const auto v = w.vote("A", "expert-erlan", rd::approve);
    CHECK(reasons(v) == std::vector{pr::not_a_council_member});
    CHECK(v.problems[0].detail == "'expert-erlan' is not on the council");
    CHECK(w.state("A") == st::submitted);  // a refused vote does not open the review
    CHECK(reasons(w.vote("A", "", rd::approve)) == std::vector{pr::missing_field});
  }
  SUBCASE("already_reviewed: once per round, again in the next") {
    w.submit("A");
    w.vote("A", "expert-aliya", rd::return_for_revision);
    CHECK(reasons(w.vote("A", "expert-aliya", rd::approve)) == std::vector{pr::already_reviewed});
    w.vote("A", "expert-bolat", rd::return_for_revision);
    w.vote("A", "expert-dana", rd::approve);
    REQUIRE(w.state("A") == st::returned);
    REQUIRE(w.reg.resubmit(w.def, "A", workflow::good("", "Project A revised"), fixture::revision_at).ok());
    CHECK(w.vote("A", "expert-aliya", rd::approve, fixture::re_review_at).ok());
  }
  SUBCASE("bad_merge_target") {
    w.submit("A");
    w.submit("B");
    w.drive("R", st::rejected);
    REQUIRE(w.submit(workflow::good("C", "City park", "kosshy")).ok());
    CHECK(reasons(w.reg.merge("A", "A", "council", fixture::review_at)) == std::vector{pr::bad_merge_target});
    CHECK(reasons(w.reg.merge("A", "Z", "council", fixture::review_at)) == std::vector{pr::bad_merge_target});
    CHECK(reasons(w.reg.merge("A", "C", "council", fixture::review_at)) == std::vector{pr::bad_merge_target});
    CHECK(reasons(w.reg.merge("A", "R", "council", fixture::review_at)) == std::vector{pr::bad_merge_target});
    const auto ok = w.reg.merge("A", "B", "council", fixture::review_at);
    CHECK(ok.ok());
    CHECK(w.reg.find("A")->merged_into == "B");
    CHECK(w.reg.audit().back().comment == "merged into B");
  }
  SUBCASE("not_the_author") {
    w.drive("A", st::returned);
    auto revised = workflow::good("", "Project A revised");
    revised.author = fixture::center_voter2;
    CHECK(reasons(w.reg.resubmit(w.def, "A", revised, fixture::revision_at)) == std::vector{pr::not_the_author});
    CHECK(reasons(w.reg.withdraw("A", fixture::center_voter2, fixture::revision_at)) == std::vector{pr::not_the_author});
  }
  SUBCASE("unit_changed") {
    w.drive("A", st::returned);
    auto revised = workflow::good("", "Project A revised", "kosshy");
    CHECK(reasons(w.reg.resubmit(w.def, "A", revised, fixture::revision_at)) == std::vector{pr::unit_changed});
  }
  SUBCASE("not_a_rejection_ground, and comments are required to reject or return") {
    w.submit("A");
    CHECK(reasons(w.vote("A", "expert-aliya", rd::reject)) == std::vector{pr::not_a_rejection_ground});
    CHECK(reasons(w.vote("A", "expert-aliya", rd::reject, fixture::review_at, std::nullopt, pr::cost_above_cap)) ==
          std::vector{pr::not_a_rejection_ground});
    review_vote silent{.reviewer = "expert-aliya", .decision = rd::return_for_revision, .at = fixture::review_at};
    CHECK(reasons(w.reg.review(w.def, "A", silent)) == std::vector{pr::missing_field});
  }
  SUBCASE("a review's cost must respect the cost rules") {
    w.submit("A");
    CHECK(reasons(w.vote("A", "expert-aliya", rd::approve, fixture::review_at, 26000000)) == std::vector{pr::cost_above_cap});
    CHECK(reasons(w.vote("A", "expert-aliya", rd::approve, fixture::review_at, 10)) == std::vector{pr::cost_below_minimum});
  }
}

TEST_CASE("each rejection ground is recorded with the council's comment") {
  const pr grounds[] = {pr::outside_competence, pr::not_feasible,       pr::land_unavailable, pr::cost_unjustified,
                        pr::already_planned,    pr::duplicate_of_other, pr::against_law,      pr::other};
  for (auto g : grounds) {
    CAPTURE(reason_name(g));
    CHECK(is_rejection_ground(g));
    workflow w;
    w.submit("A");
    for (const auto& m : fixture::council) REQUIRE(w.vote("A", m, rd::reject, fixture::review_at, std::nullopt, g, "why: " + m).ok());
    const auto* p = w.reg.find("A");
    CHECK(p->state == st::rejected);
    CHECK(p->rejection == g);
    CHECK(p->decision_comment == "expert-aliya: why: expert-aliya; expert-bolat: why: expert-bolat; expert-dana: why: expert-dana");
    CHECK(w.reg.audit().back().reason == g);
  }
  CHECK_FALSE(is_rejection_ground(pr::likely_duplicate));
  CHECK_FALSE(is_rejection_ground(pr::revision_limit_reached));
}

TEST_CASE("a revision replaces the fields, resets the review's cost and opens round 2") {
  workflow w;
  w.drive("A", st::returned);
  auto revised = workflow::good("", "Project A with a new title");
  revised.cost = 3000000;
  revised.attachments = {{"scheme.pdf", ""}};
  const auto v = w.reg.resubmit(w.def, "A", revised, fixture::revision_at);
  REQUIRE(v.ok());
  const auto* p = w.reg.find("A");
  CHECK(p->state == st::resubmitted);
  CHECK(p->title == "Project A with a new title");
  CHECK(p->estimated_cost == 3000000);
  CHECK(p->attachments.size() == 1);
  w.council_votes("A", rd::approve, fixture::re_review_at);
  CHECK(p->state == st::approved);
  CHECK(p->round == 2);
  CHECK(p->final_cost == 3000000);
  CHECK(p->votes.size() == 6);
  CHECK(p->votes.back().round == 2);
  // A revision is checked like a submission (here: over the cap).
  w.drive("B", st::returned);
  auto dear = workflow::good("", "Project B revised");
  dear.cost = 90000000;
  CHECK(reasons(w.reg.resubmit(w.def, "B", dear, fixture::revision_at)) == std::vector{pr::cost_above_cap});
}

TEST_CASE("every proposal reason has a pinned value, name and messages in three languages") {
  const struct {
    pr reason;
    int value;
    const char* name;
  } pinned[] = {{pr::outside_submission_window, 1, "outside_submission_window"},
                {pr::author_iin_invalid, 2, "author_iin_invalid"},
                {pr::author_underage, 3, "author_underage"},
                {pr::author_not_resident, 4, "author_not_resident"},
                {pr::author_not_on_roll, 5, "author_not_on_roll"},
                {pr::author_not_active, 6, "author_not_active"},
                {pr::unit_not_in_election, 7, "unit_not_in_election"},
                {pr::unit_without_budget, 8, "unit_without_budget"},
                {pr::category_not_allowed, 9, "category_not_allowed"},
                {pr::cost_above_cap, 10, "cost_above_cap"},
                {pr::cost_below_minimum, 11, "cost_below_minimum"},
                {pr::missing_field, 12, "missing_field"},
                {pr::author_limit_reached, 13, "author_limit_reached"},
                {pr::likely_duplicate, 14, "likely_duplicate"},
                {pr::duplicate_id, 15, "duplicate_id"},
                {pr::bad_attachment, 16, "bad_attachment"},
                {pr::unit_changed, 17, "unit_changed"},
                {pr::illegal_transition, 20, "illegal_transition"},
                {pr::unknown_proposal, 21, "unknown_proposal"},
                {pr::outside_review_window, 22, "outside_review_window"},
                {pr::outside_revision_window, 23, "outside_revision_window"},
                {pr::revision_limit_reached, 24, "revision_limit_reached"},
                {pr::not_a_council_member, 25, "not_a_council_member"},
                {pr::already_reviewed, 26, "already_reviewed"},
                {pr::bad_merge_target, 27, "bad_merge_target"},
                {pr::not_the_author, 28, "not_the_author"},
                {pr::not_a_rejection_ground, 29, "not_a_rejection_ground"},
                {pr::outside_competence, 40, "outside_competence"},
                {pr::not_feasible, 41, "not_feasible"},
                {pr::land_unavailable, 42, "land_unavailable"},
                {pr::cost_unjustified, 43, "cost_unjustified"},
                {pr::already_planned, 44, "already_planned"},
                {pr::duplicate_of_other, 45, "duplicate_of_other"},
                {pr::against_law, 46, "against_law"},
                {pr::other, 59, "other"}};
  CHECK(std::size(pinned) == std::size(all_proposal_reasons));
  std::set<std::string_view> texts;
  for (const auto& p : pinned) {
    CAPTURE(p.name);
    CHECK(static_cast<int>(p.reason) == p.value);
    CHECK(reason_name(p.reason) == p.name);
    CHECK(parse_proposal_reason(p.name) == p.reason);
    CHECK(fixture::has_cyrillic(message(p.reason, lang::kk)));
    CHECK(fixture::has_cyrillic(message(p.reason, lang::ru)));
    CHECK_FALSE(fixture::has_cyrillic(message(p.reason, lang::en)));
    for (auto l : {lang::kk, lang::ru, lang::en}) CHECK(texts.insert(message(p.reason, l)).second);
  }
  CHECK_FALSE(parse_proposal_reason("unknown"));
  CHECK(reason_name(static_cast<pr>(30)) == "unknown");
}

TEST_CASE("approved proposals become each unit's ballot, exported as a pabulib file") {
  workflow w;
  w.drive("KC-2", st::approved);
  w.submit("KC-1", "Lights; in the \"Dostyk\" square");
  for (const auto& m : fixture::council) w.vote("KC-1", m, rd::approve, fixture::review_at, 4000000);
  w.drive("KC-3", st::rejected);
  w.drive("KC-4", st::under_review);
  REQUIRE(w.submit(workflow::good("K-1", "City festival park", "kosshy")).ok());
  w.council_votes("K-1", rd::approve);
  const auto inst = ballot_instance(w.def, w.reg, "kosshy-center");
  CHECK(inst.budget == 40000000);
  CHECK(inst.kind == vote_type::approval);
  CHECK(inst.rules.max_length == 3);
  REQUIRE(inst.size() == 2);
  CHECK(inst[0].id == "KC-2");  // submission order
  CHECK(inst[1].id == "KC-1");
  CHECK(inst[1].name == "Lights; in the \"Dostyk\" square");
  CHECK(inst[1].cost == 4000000);
  CHECK(inst[1].categories == std::vector<std::string>{"sport"});
  CHECK(*inst[1].extra_value("address") == "address of Lights; in the \"Dostyk\" square");
  CHECK(*inst.meta_value("unit") == "Kosshy");
  CHECK(*inst.meta_value("subunit") == "Central district");
  CHECK(*inst.meta_value("instance") == "kosshy-2026");
  CHECK(*inst.meta_value("rule") == "greedy");
  CHECK(*inst.meta_value("date_begin") == "15.04.2026");
  CHECK(*inst.meta_value("date_end") == "01.05.2026");
  CHECK(*inst.meta_value("max_project_cost") == "25000000");
  const auto city = ballot_instance(w.def, w.reg, "kosshy");
  CHECK(city.rules.max_length == 2);
  CHECK(city.meta_value("subunit") == nullptr);
  CHECK(city.size() == 1);
  // The .pb export goes through the pabulib writer and reads back to the same instance.
  const auto e = ballot_election(w.def, w.reg, "kosshy-center");
  const auto text = io::to_pabulib(e);
  CHECK(text.find("PROJECTS\nproject_id;cost;name;category;address;description\n") != std::string::npos);
  const auto back = io::parse_pabulib(text, "kosshy-center.pb");
  CHECK(back.inst == e.inst);
  CHECK(back.prof.voters() == 0);
  const auto all = ballot_instances(w.def, w.reg);
  REQUIRE(all.size() == 4);
  CHECK(all[0].first == "kosshy");
  CHECK(all[1].second == inst);
  CHECK(all[2].second.size() == 0);
  CHECK_THROWS_AS(ballot_instance(w.def, w.reg, "kosshy-north-akzhol"), usage_error);
  CHECK_THROWS_AS(ballot_instance(w.def, w.reg, "nowhere"), usage_error);
}

TEST_CASE("restore rebuilds a registry and refuses two proposals with one id") {
  workflow w;
  w.drive("A", st::approved);
  w.drive("B", st::returned);
  const auto copy = proposal_registry::restore(w.reg.proposals(), w.reg.audit());
  CHECK(copy == w.reg);
  CHECK(copy.find("B")->state == st::returned);
  auto twice = w.reg.proposals();
  twice.push_back(twice.front());
  CHECK_THROWS_AS(proposal_registry::restore(twice, {}), usage_error);
}
