// Definitions for proposals/proposal.hpp.
#ifndef PPB_PROPOSALS_PROPOSAL_INL_HPP
#define PPB_PROPOSALS_PROPOSAL_INL_HPP

#include "ppb/proposals/proposal.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

struct proposal_reason_entry {
  proposal_reason reason;
  std::string_view name;
  message_text text;
};

// Pinned: append only; names and meanings never change.
inline constexpr proposal_reason_entry proposal_reasons[] = {
    {proposal_reason::outside_submission_window, "outside_submission_window",
     {"қазір ұсыныстар қабылданбайды", "приём предложений сейчас не ведётся",
      "proposals are not being accepted at this time"}},
    {proposal_reason::author_iin_invalid, "author_iin_invalid",
     {"автордың ЖСН-і жарамсыз", "ИИН автора недействителен", "the author's IIN is not valid"}},
    {proposal_reason::author_underage, "author_underage",
     {"автор белгіленген жасқа толмаған", "автор не достиг установленного возраста",
      "the author is below the minimum age"}},
    {proposal_reason::author_not_resident, "author_not_resident",
     {"автор бұл аумақта тұрмайды", "автор не проживает на этой территории", "the author does not live in this unit"}},
    {proposal_reason::author_not_on_roll, "author_not_on_roll",
     {"автор тұрғындар тізімінде жоқ", "автора нет в списке жителей", "the author is not on the voter roll"}},
    {proposal_reason::author_not_active, "author_not_active",
     {"автордың тізімдегі мәртебесі белсенді емес", "статус автора в списке не активен",
      "the author's status on the roll is not active"}},
    {proposal_reason::unit_not_in_election, "unit_not_in_election",
     {"мұндай аумақтық бірлік бұл бюджетте жоқ", "такой территориальной единицы нет в этом бюджете",
      "this unit is not part of the election"}},
    {proposal_reason::unit_without_budget, "unit_without_budget",
     {"бұл бірліктің өз бюджеті жоқ", "у этой единицы нет своего бюджета", "this unit has no budget of its own"}},
    {proposal_reason::category_not_allowed, "category_not_allowed",
     {"бұл санатқа ұсыныс беруге болмайды", "эта категория не допускается", "this category is not allowed"}},
    {proposal_reason::cost_above_cap, "cost_above_cap",
     {"құны бір жобаға белгіленген шектен асады", "стоимость превышает предел для одного проекта",
      "the cost is above the per-project cap"}},
    {proposal_reason::cost_below_minimum, "cost_below_minimum",
     {"құны ең төменгі шектен аз", "стоимость ниже минимальной", "the cost is below the minimum"}},
    {proposal_reason::missing_field, "missing_field",
     {"міндетті өріс толтырылмаған", "не заполнено обязательное поле", "a required field is empty"}},
    {proposal_reason::author_limit_reached, "author_limit_reached",
     {"бір автордан берілетін ұсыныстар шегіне жетті", "автор исчерпал лимит предложений",
      "the author has reached the limit of proposals"}},
    {proposal_reason::likely_duplicate, "likely_duplicate",
     {"бұл ұсыныс басқа ұсынысты қайталайтын сияқты", "предложение почти совпадает с другим",
      "this proposal nearly repeats another one"}},
    {proposal_reason::duplicate_id, "duplicate_id",
     {"мұндай нөмірлі ұсыныс бар", "предложение с таким номером уже есть", "a proposal with this id already exists"}},
    {proposal_reason::bad_attachment, "bad_attachment",
     {"тіркеменің сілтемесі немесе хэші жарамсыз", "неверная ссылка или хеш вложения",
      "an attachment's reference or hash is not valid"}},
    {proposal_reason::unit_changed, "unit_changed",
     {"пысықтау кезінде ұсынысты басқа бірлікке ауыстыруға болмайды",
      "при доработке нельзя перенести предложение в другую единицу",
      "a revision cannot move the proposal to another unit"}},
    {proposal_reason::illegal_transition, "illegal_transition",
     {"ұсыныстың қазіргі күйінде бұл әрекетке жол берілмейді",
      "это действие невозможно в текущем состоянии предложения",
      "this step is not allowed in the proposal's current state"}},
    {proposal_reason::unknown_proposal, "unknown_proposal",
     {"мұндай ұсыныс жоқ", "такого предложения нет", "there is no such proposal"}},
    {proposal_reason::outside_review_window, "outside_review_window",
     {"қазір сараптама кезеңі емес", "сейчас не период рассмотрения", "the review period is not open"}},
    {proposal_reason::outside_revision_window, "outside_revision_window",
     {"қазір пысықтау кезеңі емес", "сейчас не период доработки", "the revision period is not open"}},
    {proposal_reason::revision_limit_reached, "revision_limit_reached",
     {"пысықтауға қайтару шегі таусылды", "исчерпан лимит возвратов на доработку",
      "the proposal cannot be returned for revision again"}},
    {proposal_reason::not_a_council_member, "not_a_council_member",
     {"сарапшы сараптама кеңесінің мүшесі емес", "рецензент не входит в экспертный совет",
      "the reviewer is not a member of the expert council"}},
    {proposal_reason::already_reviewed, "already_reviewed",
     {"сарапшы бұл кезеңде дауыс беріп қойған", "рецензент уже голосовал в этом раунде",
      "the reviewer has already voted in this round"}},
    {proposal_reason::bad_merge_target, "bad_merge_target",
     {"бұл ұсыныспен біріктіруге болмайды", "с этим предложением объединить нельзя",
      "the proposal cannot be merged into that one"}},
    {proposal_reason::not_the_author, "not_the_author",
     {"мұны тек автор жасай алады", "это может сделать только автор", "only the author can do this"}},
    {proposal_reason::not_a_rejection_ground, "not_a_rejection_ground",
     {"қабылдамау негізі көрсетілмеген немесе жарамсыз", "основание отклонения не указано или неверно",
      "the rejection ground is missing or not valid"}},
    {proposal_reason::outside_competence, "outside_competence",
     {"жергілікті атқарушы органның құзыретіне жатпайды", "не относится к компетенции местного исполнительного органа",
      "outside the competence of the local executive body"}},
    {proposal_reason::not_feasible, "not_feasible",
     {"техникалық тұрғыдан іске асыру мүмкін емес", "технически неосуществимо", "not technically feasible"}},
    {proposal_reason::land_unavailable, "land_unavailable",
     {"жер учаскесі қолжетімсіз", "земельный участок недоступен", "the land is not available"}},
    {proposal_reason::cost_unjustified, "cost_unjustified",
     {"құны негізделмеген", "стоимость не обоснована", "the cost is not justified"}},
    {proposal_reason::already_planned, "already_planned",
     {"бұл жұмыстар бюджетте жоспарланған", "эти работы уже запланированы в бюджете",
      "the work is already planned in the budget"}},
    {proposal_reason::duplicate_of_other, "duplicate_of_other",
     {"басқа ұсынысты қайталайды", "дублирует другое предложение", "duplicates another proposal"}},
    {proposal_reason::against_law, "against_law",
     {"заңнамаға немесе нормаларға қайшы", "противоречит законодательству или нормам",
      "contrary to law or building standards"}},
    {proposal_reason::other, "other",
     {"басқа себеп (түсініктемені қараңыз)", "иная причина (см. комментарий)", "another reason (see the comment)"}},
};

constexpr auto proposal_reason_at(proposal_reason r) noexcept -> const proposal_reason_entry* {
  for (const auto& e : proposal_reasons)
    if (e.reason == r) return &e;
  return nullptr;
}

inline constexpr std::string_view proposal_state_names[] = {"submitted", "under_review", "approved", "returned",
                                                            "resubmitted", "rejected",   "withdrawn", "merged"};

}  // namespace detail

PPB_FUNC auto reason_name(proposal_reason r) noexcept -> std::string_view {
  const auto* e = detail::proposal_reason_at(r);
  return e ? e->name : std::string_view("unknown");
}

PPB_FUNC auto parse_proposal_reason(std::string_view name) noexcept -> std::optional<proposal_reason> {
  for (const auto& e : detail::proposal_reasons)
    if (e.name == name) return e.reason;
  return std::nullopt;
}

PPB_FUNC auto message(proposal_reason r, lang l) noexcept -> std::string_view {
  const auto* e = detail::proposal_reason_at(r);
  return e ? e->text.in(l) : std::string_view("?");
}

PPB_FUNC auto proposal_state_name(proposal_state s) noexcept -> std::string_view {
  const auto i = static_cast<std::size_t>(s);
  return i < std::size(detail::proposal_state_names) ? detail::proposal_state_names[i] : std::string_view("unknown");
}

PPB_FUNC auto parse_proposal_state(std::string_view s) noexcept -> std::optional<proposal_state> {
  for (std::size_t i = 0; i < std::size(detail::proposal_state_names); ++i)
    if (detail::proposal_state_names[i] == s) return static_cast<proposal_state>(i);
  return std::nullopt;
}

PPB_FUNC auto transition_allowed(proposal_state from, proposal_state to) noexcept -> bool {
  using s = proposal_state;
  switch (from) {
    case s::submitted: return to == s::under_review || to == s::withdrawn || to == s::merged;
    case s::under_review:
      return to == s::approved || to == s::returned || to == s::rejected || to == s::merged || to == s::withdrawn;
    case s::returned: return to == s::resubmitted || to == s::withdrawn;
    case s::resubmitted: return to == s::under_review || to == s::withdrawn || to == s::merged;
    case s::approved: return to == s::withdrawn || to == s::merged;
    case s::rejected:
    case s::withdrawn:
    case s::merged: return false;
  }
  return false;
}

PPB_FUNC auto review_decision_name(review_decision d) noexcept -> std::string_view {
  switch (d) {
    case review_decision::approve: return "approve";
    case review_decision::return_for_revision: return "return";
    case review_decision::reject: return "reject";
  }
  return "unknown";
}

PPB_FUNC auto parse_review_decision(std::string_view s) noexcept -> std::optional<review_decision> {
  for (auto d : {review_decision::approve, review_decision::return_for_revision, review_decision::reject})
    if (review_decision_name(d) == s) return d;
  return std::nullopt;
}

PPB_END_NAMESPACE

#endif
