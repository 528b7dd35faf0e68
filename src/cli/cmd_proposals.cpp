// `ppb proposals import|review|export|audit|list`: the proposal workflow, with its state kept in a
// snapshot file between commands.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "text.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view proposals_help = R"(usage: ppb proposals import PROPOSALS.json --state STATE [--election FILE.json] [--roll ROLL.csv] [--lang L]
       ppb proposals review REVIEWS.json --state STATE [--lang L]
       ppb proposals export --state STATE --unit UNIT [--output FILE.pb]
       ppb proposals audit --state STATE
       ppb proposals list --state STATE [--unit UNIT] [--json]

The state of a budget cycle's proposals lives in a snapshot file (STATE): the election
definition, the voter roll and every proposal with its audit trail. File formats:
docs/proposals.md.

import   Applies a ppb/proposals/v1 file: submissions, authors' revisions and withdrawals. The
         first import creates STATE from --election (and --roll: without a roll, authors'
         residence is not checked); later imports may give --roll to replace the roll. Prints
         one line per entry:
           ID submitted | ID resubmitted | ID withdrawn
           ID refused REASON_CODE message (detail)        (one line per problem)
review   Applies a ppb/reviews/v1 file: council members' votes (approve, return, reject) and
         merges. Prints each vote as recorded or refused, and each decision the votes reach:
           ID approved cost N | ID returned | ID rejected GROUND | ID merged into OTHER
export   Writes the ballot of UNIT as a pabulib .pb file (META from the election, PROJECTS from
         the approved proposals, an empty VOTES section) to stdout or --output.
audit    Writes the audit trail as CSV: seq,at,proposal,actor,from,to,reason,comment.
list     Prints every proposal (or UNIT's): id, unit, state, cost, title; with --json, one line
         of JSON with every field (docs/proposals.md).

--lang kk|ru|en chooses the language of messages (default en).

Exit status: 0 done, 1 refusals or bad input file, 2 bad command line.
)";

auto lang_of(const args& a) -> lang {
  if (const auto s = a.value("--lang")) {
    if (const auto l = parse_lang(*s)) return *l;
    throw usage("--lang must be kk, ru or en");
  }
  return lang::en;
}

auto state_path(const args& a) -> std::string {
  const auto s = a.value("--state");
  if (!s) throw usage("give --state STATE (the snapshot file that holds the proposals)");
  return *s;
}

void print_problems(std::string_view id, const proposal_verdict& v, lang l) {
  for (const auto& p : v.problems)
    fmt::print("{} refused {} {} ({})\n", id, reason_name(p.reason), message(p.reason, l), p.detail);
}

auto run_import(const args& a, const std::string& file) -> int {
  const auto path = state_path(a);
  const lang l = lang_of(a);
  election_state state;
  if (std::filesystem::exists(path)) {
    state = io::load_snapshot(std::filesystem::path(path));
    if (const auto e = a.value("--election"); e && io::read_file_bytes(*e) != state.definition.bytes())
      throw usage("--election differs from the definition in " + path + " (a state belongs to one election)");
  } else {
    const auto e = a.value("--election");
    if (!e) throw usage(path + " does not exist yet: give --election FILE.json to create it");
    state.definition = io::load_election(*e);
  }
  if (const auto r = a.value("--roll")) {
    auto imported = io::read_roll(*r, &state.definition);
    if (imported.bad_rows > 0)
      throw parse_error(errc::bad_value, *r, imported.errors.empty() ? 0 : imported.errors.front().line,
                        std::to_string(imported.bad_rows) + " rows are refused (see ppb roll check " + *r + ")");
    state.roll = std::move(imported.roll);
  }
  if (state.roll.empty()) fmt::print(stderr, "ppb proposals: warning: no voter roll in {}: authors' residence is not checked\n", path);
  const auto entries = io::parse_proposal_entries(io::read_file_bytes(file), file);
  const voter_roll* roll = state.roll.empty() ? nullptr : &state.roll;
  std::size_t done = 0, refused = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto v = io::apply_entry(state.proposals, state.definition, roll, entries[i]);
    const std::string id = v.id.empty() ? fmt::format("#{}", i + 1) : v.id;
    if (v.ok()) {
      ++done;
      fmt::print("{} {}\n", id, proposal_state_name(*v.state));
    } else {
      ++refused;
      print_problems(id, v, l);
    }
  }
  io::save_snapshot(std::filesystem::path(path), state);
  fmt::print(stderr, "ppb proposals: {} applied, {} refused; {} proposals in {}\n", done, refused,
             state.proposals.proposals().size(), path);
  return refused == 0 ? exit_ok : exit_data;
}

auto run_review(const args& a, const std::string& file) -> int {
  const auto path = state_path(a);
  const lang l = lang_of(a);
  auto state = io::load_snapshot(std::filesystem::path(path));
  const auto entries = io::parse_review_entries(io::read_file_bytes(file), file);
  std::size_t done = 0, refused = 0;
  const auto& places = state.definition.spec().money_places;
  for (const auto& e : entries) {
    if (e.merge) {
      const auto v = io::apply_entry(state.proposals, state.definition, e);
      if (v.ok()) {
        ++done;
        fmt::print("{} merged into {}\n", e.proposal, e.into);
      } else {
        ++refused;
        print_problems(e.proposal, v, l);
      }
      continue;
    }
    const auto before = state.proposals.find(e.proposal) ? state.proposals.find(e.proposal)->state : proposal_state::submitted;
    const auto v = io::apply_entry(state.proposals, state.definition, e);
    if (!v.ok()) {
      ++refused;
      print_problems(e.proposal, v, l);
      continue;
    }
    ++done;
    fmt::print("{} {} {} recorded\n", e.proposal, e.vote.reviewer, review_decision_name(e.vote.decision));
    const auto* p = state.proposals.find(e.proposal);
    if (p->state == before || p->state == proposal_state::under_review) continue;
    if (p->state == proposal_state::approved) fmt::print("{} approved cost {}\n", p->id, format_units(p->cost(), places));
    else if (p->state == proposal_state::rejected) fmt::print("{} rejected {}\n", p->id, reason_name(*p->rejection));
    else fmt::print("{} {}\n", p->id, proposal_state_name(p->state));
  }
  io::save_snapshot(std::filesystem::path(path), state);
  fmt::print(stderr, "ppb proposals: {} applied, {} refused; state saved in {}\n", done, refused, path);
  return refused == 0 ? exit_ok : exit_data;
}

auto run_export(const args& a) -> int {
  const auto state = io::load_snapshot(std::filesystem::path(state_path(a)));
  const auto unit = a.value("--unit");
  if (!unit) throw usage("give --unit UNIT (one of: " + [&] {
    std::string ids;
    for (const auto& id : state.definition.ballot_units()) ids += (ids.empty() ? "" : ", ") + id;
    return ids;
  }() + ")");
  if (!state.definition.has_ballot(*unit)) throw usage("unit '" + *unit + "' has no ballot in this election");
  const auto e = ballot_election(state.definition, state.proposals, *unit);
  if (const auto out = a.value("--output")) {
    std::ofstream f(*out, std::ios::binary | std::ios::trunc);
    if (!f) throw parse_error(errc::io, *out, 0, "cannot create the file");
    io::write_pabulib(f, e);
    if (!f) throw parse_error(errc::io, *out, 0, "cannot write the file");
    fmt::print(stderr, "ppb proposals: {} projects of {} written to {}\n", e.inst.size(), *unit, *out);
  } else {
    fmt::print("{}", io::to_pabulib(e));
  }
  return exit_ok;
}

auto run_audit(const args& a) -> int {
  const auto state = io::load_snapshot(std::filesystem::path(state_path(a)));
  std::ostringstream out;
  io::write_audit_csv(out, state.proposals);
  fmt::print("{}", out.str());
  return exit_ok;
}

auto run_list(const args& a) -> int {
  const auto state = io::load_snapshot(std::filesystem::path(state_path(a)));
  const auto unit = a.value("--unit");
  if (a.has("--json")) {
    fmt::print("{}\n", io::proposals_to_json_text(state.proposals, unit.value_or("")));
    return exit_ok;
  }
  const auto places = state.definition.spec().money_places;
  fmt::print("{}  {}  {}  {:>12}  {}\n", fit("id", 10), fit("unit", 20), fit("state", 12), "cost", "title");
  for (const auto& p : state.proposals.proposals()) {
    if (unit && p.unit != *unit) continue;
    fmt::print("{}  {}  {}  {:>12}  {}\n", fit(p.id, 10), fit(p.unit, 20), fit(proposal_state_name(p.state), 12),
               format_units(p.cost(), places), p.title);
  }
  return exit_ok;
}

auto run_proposals(std::span<const std::string_view> argv) -> int {
  args a(argv, {"--json"}, {"--state", "--election", "--roll", "--lang", "--unit", "--output"});
  const auto& pos = a.positional();
  if (pos.empty()) throw usage("give a subcommand: import, review, export, audit, list");
  const auto& sub = pos[0];
  const auto want = [&](std::size_t n, std::string_view what) {
    if (pos.size() != n + 1) throw usage(fmt::format("{} takes {}", sub, what));
  };
  if (sub == "import") {
    want(1, "one PROPOSALS.json");
    return run_import(a, pos[1]);
  }
  if (sub == "review") {
    want(1, "one REVIEWS.json");
    return run_review(a, pos[1]);
  }
  if (sub == "export") {
    want(0, "no file argument (--state, --unit, --output)");
    return run_export(a);
  }
  if (sub == "audit") {
    want(0, "no file argument (--state)");
    return run_audit(a);
  }
  if (sub == "list") {
    want(0, "no file argument (--state, --unit)");
    return run_list(a);
  }
  throw usage("unknown subcommand '" + sub + "' (import, review, export, audit, list)");
}

}  // namespace

auto proposals_command() -> command {
  return {"proposals", "import, review and export proposals (state in a snapshot)", proposals_help, run_proposals};
}

}  // namespace ppb::cli
