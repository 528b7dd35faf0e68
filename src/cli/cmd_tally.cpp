// `ppb tally FILE.pb --rule ...`: run a rule and print the result as a table or JSON.
#include <charconv>

#include <fmt/format.h>

#include "cli.hpp"
#include "text.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view tally_help_head = R"(usage: ppb tally FILE.pb [--rule RULE] [--satisfaction points|cost|cardinality]
                 [--completion C] [--comparison] [--tie-break POLICY] [--seed N]
                 [--node-limit N] [--json] [--trace] [--strict] [--quiet]

Tallies a pabulib election and prints, per project in the rule's order: rank, id, name, votes,
cost, funded/skipped and the budget left. Projects the rule did not rank (MES: the unfunded)
come last, in file order, with rank - and the budget left at the end.

)";
constexpr std::string_view tally_help_tail = R"(  --node-limit N         max-welfare: stop the branch and bound after N nodes (0 = no limit;
                         default 50000000) and return the best allocation found; the JSON's
                         "optimal" says whether optimality was proven.
  --json                 print {"rule","budget","spent","selected":[ids],"projects":[...]} on stdout.
                         Money in JSON is an integer count of 10^-money_places units.
  --trace                with --json: add each step of the rule.
  --strict               refuse a file whose ballots break its META limits (default: count them
                         and warn on stderr, as published elections contain such ballots).
  --quiet                no warnings or progress on stderr.

Exit status: 0 done, 1 bad input file, 2 bad command line.
)";

}  // namespace

void print_table(const std::string& path, const instance& inst, const profile& prof, const outcome& out) {
  const auto money_text = [&](money m) { return format_units(m, inst.money_places); };
  const std::string* currency = inst.meta_value("currency");
  fmt::print("{}\n", path);
  fmt::print("{} ballots, {} projects, budget {}{}\n", prof.voters(), inst.size(), money_text(inst.budget),
             currency ? " " + *currency : "");
  fmt::print("rule {}, satisfaction {}, ties {}\n\n", out.rule, out.satisfaction, ties_text(out));
  std::vector<const project_result*> rows;
  for (const auto& r : out.projects) rows.push_back(&r);
  // By the rule's order; projects it never ranked (MES: the unfunded) after, in file order.
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
    return std::pair{a->rank == 0, a->rank} < std::pair{b->rank == 0, b->rank};
  });
  std::size_t id_width = 2;
  for (const auto& p : inst.projects()) id_width = std::max(id_width, display_width(p.id));
  id_width = std::min<std::size_t>(id_width, 16);
  // Projects the trace has no step for were passed over with what was left at the end.
  std::vector<std::string> left_after(inst.size(), money_text(out.budget - out.spent));
  for (const auto& s : out.trace) left_after[s.project] = money_text(s.budget_left);
  fmt::print("{:>4}  {}  {}  {:>9}  {:>14}  {:<11}  {:>14}\n", "rank", fit("id", id_width), fit("name", 36), "votes",
             "cost", "status", "budget left");
  for (const auto* r : rows) {
    const auto& p = inst[r->project];
    fmt::print("{:>4}  {}  {}  {:>9}  {:>14}  {:<11}  {:>14}\n", r->rank == 0 ? "-" : std::to_string(r->rank), fit(p.id, id_width), fit(p.name, 36), r->votes,
               money_text(p.cost), project_status_name(r->status), left_after[r->project]);
  }
  fmt::print("\nfunded {} of {} projects for {} of {} ({} left)\n", out.selected.size(), inst.size(), money_text(out.spent),
             money_text(out.budget), money_text(out.budget - out.spent));
  std::size_t deciding = 0;
  for (const auto& t : out.ties) deciding += t.changed_outcome;
  if (!out.ties.empty())
    fmt::print("{} ties broken by {} ({} of them decided what was funded; see --json)\n", out.ties.size(), out.tie_break,
               deciding);
  for (const auto& n : out.notes) fmt::print("note: {}\n", n);
}

namespace {

auto run_tally(std::span<const std::string_view> argv) -> int {
  args a(argv, joined(rule_flags, {"--json", "--trace", "--strict", "--quiet"}), joined(rule_valued, {"--node-limit"}));
  if (a.positional().size() != 1) throw usage("give exactly one FILE.pb");
  rule_options opts = parse_rule_options(a);
  if (const auto n = a.value("--node-limit")) {
    std::uint64_t limit = 0;
    const auto [end, ec] = std::from_chars(n->data(), n->data() + n->size(), limit);
    if (ec != std::errc() || end != n->data() + n->size()) throw usage("--node-limit needs a non-negative whole number");
    if (opts.rule != "max-welfare") throw usage("--node-limit goes with --rule max-welfare");
    opts.node_limit = limit;
  }
  if (a.has("--trace") && !a.has("--json")) throw usage("--trace goes with --json");
  const auto& path = a.positional()[0];
  const election e = load_pabulib(path, a.has("--strict"), a.has("--quiet"));
  const outcome out = tally::run(e.inst, e.prof, opts);
  if (a.has("--json")) fmt::print("{}\n", io::outcome_to_json_text(e.inst, out, a.has("--trace")));
  else print_table(path, e.inst, e.prof, out);
  return exit_ok;
}

}  // namespace

auto tally_command() -> command {
  static const std::string help =
      std::string(tally_help_head) + std::string(rule_options_help) + std::string(tally_help_tail);
  return {"tally", "run a tally rule on a pabulib .pb file", help, run_tally};
}

}  // namespace ppb::cli
