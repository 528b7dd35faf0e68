// Definitions for eligibility/checker.hpp.
#ifndef PPB_ELIGIBILITY_CHECKER_INL_HPP
#define PPB_ELIGIBILITY_CHECKER_INL_HPP

#include "ppb/eligibility/checker.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

struct eligibility_reason_entry {
  std::string_view name;
  message_text text;
};

// Indexed by value - 1; pinned: append only.
inline constexpr eligibility_reason_entry eligibility_reasons[] = {
    {"unknown_unit",
     {"мұндай аумақтық бірлік бұл бюджетте жоқ", "такой территориальной единицы нет в этом бюджете",
      "this unit is not part of the election"}},
    {"no_ballot_in_unit",
     {"бұл бірліктің өз бюджеті мен бюллетені жоқ", "у этой единицы нет своего бюджета и бюллетеня",
      "this unit has no budget and no ballot of its own"}},
    {"outside_voting_window",
     {"қазір дауыс беру жүрмейді", "голосование сейчас не проводится", "voting is not open at this time"}},
    {"underage",
     {"дауыс беру күні сіздің жасыңыз белгіленген жастан кіші", "на день голосования вы моложе установленного возраста",
      "you are below the minimum age on the voting day"}},
    {"not_resident",
     {"сіз бұл бірлікте тұрмайсыз", "вы не проживаете в этой единице", "you do not live in this unit"}},
    {"other_units_exhausted",
     {"басқа бірліктерде дауыс беру шегі таусылды", "исчерпан лимит голосования в других единицах",
      "you have already voted in as many other units as allowed"}},
    {"registered_after_cutoff",
     {"тіркеу белгіленген күннен кейін жасалған", "регистрация произведена после установленной даты",
      "you were registered after the cutoff date"}},
    {"not_active",
     {"тізімдегі мәртебеңіз белсенді емес", "ваш статус в списке не активен",
      "your status on the voter roll is not active"}},
    {"already_voted_online",
     {"сіз бұл бірлікте онлайн дауыс беріп қойдыңыз", "вы уже проголосовали онлайн в этой единице",
      "you have already voted online in this unit"}},
    {"already_voted_paper",
     {"сіз бұл бірлікте қағаз бюллетеньмен дауыс беріп қойдыңыз",
      "вы уже проголосовали бумажным бюллетенем в этой единице", "you have already voted on paper in this unit"}},
    {"not_on_roll",
     {"сіз дауыс берушілер тізімінде жоқсыз", "вас нет в списке голосующих", "you are not on the voter roll"}},
};

constexpr auto eligibility_reason_at(eligibility_reason r) noexcept -> const eligibility_reason_entry* {
  const auto i = static_cast<std::size_t>(r);
  return i >= 1 && i <= std::size(eligibility_reasons) ? &eligibility_reasons[i - 1] : nullptr;
}

}  // namespace detail

PPB_FUNC auto reason_name(eligibility_reason r) noexcept -> std::string_view {
  const auto* e = detail::eligibility_reason_at(r);
  return e ? e->name : std::string_view("unknown");
}

PPB_FUNC auto message(eligibility_reason r, lang l) noexcept -> std::string_view {
  const auto* e = detail::eligibility_reason_at(r);
  return e ? e->text.in(l) : std::string_view("?");
}

PPB_FUNC auto eligibility::check(const voter_record& voter, const election_definition& election,
                                 std::string_view unit, std::chrono::sys_seconds at, const voted_set* voted)
    -> eligibility_verdict {
  eligibility_verdict v;
  const auto fail = [&](eligibility_reason r, std::string detail) { v.failures.push_back({r, std::move(detail)}); };
  const auto& spec = election.spec();
  const auto& policy = spec.eligibility;
  const std::string unit_text(unit);
  const bool known = election.find_unit(unit) != nullptr;
  if (!known) fail(eligibility_reason::unknown_unit, "unit '" + unit_text + "' is not in election " + spec.cycle);
  else if (!election.has_ballot(unit)) fail(eligibility_reason::no_ballot_in_unit, "unit '" + unit_text + "' has no budget");

  const auto* window = election.phase(phase_kind::voting);
  if (window == nullptr || !window->contains(at))
    fail(eligibility_reason::outside_voting_window,
         window ? format_iso_timestamp(at) + " is outside voting " + format_iso_timestamp(window->begin) + " to " +
                      format_iso_timestamp(window->end)
                : std::string("the election has no voting phase"));

  const auto day = election.local_date(at);
  if (const int age = age_on(voter.id.birth_date(), day); age < policy.min_age)
    fail(eligibility_reason::underage, "age " + std::to_string(age) + " on " + format_iso_date(day) + "; minimum " +
                                           std::to_string(policy.min_age));

  // Residence: the voter's own unit and every unit containing it count as own.
  if (known && !election.within(voter.unit, unit)) {
    if (policy.residence == residence_rule::own_unit || policy.other_units == 0) {
      fail(eligibility_reason::not_resident, "lives in '" + voter.unit + "', not in '" + unit_text + "'");
    } else if (voted != nullptr) {
      std::uint32_t others = 0;
      for (const auto& u : voted->units_of(voter.id))
        others += u != unit && !election.within(voter.unit, u);
      if (others >= policy.other_units)
        fail(eligibility_reason::other_units_exhausted, "already voted in " + std::to_string(others) +
                                                            " other units; allowed " +
                                                            std::to_string(policy.other_units));
    }
  }

  if (policy.registration_cutoff && voter.registered > *policy.registration_cutoff)
    fail(eligibility_reason::registered_after_cutoff, "registered " + format_iso_date(voter.registered) +
                                                          "; cutoff " + format_iso_date(*policy.registration_cutoff));

  if (voter.status != voter_status::active)
    fail(eligibility_reason::not_active, "status " + std::string(voter_status_name(voter.status)));

  if (voted != nullptr) {
    if (const auto c = voted->find(voter.id, unit)) {
      if (*c == vote_channel::paper) fail(eligibility_reason::already_voted_paper, "paper ballot in '" + unit_text + "'");
      else if (spec.revote == revote_policy::refuse)
        fail(eligibility_reason::already_voted_online, "online ballot in '" + unit_text + "'; revotes are refused");
    }
  }
  return v;
}

PPB_FUNC auto eligibility::check(const voter_roll& roll, const iin& voter, const election_definition& election,
                                 std::string_view unit, std::chrono::sys_seconds at, const voted_set* voted)
    -> eligibility_verdict {
  const auto* record = roll.find(voter);
  if (record == nullptr) return {{{eligibility_reason::not_on_roll, "IIN " + voter.text() + " is not on the roll"}}};
  return check(*record, election, unit, at, voted);
}

PPB_END_NAMESPACE

#endif
