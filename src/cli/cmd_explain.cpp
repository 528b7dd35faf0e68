// `ppb explain FILE.pb --rule ... --project ID`: one project's fate under a rule, in plain words.
#include <fmt/format.h>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view explain_help_head = R"(usage: ppb explain FILE.pb --project ID [--rule RULE] [--satisfaction S] [--completion C]
                   [--comparison] [--tie-break POLICY] [--seed N] [--strict] [--quiet]

Runs a rule as `ppb tally` does and says, in plain words, why one project was funded or not:
its support and cost, the rule's reason, every step of the rule that concerns it (for MES: the
round, its ρ and who paid what; or how short its supporters were), the ties it was part of and
how they were broken.

  --project ID           the project's id (pabulib project_id).
)";
constexpr std::string_view explain_help_tail = R"(  --strict, --quiet      as for ppb tally.

Exit status: 0 done, 1 bad input file, 2 bad command line (or no project with that id).
)";

auto run_explain(std::span<const std::string_view> argv) -> int {
  args a(argv, joined(rule_flags, {"--strict", "--quiet"}), joined(rule_valued, {"--project"}));
  if (a.positional().size() != 1) throw usage("give exactly one FILE.pb");
  const auto id = a.value("--project");
  if (!id) throw usage("give the project with --project ID");
  const rule_options opts = parse_rule_options(a);
  const auto& path = a.positional()[0];
  const election e = load_pabulib(path, a.has("--strict"), a.has("--quiet"));
  const auto found = e.inst.find(*id);
  if (!found) throw usage(fmt::format("{} has no project '{}'", path, *id));
  const project_index p = *found;
  const outcome out = tally::run(e.inst, e.prof, opts);
  const auto& inst = e.inst;
  const auto& r = out.projects[p];
  const auto money_text = [&](money m) { return format_units(m, inst.money_places); };
  const std::string* currency = inst.meta_value("currency");
  const std::string unit = currency ? " " + *currency : "";

  fmt::print("Project {}{}: {}\n", inst[p].id, inst[p].name.empty() ? "" : " \"" + inst[p].name + "\"",
             r.status == project_status::funded ? "FUNDED" : "NOT FUNDED (" + std::string(project_status_name(r.status)) + ")");
  fmt::print("rule {}, satisfaction {}, ties {}; budget {}{}, {} ballots\n", out.rule, out.satisfaction, ties_text(out),
             money_text(inst.budget), unit, e.prof.voters());
  fmt::print("It costs {}{} and is on {} ballots (support {}).\n", money_text(inst[p].cost), unit, r.votes,
             r.points == static_cast<std::int64_t>(r.votes) ? std::to_string(r.votes) : fmt::format("{} points", r.points));
  fmt::print("\nWhy: {}\n", r.reason);
  bool header = false;
  for (const auto& s : out.trace) {
    if (s.project != p) continue;
    if (!header) fmt::print("\nSteps of the rule that concern it:\n");
    header = true;
    fmt::print("  step {}: {} ({} left after): {}\n", s.round, project_status_name(s.action), money_text(s.budget_left), s.detail);
  }
  for (const auto& t : out.ties) {
    if (std::find(t.projects.begin(), t.projects.end(), p) == t.projects.end()) continue;
    std::string order;
    for (auto q : t.projects) order += (order.empty() ? "" : ", ") + inst[q].id;
    std::string by;
    for (auto c : t.decided_by) by += (by.empty() ? "" : ", ") + std::string(tie_criterion_name(c));
    fmt::print("\nTie: it was level with others at support {}; the tie-break ({}) ordered them {} (decided by {}){}\n",
               t.support.to_string(), out.tie_break, order, by,
               t.changed_outcome ? "; this tie decided what was funded" : "");
  }
  if (r.status == project_status::funded) {
    fmt::print("\nIt is number {} of the {} funded projects.\n",
               std::find(out.selected.begin(), out.selected.end(), p) - out.selected.begin() + 1, out.selected.size());
  } else {
    fmt::print("\nThe rule funded {} projects for {} of {}{} ({} left).\n", out.selected.size(), money_text(out.spent),
               money_text(out.budget), unit, money_text(out.budget - out.spent));
  }
  for (const auto& n : out.notes) fmt::print("note: {}\n", n);
  return exit_ok;
}

}  // namespace

auto explain_command() -> command {
  static const std::string help =
      std::string(explain_help_head) + std::string(rule_options_help) + std::string(explain_help_tail);
  return {"explain", "say in plain words why one project was funded or not", help, run_explain};
}

}  // namespace ppb::cli
