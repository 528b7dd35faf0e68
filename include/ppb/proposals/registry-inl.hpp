// Definitions for proposals/registry.hpp.
#ifndef PPB_PROPOSALS_REGISTRY_INL_HPP
#define PPB_PROPOSALS_REGISTRY_INL_HPP

#include <algorithm>
#include <cstdio>

#include "ppb/core/bytes.hpp"
#include "ppb/eligibility/iin.hpp"
#include "ppb/core/bytes.hpp"
#include "ppb/proposals/registry.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

/// Decodes UTF-8 (invalid bytes become U+FFFD, which counts as a separator below).
inline auto proposal_decode_utf8(std::string_view s) -> std::u32string {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

/// Lowercase of the Latin and Cyrillic letters proposals are written in; ё → е. 0 for a character
/// that is not a letter or digit.
constexpr auto proposal_fold(char32_t c) noexcept -> char32_t {
  if (c >= U'0' && c <= U'9') return c;
  if (c >= U'a' && c <= U'z') return c;
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // А–Я
  if (c >= 0x0430 && c <= 0x044F) return c;         // а–я
  if (c == 0x0401 || c == 0x0451) return 0x0435;    // Ё ё → е
  if (c == 0x0406) return 0x0456;                   // І
  if (c == 0x0456) return c;
  // Kazakh letters come in upper/lower pairs at even/odd code points: Ғ Қ Ң Ү Ұ Һ Ә Ө.
  for (char32_t upper : {char32_t{0x0492}, char32_t{0x049A}, char32_t{0x04A2}, char32_t{0x04AE}, char32_t{0x04B0},
                         char32_t{0x04BA}, char32_t{0x04D8}, char32_t{0x04E8}})
    if (c == upper || c == upper + 1) return upper + 1;
  return 0;
}

}  // namespace detail

PPB_FUNC auto detail::normalise_for_duplicates(std::string_view text) -> std::u32string {
  std::u32string out;
  bool space = false;
  for (char32_t c : proposal_decode_utf8(text)) {
    const char32_t f = proposal_fold(c);
    if (f == 0) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(U' ');
    space = false;
    out.push_back(f);
  }
  return out;
}

namespace detail {
/// The numbers in a normalised text, in order ("дом 12 кв 3" → {"12", "3"}).
inline auto proposal_numbers(const std::u32string& s) -> std::vector<std::u32string> {
  std::vector<std::u32string> out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] < U'0' || s[i] > U'9') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] >= U'0' && s[j] <= U'9') ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace detail

PPB_FUNC auto detail::near_identical(const std::u32string& a, const std::u32string& b) -> bool {
  // House and plot numbers tell places apart: "дом 12" and "дом 14" are one edit apart but not
  // the same project, so the numbers must agree exactly.
  if (proposal_numbers(a) != proposal_numbers(b)) return false;
  const std::size_t k = std::max(a.size(), b.size()) / 10;
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > k) return false;
  if (k == 0) return a == b;
  // Banded Levenshtein: only cells within k of the diagonal can stay ≤ k.
  const std::size_t inf = k + 1;
  std::vector<std::size_t> prev(b.size() + 1, inf), cur(b.size() + 1, inf);
  for (std::size_t j = 0; j <= std::min(b.size(), k); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t lo = i > k ? i - k : 0, hi = std::min(b.size(), i + k);
    std::fill(cur.begin(), cur.end(), inf);
    if (lo == 0) cur[0] = i;
    std::size_t best = inf;
    for (std::size_t j = std::max<std::size_t>(lo, 1); j <= hi; ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      const std::size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = std::min({sub, del, ins, inf});
      best = std::min(best, cur[j]);
    }
    if (lo == 0) best = std::min(best, cur[0]);
    if (best > k) return false;
    std::swap(prev, cur);
  }
  return prev[b.size()] <= k;
}

namespace detail {

inline auto proposal_money(money m, int places) -> std::string { return format_units(m, places); }

inline auto proposal_is_hex64(std::string_view s) -> bool { return from_hex_array<32>(s).has_value(); }

/// Whether the review phases allow a vote at `t` (with neither phase: before voting begins).
inline auto review_open(const election_definition& e, std::chrono::sys_seconds t) -> bool {
  const auto* review = e.phase(phase_kind::review);
  const auto* re_review = e.phase(phase_kind::re_review);
  if (review == nullptr && re_review == nullptr) {
    const auto* voting = e.phase(phase_kind::voting);
    return voting == nullptr || t < voting->begin;
  }
  return (review && review->contains(t)) || (re_review && re_review->contains(t));
}

}  // namespace detail

PPB_FUNC auto proposal_registry::find_mutable(std::string_view id) -> proposal* {
  const auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &proposals_[it->second];
}

PPB_FUNC auto proposal_registry::find(std::string_view id) const -> const proposal* {
  const auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &proposals_[it->second];
}

PPB_FUNC auto proposal_registry::approved(std::string_view unit) const -> std::vector<const proposal*> {
  std::vector<const proposal*> out;
  for (const auto& p : proposals_)
    if (p.unit == unit && p.state == proposal_state::approved) out.push_back(&p);
  return out;
}

PPB_FUNC auto proposal_registry::backdated(const proposal& p, std::chrono::sys_seconds at) const
    -> std::optional<proposal_problem> {
  for (auto it = audit_.rbegin(); it != audit_.rend(); ++it) {
    if (it->proposal != p.id) continue;
    if (at >= it->at) return std::nullopt;
    return proposal_problem{proposal_reason::illegal_transition,
                            format_iso_timestamp(at) + " is before the proposal's latest transition (" +
                                std::string(proposal_state_name(it->to)) + " at " + format_iso_timestamp(it->at) + ")"};
  }
  return std::nullopt;
}

PPB_FUNC void proposal_registry::record(proposal& p, proposal_state to, std::string_view actor,
                                        std::chrono::sys_seconds at, std::optional<proposal_reason> reason,
                                        std::string comment) {
  audit_entry e;
  e.seq = audit_.size() + 1;
  e.at = at;
  e.actor = std::string(actor);
  e.proposal = p.id;
  e.from = p.state;
  e.to = to;
  e.reason = reason;
  e.comment = std::move(comment);
  audit_.push_back(std::move(e));
  p.state = to;
}

PPB_FUNC void proposal_registry::check_fields(const election_definition& election, const submission& s,
                                              const std::string& self, std::vector<proposal_problem>& problems) const {
  const auto& spec = election.spec();
  const auto& rules = spec.proposals;
  const auto add = [&](proposal_reason r, std::string d) { problems.push_back({r, std::move(d)}); };
  const auto* unit = election.find_unit(s.unit);
  if (s.unit.empty()) add(proposal_reason::missing_field, "unit is empty");
  else if (unit == nullptr) add(proposal_reason::unit_not_in_election, "unit '" + s.unit + "' is not in election " + spec.cycle);
  else if (!unit->budget) add(proposal_reason::unit_without_budget, "unit '" + s.unit + "' has no budget");

  if (s.title.empty()) add(proposal_reason::missing_field, "title is empty");
  for (auto f : rules.required) {
    const bool empty = f == proposal_field::description ? s.description.empty()
                       : f == proposal_field::address   ? s.address.empty()
                       : f == proposal_field::category  ? s.category.empty()
                                                        : s.attachments.empty();
    if (empty) add(proposal_reason::missing_field, std::string(proposal_field_name(f)) + " is required and empty");
  }
  if (!s.category.empty() &&
      std::find(rules.categories.begin(), rules.categories.end(), s.category) == rules.categories.end())
    add(proposal_reason::category_not_allowed, "category '" + s.category + "' is not allowed");

  const auto money_text = [&](money m) { return detail::proposal_money(m, spec.money_places); };
  if (s.cost < rules.min_cost)
    add(proposal_reason::cost_below_minimum, "cost " + money_text(s.cost) + " is below the minimum " + money_text(rules.min_cost));
  if (rules.max_cost && s.cost > *rules.max_cost)
    add(proposal_reason::cost_above_cap, "cost " + money_text(s.cost) + " is above the cap " + money_text(*rules.max_cost));
  else if (unit != nullptr && unit->budget && s.cost > *unit->budget)
    add(proposal_reason::cost_above_cap,
        "cost " + money_text(s.cost) + " is above the unit's budget " + money_text(*unit->budget));

  for (std::size_t i = 0; i < s.attachments.size(); ++i) {
    const auto& a = s.attachments[i];
    if (a.ref.empty()) add(proposal_reason::bad_attachment, "attachment " + std::to_string(i + 1) + " has no reference");
    else if (!a.sha256.empty() && !detail::proposal_is_hex64(a.sha256))
      add(proposal_reason::bad_attachment,
          "attachment '" + a.ref + "': sha256 must be 64 hex digits (got " + std::to_string(a.sha256.size()) + ")");
  }

  // Likely duplicates among the live proposals of the same unit.
  if (!s.title.empty() && unit != nullptr) {
    const auto title = detail::normalise_for_duplicates(s.title);
    const auto address = detail::normalise_for_duplicates(s.address);
    for (const auto& other : proposals_) {
      if (other.id == self || other.unit != s.unit || is_final(other.state)) continue;
      const auto other_address = detail::normalise_for_duplicates(other.address);
      if (!address.empty() && !other_address.empty() && !detail::near_identical(address, other_address)) continue;
      if (detail::near_identical(title, detail::normalise_for_duplicates(other.title))) {
        add(proposal_reason::likely_duplicate, "nearly repeats " + other.id + " '" + other.title + "'");
        break;
      }
    }
  }
}

PPB_FUNC auto proposal_registry::submit(const election_definition& election, const voter_roll* roll,
                                        const submission& s, std::chrono::sys_seconds at) -> proposal_verdict {
  const auto& spec = election.spec();
  const auto& rules = spec.proposals;
  proposal_verdict v;
  v.id = s.id;
  const auto add = [&](proposal_reason r, std::string d) { v.problems.push_back({r, std::move(d)}); };

  const auto* window = election.phase(phase_kind::submission);
  if (window == nullptr || !window->contains(at))
    add(proposal_reason::outside_submission_window,
        window ? format_iso_timestamp(at) + " is outside submission " + format_iso_timestamp(window->begin) + " to " +
                     format_iso_timestamp(window->end)
               : std::string("the election has no submission phase"));

  if (!s.id.empty() && find(s.id) != nullptr) add(proposal_reason::duplicate_id, "proposal " + s.id + " already exists");

  // The author: a valid IIN, old enough, and (with a roll) on it, active and living in the unit.
  if (s.author.empty()) {
    add(proposal_reason::missing_field, "author is empty");
  } else if (const auto author = check_iin(s.author); !author) {
    add(proposal_reason::author_iin_invalid, "IIN '" + s.author + "': " + std::string(reason_name(author.reason)));
  } else {
    const int min_age = rules.author_min_age.value_or(spec.eligibility.min_age);
    const auto day = election.local_date(at);
    if (const int age = age_on(author.number.birth_date(), day); age < min_age)
      add(proposal_reason::author_underage,
          "age " + std::to_string(age) + " on " + format_iso_date(day) + "; minimum " + std::to_string(min_age));
    if (roll != nullptr) {
      const auto* record = roll->find(author.number);
      if (record == nullptr) {
        add(proposal_reason::author_not_on_roll, "IIN " + s.author + " is not on the roll");
      } else {
        if (record->status != voter_status::active)
          add(proposal_reason::author_not_active, "status " + std::string(voter_status_name(record->status)));
        if (election.find_unit(s.unit) != nullptr && !election.within(record->unit, s.unit))
          add(proposal_reason::author_not_resident, "lives in '" + record->unit + "', not in '" + s.unit + "'");
      }
    }
    std::uint32_t count = 0;
    for (const auto& p : proposals_) count += p.author == s.author && p.state != proposal_state::withdrawn;
    if (count >= rules.max_per_author)
      add(proposal_reason::author_limit_reached,
          "already " + std::to_string(count) + " proposals; limit " + std::to_string(rules.max_per_author));
  }
  check_fields(election, s, std::string(), v.problems);
  if (!v.ok()) return v;

  proposal p;
  p.id = s.id;
  for (std::size_t n = proposals_.size() + 1; p.id.empty(); ++n) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "P%04zu", n);
    if (find(buf) == nullptr) p.id = buf;
  }
  p.author = s.author;
  p.unit = s.unit;
  p.title = s.title;
  p.description = s.description;
  p.address = s.address;
  p.category = s.category;
  p.attachments = s.attachments;
  p.estimated_cost = s.cost;
  p.submitted_at = at;
  audit_entry e;
  e.seq = audit_.size() + 1;
  e.at = at;
  e.actor = s.author;
  e.proposal = p.id;
  e.to = proposal_state::submitted;
  audit_.push_back(std::move(e));
  v.id = p.id;
  v.state = proposal_state::submitted;
  index_.emplace(p.id, proposals_.size());
  proposals_.push_back(std::move(p));
  return v;
}

PPB_FUNC auto proposal_registry::transition(std::string_view id, proposal_state to, std::string_view actor,
                                            std::chrono::sys_seconds at, std::optional<proposal_reason> reason,
                                            std::string comment) -> proposal_verdict {
  proposal_verdict v;
  v.id = std::string(id);
  auto* p = find_mutable(id);
  if (p == nullptr) {
    v.problems.push_back({proposal_reason::unknown_proposal, "no proposal " + v.id});
    return v;
  }
  if (!transition_allowed(p->state, to)) {
    v.problems.push_back({proposal_reason::illegal_transition, std::string(proposal_state_name(p->state)) + " → " +
                                                                   std::string(proposal_state_name(to)) +
                                                                   " is not a step of the lifecycle"});
    v.state = p->state;
    return v;
  }
  if (auto problem = backdated(*p, at)) {
    v.problems.push_back(std::move(*problem));
    v.state = p->state;
    return v;
  }
  record(*p, to, actor, at, reason, std::move(comment));
  v.state = p->state;
  return v;
}

PPB_FUNC auto proposal_registry::review(const election_definition& election, std::string_view id, review_vote vote)
    -> proposal_verdict {
  const auto& rules = election.spec().proposals;
  proposal_verdict v;
  v.id = std::string(id);
  const auto add = [&](proposal_reason r, std::string d) { v.problems.push_back({r, std::move(d)}); };
  auto* p = find_mutable(id);
  if (p == nullptr) {
    add(proposal_reason::unknown_proposal, "no proposal " + v.id);
    return v;
  }
  v.state = p->state;
  const bool opens = p->state == proposal_state::submitted || p->state == proposal_state::resubmitted;
  if (!opens && p->state != proposal_state::under_review)
    add(proposal_reason::illegal_transition,
        "votes are taken under review; the proposal is " + std::string(proposal_state_name(p->state)));
  else if (auto problem = backdated(*p, vote.at))
    v.problems.push_back(std::move(*problem));
  if (!detail::review_open(election, vote.at))
    add(proposal_reason::outside_review_window, format_iso_timestamp(vote.at) + " is outside the review phases");
  if (vote.reviewer.empty()) add(proposal_reason::missing_field, "reviewer is empty");
  else if (!rules.review.council.empty() &&
           std::find(rules.review.council.begin(), rules.review.council.end(), vote.reviewer) == rules.review.council.end())
    add(proposal_reason::not_a_council_member, "'" + vote.reviewer + "' is not on the council");
  if (p->state == proposal_state::under_review)  // an opening vote starts a fresh round
    for (const auto& earlier : p->votes)
      if (earlier.round == p->round && earlier.reviewer == vote.reviewer)
        add(proposal_reason::already_reviewed,
            "'" + vote.reviewer + "' already voted in round " + std::to_string(p->round));
  if (vote.decision == review_decision::reject && (!vote.ground || !is_rejection_ground(*vote.ground)))
    add(proposal_reason::not_a_rejection_ground,
        vote.ground ? "'" + std::string(reason_name(*vote.ground)) + "' is not a rejection ground (40–59)"
                    : std::string("a rejection needs a ground"));
  if (vote.decision != review_decision::approve && vote.comment.empty())
    add(proposal_reason::missing_field, "a " + std::string(review_decision_name(vote.decision)) + " vote needs a comment");
  if (vote.decision == review_decision::approve && vote.cost) {
    const auto* unit = election.find_unit(p->unit);
    const auto text = [&](money m) { return detail::proposal_money(m, election.spec().money_places); };
    if (*vote.cost < rules.min_cost)
      add(proposal_reason::cost_below_minimum, "cost " + text(*vote.cost) + " is below the minimum " + text(rules.min_cost));
    if ((rules.max_cost && *vote.cost > *rules.max_cost) || (unit && unit->budget && *vote.cost > *unit->budget))
      add(proposal_reason::cost_above_cap, "cost " + text(*vote.cost) + " is above the cap");
  }
  if (!v.ok()) return v;

  if (opens) {
    if (p->state == proposal_state::resubmitted) ++p->round;
    record(*p, proposal_state::under_review, vote.reviewer, vote.at, std::nullopt, "review round " + std::to_string(p->round));
  }
  vote.round = p->round;
  const auto at = vote.at;
  p->votes.push_back(std::move(vote));
  std::uint32_t in_round = 0;
  for (const auto& x : p->votes) in_round += x.round == p->round;
  if (in_round >= rules.review.quorum) decide(election, *p, at);
  v.state = p->state;
  return v;
}

PPB_FUNC void proposal_registry::decide(const election_definition& election, proposal& p, std::chrono::sys_seconds at) {
  const auto& rules = election.spec().proposals;
  std::vector<const review_vote*> round;
  for (const auto& x : p.votes)
    if (x.round == p.round) round.push_back(&x);
  std::size_t approvals = 0, returns = 0, rejects = 0;
  std::vector<money> costs;
  std::string return_comments, reject_comments;
  for (const auto* x : round) {
    const auto join = [&](std::string& all) { all.append(all.empty() ? "" : "; ").append(x->reviewer + ": " + x->comment); };
    switch (x->decision) {
      case review_decision::approve:
        ++approvals;
        costs.push_back(x->cost.value_or(p.estimated_cost));
        break;
      case review_decision::return_for_revision:
        ++returns;
        join(return_comments);
        break;
      case review_decision::reject:
        ++rejects;
        join(reject_comments);
        break;
    }
  }
  const bool approve = rules.review.rule == decision_rule::all ? approvals == round.size() : 2 * approvals > round.size();
  if (approve) {
    std::sort(costs.begin(), costs.end());
    p.final_cost = costs[(costs.size() - 1) / 2];  // lower median
    p.decision_comment = std::to_string(approvals) + " of " + std::to_string(round.size()) + " approve; cost " +
                         detail::proposal_money(*p.final_cost, election.spec().money_places);
    record(p, proposal_state::approved, "council", at, std::nullopt, p.decision_comment);
    return;
  }
  if (returns > 0 && returns >= rejects && p.revisions < rules.max_revisions) {
    ++p.revisions;
    p.decision_comment = return_comments;
    record(p, proposal_state::returned, "council", at, std::nullopt, return_comments);
    return;
  }
  // Rejected: the most frequent ground among the reject votes, the first cast winning a tie.
  std::optional<proposal_reason> ground;
  std::size_t best = 0;
  for (const auto* x : round) {
    if (x->decision != review_decision::reject) continue;
    std::size_t n = 0;
    for (const auto* y : round) n += y->decision == review_decision::reject && y->ground == x->ground;
    if (n > best) {
      best = n;
      ground = x->ground;
    }
  }
  if (!ground) ground = proposal_reason::revision_limit_reached;
  p.rejection = ground;
  p.decision_comment = rejects > 0 ? reject_comments : return_comments;
  record(p, proposal_state::rejected, "council", at, ground, p.decision_comment);
}

PPB_FUNC auto proposal_registry::resubmit(const election_definition& election, std::string_view id,
                                          const submission& revised, std::chrono::sys_seconds at) -> proposal_verdict {
  proposal_verdict v;
  v.id = std::string(id);
  const auto add = [&](proposal_reason r, std::string d) { v.problems.push_back({r, std::move(d)}); };
  auto* p = find_mutable(id);
  if (p == nullptr) {
    add(proposal_reason::unknown_proposal, "no proposal " + v.id);
    return v;
  }
  v.state = p->state;
  if (!transition_allowed(p->state, proposal_state::resubmitted))
    add(proposal_reason::illegal_transition,
        "only a returned proposal can be revised; it is " + std::string(proposal_state_name(p->state)));
  else if (auto problem = backdated(*p, at))
    v.problems.push_back(std::move(*problem));
  if (revised.author != p->author) add(proposal_reason::not_the_author, "only the author may revise " + v.id);
  if (!revised.unit.empty() && revised.unit != p->unit)
    add(proposal_reason::unit_changed, "unit '" + revised.unit + "' differs from '" + p->unit + "'");
  const auto* window = election.phase(phase_kind::revision);
  const auto* voting = election.phase(phase_kind::voting);
  const bool open = window ? window->contains(at) : (voting == nullptr || at < voting->begin);
  if (!open) add(proposal_reason::outside_revision_window, format_iso_timestamp(at) + " is outside the revision phase");
  submission s = revised;
  s.unit = p->unit;
  check_fields(election, s, p->id, v.problems);
  if (!v.ok()) return v;
  p->title = s.title;
  p->description = s.description;
  p->address = s.address;
  p->category = s.category;
  p->attachments = s.attachments;
  p->estimated_cost = s.cost;
  p->final_cost.reset();
  record(*p, proposal_state::resubmitted, p->author, at, std::nullopt, "revision " + std::to_string(p->revisions));
  v.state = p->state;
  return v;
}

PPB_FUNC auto proposal_registry::withdraw(std::string_view id, std::string_view author, std::chrono::sys_seconds at,
                                          std::string comment) -> proposal_verdict {
  const auto* p = find(id);
  if (p != nullptr && p->author != author) {
    proposal_verdict v;
    v.id = std::string(id);
    v.state = p->state;
    v.problems.push_back({proposal_reason::not_the_author, "only the author may withdraw " + v.id});
    return v;
  }
  return transition(id, proposal_state::withdrawn, author, at, std::nullopt, std::move(comment));
}

PPB_FUNC auto proposal_registry::merge(std::string_view id, std::string_view into, std::string_view actor,
                                       std::chrono::sys_seconds at, std::string comment) -> proposal_verdict {
  const auto* p = find(id);
  const auto* target = find(into);
  if (p != nullptr) {
    std::string why;
    if (into == id) why = "a proposal cannot be merged into itself";
    else if (target == nullptr) why = "no proposal " + std::string(into);
    else if (target->unit != p->unit) why = std::string(into) + " is for unit '" + target->unit + "', not '" + p->unit + "'";
    else if (is_final(target->state)) why = std::string(into) + " is " + std::string(proposal_state_name(target->state));
    if (!why.empty()) {
      proposal_verdict v;
      v.id = std::string(id);
      v.state = p->state;
      v.problems.push_back({proposal_reason::bad_merge_target, why});
      return v;
    }
  }
  if (comment.empty()) comment = "merged into " + std::string(into);
  auto v = transition(id, proposal_state::merged, actor, at, std::nullopt, std::move(comment));
  if (v.ok()) find_mutable(id)->merged_into = std::string(into);
  return v;
}

PPB_FUNC auto proposal_registry::restore(std::vector<proposal> proposals, std::vector<audit_entry> audit)
    -> proposal_registry {
  proposal_registry r;
  r.proposals_ = std::move(proposals);
  r.audit_ = std::move(audit);
  for (std::size_t i = 0; i < r.proposals_.size(); ++i)
    if (!r.index_.emplace(r.proposals_[i].id, i).second)
      throw usage_error("two proposals share the id '" + r.proposals_[i].id + "'");
  return r;
}

PPB_END_NAMESPACE

#endif
