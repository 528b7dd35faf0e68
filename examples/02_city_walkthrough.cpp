// A small Kazakh city prepares its People's Participation Budget: residents submit proposals,
// the expert council reviews them, one is returned and revised, and the approved proposals
// become each district's ballot. Usage: 02_city_walkthrough ELECTION.json ROLL.csv
// (tests/data/election_small_city.json and tests/data/roll_small_city.csv).
#include <cstdio>
#include <string>

#include "ppb/ppb.hpp"

namespace {

auto at(const char* text) -> std::chrono::sys_seconds { return *ppb::parse_iso_timestamp(text); }

void show(const char* what, const ppb::proposal_verdict& v) {
  if (v.ok()) {
    std::printf("  %-6s %-12s %s\n", v.id.c_str(), std::string(ppb::proposal_state_name(*v.state)).c_str(), what);
    return;
  }
  for (const auto& p : v.problems)  // the author reads the reason in Kazakh and Russian; officials get the detail
    std::printf("  %-6s refused      %s: %s / %s (%s)\n", v.id.c_str(), std::string(ppb::reason_name(p.reason)).c_str(),
                std::string(ppb::message(p.reason, ppb::lang::kk)).c_str(),
                std::string(ppb::message(p.reason, ppb::lang::ru)).c_str(), p.detail.c_str());
}

auto proposal(const char* id, const char* author, const char* unit, const char* title, const char* address,
              const char* category, ppb::money cost) -> ppb::submission {
  ppb::submission s;
  s.id = id;
  s.author = author;
  s.unit = unit;
  s.title = title;
  s.description = std::string("Proposal: ") + title;
  s.address = address;
  s.category = category;
  s.cost = cost;
  return s;
}

auto vote(const char* reviewer, ppb::review_decision d, const char* when, const char* comment = "",
          std::optional<ppb::money> cost = std::nullopt,
          std::optional<ppb::proposal_reason> ground = std::nullopt) -> ppb::review_vote {
  ppb::review_vote v;
  v.reviewer = reviewer;
  v.decision = d;
  v.comment = comment;
  v.cost = cost;
  v.ground = ground;
  v.at = at(when);
  return v;
}

}  // namespace

auto main(int argc, char** argv) -> int {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s ELECTION.json ROLL.csv\n", argv[0]);
    return 2;
  }
  try {
    using rd = ppb::review_decision;
    const auto election = ppb::io::load_election(argv[1]);
    const auto roll = ppb::io::read_roll(std::filesystem::path(argv[2]), &election, {.strict = true}).roll;
    const auto& spec = election.spec();
    std::printf("%s\n%s\n%s\n", spec.title.kk.c_str(), spec.title.ru.c_str(), spec.title.en.c_str());
    for (const auto& id : election.ballot_units()) {
      const auto* u = election.find_unit(id);
      std::printf("  %-14s %-22s budget %s %s\n", id.c_str(), u->name.en.c_str(),
                  ppb::format_units(*u->budget, spec.money_places).c_str(), spec.currency.c_str());
    }
    std::printf("%zu residents on the roll\n\n", roll.size());

    ppb::proposal_registry registry;
    std::printf("February: residents submit proposals\n");
    const auto submit = [&](const ppb::submission& s, const char* when) {
      show(s.title.c_str(), registry.submit(election, &roll, s, at(when)));
    };
    submit(proposal("KC-01", "850314301011", "kosshy-center", "Детская площадка во дворе дома 12", "ул. Абая, 12",
                    "playgrounds", 12000000),
           "2026-02-03T06:15:00Z");
    submit(proposal("KC-02", "900707401026", "kosshy-center", "Освещение сквера Достык", "сквер Достык", "lighting",
                    8000000),
           "2026-02-04T10:00:00Z");
    submit(proposal("KC-03", "930303401124", "kosshy-center", "Детская площадка во дворе дома №12!", "ул. Абая 12",
                    "playgrounds", 10000000),
           "2026-02-05T08:30:00Z");  // a likely duplicate of KC-01
    submit(proposal("KN-01", "770101301036", "kosshy-north", "Спортивная площадка в Акжоле", "мкр. Акжол, 5", "sport",
                    20000000),
           "2026-02-06T04:00:00Z");
    submit(proposal("KN-02", "080420601085", "kosshy-north", "Скейт-парк", "ул. Бейбитшилик, 3", "sport", 9000000),
           "2026-02-08T09:00:00Z");  // the author is 17
    submit(proposal("KS-01", "951120401057", "kosshy-south", "Ремонт тротуара по ул. Сейфуллина", "ул. Сейфуллина",
                    "roads", 30000000),
           "2026-02-09T11:00:00Z");  // above the cap

    std::printf("\nMarch: the expert council reviews them (quorum 3, majority)\n");
    const auto review = [&](const char* id, const ppb::review_vote& v) {
      const auto r = registry.review(election, id, v);
      if (!r.ok() || *r.state != ppb::proposal_state::under_review) show("the council's decision", r);
    };
    review("KC-01", vote("expert-aliya", rd::approve, "2026-03-02T05:00:00Z", "", 11500000));
    review("KC-01", vote("expert-bolat", rd::approve, "2026-03-02T06:00:00Z", "", 12000000));
    review("KC-01", vote("expert-dana", rd::approve, "2026-03-02T07:00:00Z", "", 11000000));
    review("KC-02", vote("expert-aliya", rd::approve, "2026-03-03T05:00:00Z"));
    review("KC-02", vote("expert-bolat", rd::return_for_revision, "2026-03-03T06:00:00Z", "уточните смету"));
    review("KC-02", vote("expert-dana", rd::return_for_revision, "2026-03-03T07:00:00Z", "нужна схема"));
    review("KN-01", vote("expert-aliya", rd::approve, "2026-03-04T05:00:00Z"));
    review("KN-01", vote("expert-bolat", rd::approve, "2026-03-04T06:00:00Z", "", 19000000));
    review("KN-01", vote("expert-dana", rd::reject, "2026-03-04T07:00:00Z", "участок в аренде", std::nullopt,
                         ppb::proposal_reason::land_unavailable));

    std::printf("\nLate March: KC-02 is revised by its author\n");
    auto revised = proposal("KC-02", "900707401026", "kosshy-center", "Освещение сквера Достык", "сквер Достык",
                            "lighting", 6000000);
    revised.attachments = {{"kc-02-scheme.pdf", ""}};
    show("revised: 12 lamps at 500 000", registry.resubmit(election, "KC-02", revised, at("2026-03-25T09:00:00Z")));

    std::printf("\nApril: re-review\n");
    review("KC-02", vote("expert-aliya", rd::approve, "2026-04-02T05:00:00Z"));
    review("KC-02", vote("expert-bolat", rd::approve, "2026-04-02T06:00:00Z"));
    review("KC-02", vote("expert-dana", rd::approve, "2026-04-02T07:00:00Z"));

    std::printf("\nThe audit trail holds %zu transitions.\n", registry.audit().size());
    std::printf("\nThe ballots:\n");
    for (const auto& [unit, inst] : ppb::ballot_instances(election, registry)) {
      ppb::money total = 0;
      for (const auto& p : inst.projects()) total += p.cost;
      std::printf("ballot %s: %zu projects, %s of %s %s\n", unit.c_str(), inst.size(),
                  ppb::format_units(total, inst.money_places).c_str(),
                  ppb::format_units(inst.budget, inst.money_places).c_str(), spec.currency.c_str());
      for (const auto& p : inst.projects())
        std::printf("  %-6s %12s  %s\n", p.id.c_str(), ppb::format_units(p.cost, inst.money_places).c_str(),
                    p.name.c_str());
    }

    // The same ballot as a pabulib file, for the voting system and for researchers.
    std::printf("\nkosshy-center as pabulib:\n%s", ppb::io::to_pabulib(ppb::ballot_election(election, registry, "kosshy-center")).c_str());

    // Who may vote in their district on 16 April.
    std::printf("\nEligibility on 2026-04-16:\n");
    const std::pair<const char*, const char*> voters[] = {{"850314301011", "kosshy-center"},
                                                         {"080420601085", "kosshy-north"},
                                                         {"880505301065", "kosshy-south"},
                                                         {"010430501070", "kosshy-center"}};
    for (const auto& [who, unit] : voters) {
      const auto v = ppb::eligibility::check(roll, ppb::check_iin(who).number, election, unit, at("2026-04-16T10:00:00Z"));
      std::printf("  %s in %-14s %s", who, unit, v.eligible() ? "eligible" : "not eligible:");
      for (const auto& f : v.failures)
        std::printf(" %s (%s)", std::string(ppb::reason_name(f.reason)).c_str(),
                    std::string(ppb::message(f.reason, ppb::lang::kk)).c_str());
      std::printf("\n");
    }
  } catch (const ppb::error& err) {
    std::fprintf(stderr, "%s\n", err.what());
    return 1;
  }
  return 0;
}
