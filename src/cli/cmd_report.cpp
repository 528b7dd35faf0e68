// `ppb report FILE.pb --rule ... -o result.html`: tally and write the results page people read.
#include <fmt/format.h>

#include <fstream>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view report_help = R"(usage: ppb report FILE.pb -o result.html [--lang kk|ru|en] [--svg chart.svg] [--title TEXT]
                  [--rule RULE] [--satisfaction S] [--tie-break POLICY] [--seed N]
                  [--completion C] [--comparison] [--strict] [--quiet]

Tallies a pabulib election exactly as `ppb tally` does (same rules, same options, same outcome)
and writes one self-contained HTML page: the budget bar with the funded projects, a chart of
votes and cost per project (funded in green), every project's result and reason, the ties and
how they were broken, and the rule in plain words. The page loads nothing from the network: no
scripts, no web fonts, no images from elsewhere; it can be mailed, printed or put on a USB stick.

  -o, --output FILE      where to write the page (required).
  --lang kk|ru|en        language of the page's own words (default en); project names are shown
                         as the file gives them.
  --svg FILE             also write the chart alone as an SVG file.
  --title TEXT           the page's title (default: the file's META description).
  --rule, --satisfaction, --tie-break, --seed, --completion, --comparison, --strict, --quiet:
                         as for `ppb tally` (see ppb tally --help).

Exit status: 0 done, 1 bad input file or cannot write the output, 2 bad command line.
)";

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  if (f) f << text;
  if (f) f.flush();
  if (!f) throw error(errc::io, "[ppb.error.100] " + path + ": cannot write the file");
}

auto run_report(std::span<const std::string_view> argv) -> int {
  // `-o FILE` is the one short option: spelled as --output for the shared parser.
  std::vector<std::string_view> spelled(argv.begin(), argv.end());
  for (auto& a : spelled)
    if (a == "-o") a = "--output";
  args a(spelled, joined(rule_flags, {"--strict", "--quiet"}), joined(rule_valued, {"--output", "--lang", "--svg", "--title"}));
  if (a.positional().size() != 1) throw usage("give exactly one FILE.pb");
  const auto output = a.value("--output");
  if (!output || output->empty()) throw usage("give the page's file with -o FILE");

  io::report_options ropts;
  if (auto l = a.value("--lang")) {
    try {
      ropts.lang = io::parse_report_language(*l);
    } catch (const usage_error&) {
      throw usage(fmt::format("unknown language '{}' (use kk, ru or en)", *l));
    }
  }
  if (auto t = a.value("--title")) ropts.title = *t;

  const rule_options opts = parse_rule_options(a);  // the same options, parsed the same way, as ppb tally
  const auto& path = a.positional()[0];
  const election e = load_pabulib(path, a.has("--strict"), a.has("--quiet"));
  const outcome out = tally::run(e.inst, e.prof, opts);
  // A .pb file is one budget unit; several units (districts) become tabs when the input holds them.
  const io::report_unit unit{.name = "", .inst = &e.inst, .out = &out, .voters = e.prof.voters(), .tables = {}};
  write_file(*output, io::render_report_html(std::span(&unit, 1), ropts));
  if (auto svg = a.value("--svg")) write_file(*svg, io::render_chart_svg(unit, ropts.lang));
  if (!a.has("--quiet"))
    fmt::print(stderr, "ppb report: wrote {} ({} of {} projects funded)\n", *output, out.selected.size(), e.inst.size());
  return exit_ok;
}

}  // namespace

auto report_command() -> command {
  return {"report", "write a self-contained HTML results page (kk, ru, en)", report_help, run_report};
}

}  // namespace ppb::cli
