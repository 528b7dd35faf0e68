// `ppb roll check ROLL.csv --election FILE.json`: import a voter roll and report every bad row;
// `ppb roll eligible`: may this voter vote in this unit?
#include <fmt/format.h>

#include <charconv>
#include <map>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view roll_help = R"(usage: ppb roll check ROLL.csv [--election FILE.json] [--max-errors N]
       ppb roll eligible ROLL.csv --election FILE.json --iin IIN --unit UNIT [--at TIME] [--lang kk|ru|en]

check     Reads a voter roll (CSV with header iin,unit,status,registered,credential; credential
          may be empty or left out) and prints each refused row as

            ROLL.csv:LINE: CODE: reason

          (CODE: invalid_iin, unknown_unit, bad_value, bad_date, duplicate_entry, missing_field,
          extra_cells, truncated), then a summary with the voters per unit. With --election,
          every unit must be one of the election's. At most N refused rows are printed
          (default 1000); the count is always exact.
eligible  Checks one voter against the election's policy at TIME (UTC, YYYY-MM-DDTHH:MM:SSZ;
          default now): unit with a ballot, voting window, age, residence, registration
          cutoff, status. Prints "IIN eligible in UNIT", or "IIN not eligible in UNIT" and one
          line per failed condition: REASON_CODE message (detail).

Exit status: 0 all rows good / eligible, 1 refused rows / not eligible / bad file, 2 bad
command line.
)";

auto lang_of(const args& a) -> lang {
  if (const auto s = a.value("--lang")) {
    if (const auto l = parse_lang(*s)) return *l;
    throw usage("--lang must be kk, ru or en");
  }
  return lang::en;
}

auto run_check(const args& a) -> int {
  const auto& path = a.positional()[1];
  std::optional<election_definition> def;
  if (const auto e = a.value("--election")) def = io::load_election(*e);
  roll_read_options opts;
  if (const auto m = a.value("--max-errors")) {
    const auto [p, ec] = std::from_chars(m->data(), m->data() + m->size(), opts.max_errors);
    if (ec != std::errc() || p != m->data() + m->size()) throw usage("--max-errors needs a non-negative whole number");
  }
  const auto r = io::read_roll(path, def ? &*def : nullptr, opts);
  for (const auto& d : r.errors) fmt::print("{}:{}: {}: {}\n", d.file, d.line, errc_name(d.code), d.reason);
  if (r.bad_rows > r.errors.size()) fmt::print("… {} more refused rows not shown\n", r.bad_rows - r.errors.size());
  fmt::print("{}: {} rows, {} voters accepted, {} refused{}\n", path, r.rows, r.roll.size(), r.bad_rows,
             def ? "" : " (units not checked: no --election)");
  std::map<std::string, std::size_t> per_unit;
  std::size_t with_key = 0, active = 0;
  for (const auto& v : r.roll.records()) {
    ++per_unit[v.unit];
    with_key += v.credential.has_value();
    active += v.status == voter_status::active;
  }
  fmt::print("active {}, with a credential key {}\n", active, with_key);
  for (const auto& [unit, n] : per_unit) fmt::print("  {:<24} {}\n", unit, n);
  return r.bad_rows == 0 ? exit_ok : exit_data;
}

auto run_eligible(const args& a) -> int {
  const auto election_path = a.value("--election");
  const auto iin_text = a.value("--iin");
  const auto unit = a.value("--unit");
  if (!election_path || !iin_text || !unit) throw usage("eligible needs --election, --iin and --unit");
  const lang l = lang_of(a);
  auto at = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  if (const auto t = a.value("--at")) {
    const auto parsed = parse_iso_timestamp(*t);
    if (!parsed) throw usage("--at must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
    at = *parsed;
  }
  const auto checked = check_iin(*iin_text);
  if (!checked) {
    fmt::print("{} invalid {} {}\n", *iin_text, reason_name(checked.reason), message(checked.reason, l));
    return exit_data;
  }
  const auto def = io::load_election(*election_path);
  const auto r = io::read_roll(a.positional()[1], &def);
  if (r.bad_rows > 0)
    fmt::print(stderr, "ppb roll: warning: {} rows of {} were refused (see ppb roll check)\n", r.bad_rows, a.positional()[1]);
  const auto verdict = eligibility::check(r.roll, checked.number, def, *unit, at);
  if (verdict.eligible()) {
    fmt::print("{} eligible in {}\n", *iin_text, *unit);
    return exit_ok;
  }
  fmt::print("{} not eligible in {}\n", *iin_text, *unit);
  for (const auto& f : verdict.failures) fmt::print("  {} {} ({})\n", reason_name(f.reason), message(f.reason, l), f.detail);
  return exit_data;
}

auto run_roll(std::span<const std::string_view> argv) -> int {
  args a(argv, {}, {"--election", "--max-errors", "--iin", "--unit", "--at", "--lang"});
  const auto& pos = a.positional();
  if (pos.empty() || (pos[0] != "check" && pos[0] != "eligible"))
    throw usage("subcommands: check, eligible (ppb roll check ROLL.csv --election FILE.json)");
  if (pos.size() != 2) throw usage("give exactly one ROLL.csv");
  return pos[0] == "check" ? run_check(a) : run_eligible(a);
}

}  // namespace

auto roll_command() -> command { return {"roll", "check a voter roll (CSV) and voters' eligibility", roll_help, run_roll}; }

}  // namespace ppb::cli
