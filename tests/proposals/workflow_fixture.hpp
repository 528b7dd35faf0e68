// A proposal workflow on the small city: the definition (optionally a variant), the roll, a
// registry, and short ways to submit, vote and drive a proposal into any lifecycle state.
#ifndef PPB_TESTS_WORKFLOW_FIXTURE_HPP
#define PPB_TESTS_WORKFLOW_FIXTURE_HPP

#include "eligibility/election_fixture.hpp"
#include "ppb/proposals/registry.hpp"

namespace fixture {

inline const auto submit_at = *ppb::parse_iso_timestamp("2026-02-10T06:00:00Z");
inline const auto review_at = *ppb::parse_iso_timestamp("2026-03-05T06:00:00Z");
inline const auto revision_at = *ppb::parse_iso_timestamp("2026-03-25T06:00:00Z");
inline const auto re_review_at = *ppb::parse_iso_timestamp("2026-04-02T06:00:00Z");
inline const std::vector<std::string> council = {"expert-aliya", "expert-bolat", "expert-dana"};

struct workflow {
  ppb::election_definition def;
  ppb::voter_roll roll = small_city_roll();
  ppb::proposal_registry reg;

  /// The small city with at most 100 proposals per author, so one author can make many.
  workflow()
      : def(small_city_def_with([](boost::json::object& d) { d["proposals"].as_object()["max_per_author"] = 100; })) {}
  explicit workflow(ppb::election_definition d) : def(std::move(d)) {}

  /// A submission that passes every check (for `title` unique among live proposals of the unit).
  static auto good(const std::string& id, const std::string& title, const std::string& unit = "kosshy-center",
                   const std::string& author = center_voter) -> ppb::submission {
    ppb::submission s;
    s.id = id;
    s.author = author;
    s.unit = unit;
    s.title = title;
    s.description = "description of " + title;
    s.address = "address of " + title;
    s.category = "sport";
    s.cost = 5000000;
    return s;
  }
  auto submit(const ppb::submission& s, std::chrono::sys_seconds at = submit_at) -> ppb::proposal_verdict {
    return reg.submit(def, &roll, s, at);
  }
  auto submit(const std::string& id, const std::string& title = "") -> ppb::proposal_verdict {
    auto v = submit(good(id, title.empty() ? "Project " + id : title));
    if (!v.ok()) FAIL_CHECK(ppb::reason_name(v.problems[0].reason), ": ", v.problems[0].detail);
    REQUIRE(v.ok());
    return v;
  }
  auto vote(const std::string& id, const std::string& reviewer, ppb::review_decision d,
            std::chrono::sys_seconds at = review_at, std::optional<ppb::money> cost = std::nullopt,
            std::optional<ppb::proposal_reason> ground = std::nullopt, std::string comment = "")
      -> ppb::proposal_verdict {
    ppb::review_vote v;
    v.reviewer = reviewer;
    v.decision = d;
    v.cost = cost;
    v.ground = ground;
    v.comment = comment.empty() && d != ppb::review_decision::approve ? "comment of " + reviewer : comment;
    v.at = at;
    return reg.review(def, id, v);
  }
  /// All three council members vote `d` (rejecting on `land_unavailable`).
  void council_votes(const std::string& id, ppb::review_decision d, std::chrono::sys_seconds at = review_at) {
    for (const auto& m : council) {
      const auto v = vote(id, m, d, at, std::nullopt,
                          d == ppb::review_decision::reject ? std::optional(ppb::proposal_reason::land_unavailable)
                                                            : std::nullopt);
      REQUIRE(v.ok());
    }
  }
  auto state(const std::string& id) const -> ppb::proposal_state { return reg.find(id)->state; }

  /// A new proposal `id` in state `s`, by the operations a real cycle would use.
  void drive(const std::string& id, ppb::proposal_state s) {
    using st = ppb::proposal_state;
    submit(id);
    switch (s) {
      case st::submitted: break;
      case st::under_review: REQUIRE(vote(id, council[0], ppb::review_decision::approve).ok()); break;
      case st::approved: council_votes(id, ppb::review_decision::approve); break;
      case st::returned: council_votes(id, ppb::review_decision::return_for_revision); break;
      case st::resubmitted: {
        council_votes(id, ppb::review_decision::return_for_revision);
        auto revised = good(id, "Project " + id + " revised");
        revised.id.clear();
        REQUIRE(reg.resubmit(def, id, revised, revision_at).ok());
        break;
      }
      case st::rejected: council_votes(id, ppb::review_decision::reject); break;
      case st::withdrawn: REQUIRE(reg.withdraw(id, center_voter, submit_at).ok()); break;
      case st::merged:
        submit(id + "-target");
        REQUIRE(reg.merge(id, id + "-target", "council", review_at).ok());
        break;
    }
    REQUIRE(state(id) == s);
  }
};

}  // namespace fixture

#endif
