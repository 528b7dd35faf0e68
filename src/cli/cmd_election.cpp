// `ppb election validate FILE.json`: is this election definition valid? Every problem, one per line.
#include <fmt/format.h>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view election_help = R"(usage: ppb election validate FILE.json

Checks an election definition (docs/election.md, schema docs/election.schema.json): JSON syntax,
duplicate keys, unknown fields, types and ranges, the territory tree, budgets, phase order,
proposal rules, ballot rules, eligibility policy, revote policy, credential mode and the tally
rule. Prints every problem on its own line, as

  /units/3/budget: must be a non-negative integer

(a JSON Pointer to the field, then what is wrong), or a summary of a valid definition.

Exit status: 0 valid, 1 problems found (or the file cannot be read), 2 bad command line.
)";

auto run_election(std::span<const std::string_view> argv) -> int {
  args a(argv, {}, {});
  const auto& pos = a.positional();
  if (pos.empty() || pos[0] != "validate") throw usage("the only subcommand is 'validate': ppb election validate FILE.json");
  if (pos.size() != 2) throw usage("give exactly one FILE.json");
  const auto& path = pos[1];
  const std::string bytes = io::read_file_bytes(path);
  const auto problems = io::check_election(bytes);
  if (!problems.empty()) {
    for (const auto& p : problems) fmt::print("{}\n", p.to_string());
    fmt::print(stderr, "ppb election: {}: {} problem{}\n", path, problems.size(), problems.size() == 1 ? "" : "s");
    return exit_data;
  }
  const auto def = io::parse_election(bytes, path);
  const auto& s = def.spec();
  const auto ballots = def.ballot_units();
  money total = 0;
  for (const auto& id : ballots) total = checked_add(total, *def.find_unit(id)->budget);
  fmt::print("{}: valid election definition ({} bytes)\n", path, bytes.size());
  fmt::print("cycle         {} — {}\n", s.cycle, s.title.en);
  fmt::print("units         {} ({} with a budget, {} {} in all)\n", s.units.size(), ballots.size(),
             format_units(total, s.money_places), s.currency);
  for (const auto& w : s.phases)
    fmt::print("{:<13} {} to {}\n", phase_name(w.kind), format_iso_timestamp(w.begin), format_iso_timestamp(w.end));
  fmt::print("eligibility   age {}+, {}{}{}\n", s.eligibility.min_age, residence_rule_name(s.eligibility.residence),
             s.eligibility.other_units ? fmt::format(" ({} others)", s.eligibility.other_units) : std::string(),
             s.eligibility.registration_cutoff
                 ? ", registered by " + format_iso_date(*s.eligibility.registration_cutoff)
                 : std::string());
  fmt::print("voting        revote {}, credentials {}\n", revote_policy_name(s.revote), credential_mode_name(s.credentials));
  fmt::print("tally         --rule {}{} --tie-break {}{}{}{}\n", s.tally.rule,
             s.tally.satisfaction ? " --satisfaction " + *s.tally.satisfaction : std::string(), s.tally.tie_break,
             s.tally.seed ? fmt::format(" --seed {}", s.tally.seed) : std::string(),
             s.tally.completion != "none" ? " --completion " + s.tally.completion : std::string(),
             s.tally.comparison ? " --comparison" : "");
  return exit_ok;
}

}  // namespace

auto election_command() -> command {
  return {"election", "validate an election definition (JSON)", election_help, run_election};
}

}  // namespace ppb::cli
