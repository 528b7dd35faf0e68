// `ppb info FILE.pb`: what an election file holds.
#include <fmt/format.h>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view info_help = R"(usage: ppb info FILE.pb [--strict] [--quiet]

Summarises a pabulib election: where and when, vote type, ballot rules, budget, projects
(total cost, cheapest, dearest), ballots (count, length), the META rule, and any ballots that
break the ballot rules.

Exit status: 0 done, 1 bad input file, 2 bad command line.
)";

auto run_info(std::span<const std::string_view> argv) -> int {
  args a(argv, {"--strict", "--quiet"}, {});
  if (a.positional().size() != 1) throw usage("give exactly one FILE.pb");
  const auto& path = a.positional()[0];
  const election e = load_pabulib(path, a.has("--strict"), a.has("--quiet"));
  const auto& inst = e.inst;
  const auto& prof = e.prof;
  const auto money_text = [&](money m) { return format_units(m, inst.money_places); };
  const auto meta = [&](std::string_view k) -> std::string {
    const auto* v = inst.meta_value(k);
    return v ? *v : std::string("-");
  };
  const std::string currency = inst.meta_value("currency") ? " " + *inst.meta_value("currency") : "";
  fmt::print("file          {}\n", path);
  fmt::print("election      {}\n", meta("description"));
  fmt::print("where         {}, {}{}\n", meta("unit"), meta("country"),
             inst.meta_value("subunit") ? " (" + *inst.meta_value("subunit") + ")" : "");
  fmt::print("when          {} to {} (instance {})\n", meta("date_begin"), meta("date_end"), meta("instance"));
  fmt::print("vote type     {}\n", vote_type_name(inst.kind));
  fmt::print("META rule     {}\n", meta("rule"));
  fmt::print("budget        {}{}\n", money_text(inst.budget), currency);
  money total = 0, lo = 0, hi = 0;
  for (const auto& p : inst.projects()) {
    total = checked_add(total, p.cost);
    lo = (&p == &inst.projects().front()) ? p.cost : std::min(lo, p.cost);
    hi = std::max(hi, p.cost);
  }
  fmt::print("projects      {} costing {} in all ({:.2f}× the budget); cheapest {}, dearest {}\n", inst.size(),
             money_text(total), inst.budget > 0 ? static_cast<double>(total) / static_cast<double>(inst.budget) : 0.0,
             money_text(lo), money_text(hi));
  std::uint64_t sum_len = 0, max_len = 0, empty = 0;
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto b = prof[i];
    sum_len += b.items.size() * b.weight;
    max_len = std::max<std::uint64_t>(max_len, b.items.size());
    empty += b.items.empty() ? b.weight : 0;
  }
  fmt::print("ballots       {} (average length {:.2f}, longest {}, empty {})\n", prof.voters(),
             prof.voters() ? static_cast<double>(sum_len) / static_cast<double>(prof.voters()) : 0.0, max_len, empty);
  const auto& r = inst.rules;
  std::string rules;
  const auto add = [&](std::string_view name, const auto& v, bool is_money = false) {
    if (!v) return;
    rules += fmt::format("{}{}={}", rules.empty() ? "" : ", ", name, is_money ? money_text(*v) : std::to_string(*v));
  };
  add("min_length", r.min_length);
  add("max_length", r.max_length);
  add("min_sum_cost", r.min_sum_cost, true);
  add("max_sum_cost", r.max_sum_cost, true);
  add("min_points", r.min_points);
  add("max_points", r.max_points);
  add("min_sum_points", r.min_sum_points);
  add("max_sum_points", r.max_sum_points);
  fmt::print("ballot rules  {}\n", rules.empty() ? "none" : rules);
  std::size_t official = 0;
  bool has_official = false;
  for (const auto& p : inst.projects())
    if (p.selected) {
      has_official = true;
      official += *p.selected == 1;
    }
  if (has_official) fmt::print("official      {} projects selected\n", official);
  fmt::print("rule breaks   {} ballots break the ballot rules{}\n", e.warnings.size(),
             e.warnings.empty() ? "" : " (counted as cast)");
  return exit_ok;
}

}  // namespace

auto info_command() -> command { return {"info", "summarise a pabulib .pb file", info_help, run_info}; }

}  // namespace ppb::cli
