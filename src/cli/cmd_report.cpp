// `ppb report FILE.pb|LOG --rule ... -o result.html`: tally (or verify and tally a ballot log) and
// write the results page people read.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view report_help = R"(usage: ppb report FILE.pb|LOG -o result.html [--svg chart.svg] [--lang kk|ru|en] [--title TEXT]
                  [--rule RULE] [--satisfaction S] [--tie-break POLICY] [--seed N]
                  [--completion C] [--comparison] [--strict] [--quiet]
       ppb report FILE.pb|LOG --svg chart.svg [...]

Writes one self-contained HTML page of a result: the budget bar with the funded projects, a chart
of votes and cost per project (funded in green), every project's result and reason, the ties and
how they were broken, the rule in plain words, and for MES a table of its rounds and payments
(what every voter started with; per round ρ, who paid their full share and how much, who paid all
they had left). The page loads nothing from the network: no scripts, no web fonts, no images
from elsewhere; it can be mailed, printed or put on a USB stick.

FILE.pb   a pabulib election, tallied exactly as `ppb tally` does (same rules, same options, same
          outcome).
LOG       a ppb ballot log (recognised by its magic, whatever its name), e.g. the ballots.log of
          `ppb demo district`. It is first re-checked as `ppb log verify` does (every record,
          signature, verdict and checkpoint; closed; its logged result equal to the re-tally);
          a log that fails is refused with its error code. Each unit is tallied with the
          election's rule and gets its own tab; the page ends with the log's root and size, the
          ballots accepted and refused (by reason), the authority's last checkpoint, and the
          command that re-checks it all (ppb log verify and the log's file name). The rule
          options do not apply.

  -o, --output FILE      where to write the page.
  --svg FILE             write the chart alone as an SVG file; with --svg, -o may be left out.
                         A log of several units gives one chart per unit: FILE with -UNIT added
                         to its name (chart-almaly.svg).
  --lang kk|ru|en        language of the page's own words (default en); project names are shown
                         as the file gives them.
  --title TEXT           the page's title (default: the election's title, or the file's META
                         description).
  --rule, --satisfaction, --tie-break, --seed, --completion, --comparison, --strict, --quiet:
                         as for `ppb tally` (see ppb tally --help); with a LOG only --quiet.

Exit status: 0 done, 1 bad input file, a log that fails verification, or cannot write the output,
2 bad command line.
)";

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  if (f) f << text;
  if (f) f.flush();
  if (!f) throw error(errc::io, "[ppb.error.100] " + path + ": cannot write the file");
}

/// Whether `path` is a ppb ballot log: its header has the log's magic (`log_reader` checks it).
/// Files that cannot be opened are left to the pabulib reader, which says why.
auto is_ballot_log(const std::string& path) -> bool {
  try {
    const ledger::log_reader reader(path);
    return true;
  } catch (const parse_error& e) {
    if (e.code() == errc::not_a_log || e.code() == errc::io) return false;
    throw;  // the magic, but a format version this build does not read
  }
}

/// A ballot log re-checked as `ppb log verify` checks it, tallied, with the figures its page shows.
struct verified_log {
  ledger::replay_report replay;
  std::vector<outcome> outcomes;  ///< per ballot unit, in setup order
  io::report_log log;
};

/// Replays and verifies the log at `path`; throws `parse_error` with the log's error code
/// (`log_corrupt` naming the first bad entry, `not_a_log`, `log_version`, `io`) when it fails.
auto verify_log(const std::string& path) -> verified_log {
  verified_log v;
  v.replay = ledger::replay_log(path);
  const auto& r = v.replay;
  const auto failed = [&](const std::string& why) {
    return parse_error(errc::log_corrupt, path, 0, why + " (see ppb log verify " + path + ")");
  };
  if (auto why = ledger::result_fault(r)) throw failed(*why);
  v.outcomes = ledger::tally_units(r.setup, r.profiles);

  v.log.root_hex = to_hex(r.root);
  v.log.entries = r.entries;
  // Residents check the published file itself, wherever they saved it: the command names the file.
  v.log.verify_command = "ppb log verify " + std::filesystem::path(path).filename().string();
  v.log.accepted = r.accepted;
  v.log.paper_ballots = r.paper_ballots;
  v.log.rejected = r.rejected;
  // The refusals by reason and the last checkpoint, from the entries the replay has just checked
  // (and no further, should anything have been appended since).
  std::map<std::uint16_t, std::uint64_t> refused;
  ledger::log_reader reader(path);
  byte_buffer body;
  while (reader.index() < r.entries && reader.next(body)) {
    const auto e = ledger::parse_entry_body(body);
    if (e.type == ledger::entry_type::rejected && e.payload.size() >= 2) {
      ++refused[get_be<std::uint16_t>(e.payload.data())];
    } else if (e.type == ledger::entry_type::checkpoint && e.payload.size() == 8 + digest_bytes + signature_bytes) {
      const byte_span p = e.payload;
      v.log.checkpoint = io::report_checkpoint{.size = get_be<std::uint64_t>(p.data()),
                                               .root_hex = to_hex(p.subspan(8, digest_bytes)),
                                               .signature_hex = to_hex(p.subspan(8 + digest_bytes))};
    }
  }
  for (const auto& [reason, n] : refused)
    v.log.rejections.push_back({std::string(ledger::reject_reason_name(static_cast<ledger::reject_reason>(reason))), n});
  return v;
}

/// MES run with `opts` as `tally::run` runs it, for its rounds and payments.
auto detailed_mes(const instance& inst, const profile& prof, const rule_options& opts) -> mes_result {
  mes_options m;
  m.satisfaction = opts.satisfaction_given ? opts.satisfaction : satisfaction_kind::cost;
  m.tie = opts.tie;
  m.completion = parse_mes_completion(opts.completion);
  m.comparison = opts.comparison;
  return tally::method_of_equal_shares_detailed(inst, prof, m);
}

/// The rounds-and-payments table of an MES run, unless its comparison step chose greedy instead.
auto mes_tables(const instance& inst, const mes_result& mes, io::report_language lang) -> std::vector<io::report_table> {
  if (mes.comparison_chose_greedy) return {};
  return {io::mes_payments_table(inst, mes, lang)};
}

/// `svg` for unit `id` of several: `chart.svg` becomes `chart-ID.svg`.
auto unit_svg_path(const std::string& svg, const std::string& id) -> std::string {
  std::filesystem::path p(svg);
  p.replace_filename(p.stem().string() + "-" + id + p.extension().string());
  return p.string();
}

auto run_report(std::span<const std::string_view> argv) -> int {
  // `-o FILE` is the one short option: spelled as --output for the shared parser.
  std::vector<std::string_view> spelled(argv.begin(), argv.end());
  for (auto& a : spelled)
    if (a == "-o") a = "--output";
  args a(spelled, joined(rule_flags, {"--strict", "--quiet"}), joined(rule_valued, {"--output", "--lang", "--svg", "--title"}));
  if (a.positional().size() != 1) throw usage("give exactly one FILE.pb or LOG");
  const auto output = a.value("--output");
  const auto svg = a.value("--svg");
  if (output && output->empty()) throw usage("give the page's file with -o FILE");
  if (svg && svg->empty()) throw usage("give the chart's file with --svg FILE");
  if (!output && !svg) throw usage("give the page's file with -o FILE, the chart's with --svg FILE, or both");

  io::report_options ropts;
  if (auto l = a.value("--lang")) {
    try {
      ropts.lang = io::parse_report_language(*l);
    } catch (const usage_error&) {
      throw usage(fmt::format("unknown language '{}' (use kk, ru or en)", *l));
    }
  }
  if (auto t = a.value("--title")) ropts.title = *t;
  const auto& path = a.positional()[0];
  const bool quiet = a.has("--quiet");

  if (!is_ballot_log(path)) {
    const rule_options opts = parse_rule_options(a);  // the same options, parsed the same way, as ppb tally
    const election e = load_pabulib(path, a.has("--strict"), quiet);
    // MES also gives its rounds and payments; its outcome is the one `tally::run` returns.
    std::optional<mes_result> mes;
    if (opts.rule == "mes") mes = detailed_mes(e.inst, e.prof, opts);
    const outcome out = mes ? mes->result : tally::run(e.inst, e.prof, opts);
    // A .pb file is one budget unit.
    const io::report_unit unit{.name = "", .inst = &e.inst, .out = &out, .voters = e.prof.voters(),
                               .tables = mes ? mes_tables(e.inst, *mes, ropts.lang) : std::vector<io::report_table>{}};
    if (output) write_file(*output, io::render_report_html(std::span(&unit, 1), ropts));
    if (svg) write_file(*svg, io::render_chart_svg(unit, ropts.lang));
    if (!quiet)
      fmt::print(stderr, "ppb report: wrote {} ({} of {} projects funded)\n", output ? *output : *svg,
                 out.selected.size(), e.inst.size());
    return exit_ok;
  }

  // A ballot log: the election's own rule, one tab per unit, and how to verify it.
  // `--rule` may name the election's own rule (scripts call `ppb report X --rule R` for files and
  // logs alike); every other tally option belongs to .pb files.
  for (auto flag : rule_valued)
    if (flag != std::string_view("--rule") && a.value(flag))
      throw usage(std::string(flag) + " applies to a .pb file: a ballot log is tallied with its election's rule");
  for (auto flag : joined(rule_flags, {"--strict"}))
    if (a.has(flag)) throw usage(std::string(flag) + " applies to a .pb file: a ballot log is tallied with its election's rule");
  const auto v = verify_log(path);
  const auto& spec = v.replay.setup.election.spec();
  if (const auto given = a.value("--rule"); given && *given != spec.tally.rule)
    throw usage("--rule " + std::string(*given) + ": this ballot log's election is tallied with rule " + spec.tally.rule);
  const auto lang = *parse_lang(io::report_language_name(ropts.lang));
  const auto ids = v.replay.setup.election.ballot_units();
  const auto rule = io::tally_options(spec.tally);  // the election's rule, as tally_units runs it
  std::vector<io::report_unit> units;
  for (std::size_t u = 0; u < ids.size(); ++u) {
    const auto* def = v.replay.setup.election.find_unit(ids[u]);
    std::string name = def != nullptr ? def->name.in(lang) : std::string();
    const auto& inst = v.replay.setup.ballots[u];
    units.push_back({.name = name.empty() ? ids[u] : name, .inst = &inst, .out = &v.outcomes[u],
                     .voters = v.replay.profiles[u].voters(), .tables = {}});
    if (rule.rule == "mes") units.back().tables = mes_tables(inst, detailed_mes(inst, v.replay.profiles[u], rule), ropts.lang);
  }
  if (units.empty()) throw parse_error(errc::log_corrupt, path, 0, "the log's election has no unit with a budget");
  if (ropts.title.empty()) ropts.title = spec.title.in(lang);
  ropts.log = v.log;
  if (output) write_file(*output, io::render_report_html(units, ropts));
  std::vector<std::string> charts;
  if (svg)
    for (std::size_t u = 0; u < units.size(); ++u) {
      charts.push_back(units.size() == 1 ? *svg : unit_svg_path(*svg, ids[u]));
      write_file(charts.back(), io::render_chart_svg(units[u], ropts.lang));
    }
  if (!quiet) {
    std::string wrote = output ? *output : std::string();
    for (const auto& c : charts) wrote += (wrote.empty() ? "" : ", ") + c;
    std::size_t funded = 0;
    for (const auto& o : v.outcomes) funded += o.selected.size();
    fmt::print(stderr, "ppb report: wrote {} from {} ({} unit{}, {} projects funded; {} entries, root {})\n", wrote, path,
               units.size(), units.size() == 1 ? "" : "s", funded, v.log.entries, v.log.root_hex);
  }
  return exit_ok;
}

}  // namespace

auto report_command() -> command {
  return {"report", "write a self-contained HTML results page (kk, ru, en)", report_help, run_report};
}

}  // namespace ppb::cli
