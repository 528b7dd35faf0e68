// The results page (io/report.hpp) and `ppb report`: content, escaping, languages, tabs, optional
// sections, self-containment, and the command line.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "ppb/ppb.hpp"

#include "support/run_cli.hpp"

namespace {

auto count(const std::string& s, const std::string& what) -> std::size_t {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

auto contains(const std::string& s, const std::string& what) -> bool { return s.find(what) != std::string::npos; }

// How the page writes text (&, <, >, ", ' as entities).
auto escaped(const std::string& s) -> std::string {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// a and b tie on 2 votes; the default tie-break funds the cheaper b, then c; a no longer fits.
struct small_election {
  ppb::instance inst;
  ppb::profile prof;
  ppb::outcome out;
  small_election() {
    inst.budget = 10;
    inst.set_meta("description", "Small & <test>");
    inst.set_meta("currency", "KZT");
    inst.add({.id = "a", .name = "Park <script>alert(1)</script>", .cost = 6});
    inst.add({.id = "b", .name = "Library \"Kitap\"", .cost = 5});
    inst.add({.id = "c", .name = "Bench & table", .cost = 4});
    const ppb::project_index a[] = {0}, b[] = {1}, cb[] = {1, 2};
    prof.add(a);
    prof.add(a);
    prof.add(b);
    prof.add(cb);
    out = ppb::tally::greedy(inst, prof);
  }
  [[nodiscard]] auto unit(std::string name = "") const -> ppb::io::report_unit {
    return {.name = std::move(name), .inst = &inst, .out = &out, .voters = prof.voters(), .tables = {}};
  }
};

auto render(const ppb::io::report_unit& u, ppb::io::report_options opts = {}) -> std::string {
  return ppb::io::render_report_html(std::span(&u, 1), opts);
}

// The page references nothing outside itself.
void check_self_contained(const std::string& html) {
  for (const char* bad : {"http:", "https:", "<script", "src=", "url(", "<link", "@import", "<iframe", "<img"}) {
    CAPTURE(bad);
    CHECK_FALSE(contains(html, bad));
  }
}

}  // namespace

TEST_CASE("report languages parse and print") {
  using ppb::io::report_language;
  for (auto l : {report_language::en, report_language::ru, report_language::kk})
    CHECK(ppb::io::parse_report_language(ppb::io::report_language_name(l)) == l);
  CHECK(ppb::io::report_language_name(report_language::kk) == "kk");
  CHECK_THROWS_WITH_AS(ppb::io::parse_report_language("de"),
                       "[ppb.usage_error.200] unknown report language 'de' (use kk, ru or en)", ppb::usage_error);
}

TEST_CASE("the page lists every project with its fate, escaped, and loads nothing from elsewhere") {
  const small_election e;
  REQUIRE(e.out.selected.size() == 2);
  const auto html = render(e.unit());
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK(html.ends_with("</html>\n"));
  CHECK(contains(html, "<meta charset=\"utf-8\">"));
  check_self_contained(html);
  // Title from META description, escaped.
  CHECK(contains(html, "<title>Small &amp; &lt;test&gt;</title>"));
  // Names are escaped everywhere they appear: no markup from the data survives.
  CHECK_FALSE(contains(html, "<script>alert(1)</script>"));
  CHECK(contains(html, "Park &lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(html, "Library &quot;Kitap&quot;"));
  CHECK(contains(html, "Bench &amp; table"));
  // Summary, budget bar segments (one per funded project), table rows (one per project).
  CHECK(contains(html, "10\u00a0KZT"));
  CHECK(contains(html, "9\u00a0KZT"));
  CHECK(contains(html, "2 of 3"));
  CHECK(count(html, "<div class=\"seg\"") == 2);
  CHECK(count(html, "<tr class=\"funded\">") == 2);
  CHECK(count(html, "<tr class=\"unfunded\">") == 1);
  CHECK(contains(html, "does not fit: costs 6, only 5 left"));
  // The chart, inline, one group per project; funded ones marked.
  CHECK(count(html, "<svg") == 1);
  CHECK(count(html, "<g class=\"funded\">") == 2);
  CHECK(count(html, "<g class=\"unfunded\">") == 1);
  // Tie note with the deciding criterion and that it decided the outcome.
  CHECK(contains(html, "had equal support (2); their order was decided by: lower cost first."));
  CHECK(contains(html, "This decided which of them were funded."));
  // The rule in plain words, and its steps folded.
  CHECK(contains(html, "Most votes win while the money lasts."));
  CHECK(contains(html, "Rule greedy; support counted as votes (or points); ties broken by min-cost,max-votes,file-order."));
  CHECK(contains(html, "<details class=\"steps\"><summary>Steps of the rule</summary>"));
  // One unit: no tabs; no log section unless given.
  CHECK_FALSE(contains(html, "class=\"tabs\""));
  CHECK_FALSE(contains(html, "Verify this result"));
}

TEST_CASE("kk and ru pages use their own words") {
  const small_election e;
  ppb::io::report_options opts;
  opts.lang = ppb::io::report_language::kk;
  const auto kk = render(e.unit(), opts);
  CHECK(kk.starts_with("<!DOCTYPE html>\n<html lang=\"kk\">"));
  CHECK(contains(kk, "Бюджет қалай бөлінді"));
  CHECK(contains(kk, "Жобалар бойынша дауыстар мен құны"));
  CHECK(contains(kk, "қаржыландырылады"));
  CHECK(contains(kk, "Ақша жеткенше ең көп қолдау алған жобалар жеңеді."));
  CHECK(contains(kk, "арзаны бірінші"));
  CHECK(contains(kk, "2 / 3"));
  CHECK_FALSE(contains(kk, "How the budget is spent"));
  check_self_contained(kk);
  opts.lang = ppb::io::report_language::ru;
  const auto ru = render(e.unit(), opts);
  CHECK(ru.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
  CHECK(contains(ru, "Как распределён бюджет"));
  CHECK(contains(ru, "не финансируется"));
  CHECK(contains(ru, "сначала более дешёвый"));
  CHECK(contains(ru, "2 из 3"));
  CHECK(contains(ru, "Причины приведены словами программы подсчёта (на английском)."));
  CHECK_FALSE(contains(ru, "How the budget is spent"));
}

TEST_CASE("several units become tabs that work without scripts") {
  const small_election north, south;
  const ppb::io::report_unit units[] = {north.unit("Алматы ауданы"), south.unit("Есіл ауданы")};
  const auto html = ppb::io::render_report_html(units);
  check_self_contained(html);
  CHECK(contains(html, "class=\"tabs\""));
  CHECK(contains(html, "<input type=\"radio\" name=\"unit-tab\" id=\"tab-0\" checked><label for=\"tab-0\">Алматы ауданы</label>"));
  CHECK(contains(html, "<input type=\"radio\" name=\"unit-tab\" id=\"tab-1\"><label for=\"tab-1\">Есіл ауданы</label>"));
  CHECK(contains(html, "#tab-0:checked~#unit-0{display:block}"));
  CHECK(contains(html, "#tab-1:checked~#unit-1{display:block}"));
  CHECK(count(html, "<section class=\"unit\"") == 2);
  CHECK(count(html, "<svg") == 2);
}

TEST_CASE("optional sections: the ballot log, extra tables, notes, a given title") {
  small_election e;
  e.out.notes.push_back("a note <b>");
  auto u = e.unit();
  u.tables.push_back({.title = "MES rounds", .columns = {"round", "project", "paid <per voter>"},
                      .rows = {{"1", "b", "5/2"}, {"2", "c", "4"}}, .note = "exact & fair"});
  ppb::io::report_options opts;
  opts.title = "Astana 2026";
  opts.log = ppb::io::report_log{.root_hex = "ab12cd",
                                 .entries = 42,
                                 .verify_command = "ppb log verify <box>.log",
                                 .accepted = 1234,
                                 .paper_ballots = 5,
                                 .rejected = 4,
                                 .rejections = {{.reason = "duplicate", .count = 3}, {.reason = "not_eligible", .count = 1}},
                                 .checkpoint = ppb::io::report_checkpoint{.size = 41, .root_hex = "ef34", .signature_hex = "5678"}};
  const auto html = render(u, opts);
  CHECK(contains(html, "<title>Astana 2026</title>"));
  CHECK(contains(html, "<h2>Verify this result</h2>"));
  CHECK(contains(html, "public append-only log of 42 entries. Its root (SHA-256) is ab12cd."));
  CHECK(contains(html, "<pre>ppb log verify &lt;box&gt;.log</pre>"));
  CHECK(contains(html, "<p>The ballot box accepted 1\u202f234 ballots online and 5 ballots on paper, and refused 4 "
                       "submissions; each decision is an entry of the log.</p>"));
  CHECK(contains(html, "<h3>Refused submissions by reason</h3>"));
  CHECK(contains(html, "<th>Reason (code)</th><th>Submissions</th>"));
  CHECK(contains(html, "<tr><td>duplicate</td><td>3</td></tr>\n<tr><td>not_eligible</td><td>1</td></tr>"));
  CHECK(contains(html, "<p>The election authority signed a checkpoint of the first 41 entries, root ef34; its signature "
                       "is 5678.</p>"));
  CHECK(contains(html, "<h3>MES rounds</h3>"));
  CHECK(contains(html, "<p>exact &amp; fair</p>"));
  CHECK(contains(html, "<th>paid &lt;per voter&gt;</th>"));
  CHECK(contains(html, "<td>5/2</td>"));
  CHECK(contains(html, "<li>a note &lt;b&gt;</li>"));
}

TEST_CASE("the log section in ru and kk, and without refusals or a checkpoint neither is shown") {
  const small_election e;
  ppb::io::report_options opts;
  opts.log = ppb::io::report_log{.root_hex = "ab12cd", .entries = 9, .verify_command = "ppb log verify b.log",
                                 .accepted = 7, .paper_ballots = 0, .rejected = 0, .rejections = {}, .checkpoint = {}};
  const auto en = render(e.unit(), opts);
  CHECK(contains(en, "accepted 7 ballots online and 0 ballots on paper, and refused 0 submissions"));
  CHECK_FALSE(contains(en, "Refused submissions by reason"));
  CHECK_FALSE(contains(en, "signed a checkpoint"));
  opts.log->checkpoint = ppb::io::report_checkpoint{.size = 8, .root_hex = "ef34", .signature_hex = "5678"};
  opts.lang = ppb::io::report_language::ru;
  const auto ru = render(e.unit(), opts);
  CHECK(contains(ru, "<h2>Как проверить этот результат</h2>"));
  CHECK(contains(ru, "Урна приняла 7 бюллетеней онлайн и 0 бумажных бюллетеней и отклонила 0 подач"));
  CHECK(contains(ru, "контрольную точку первых 8 записей, корень ef34; подпись: 5678."));
  opts.lang = ppb::io::report_language::kk;
  const auto kk = render(e.unit(), opts);
  CHECK(contains(kk, "Сайлау жәшігі 7 бюллетеньді онлайн және 0 қағаз бюллетеньді қабылдады"));
  CHECK(contains(kk, "алғашқы 8 жазбаның бақылау нүктесіне қол қойды, түбірі ef34; қолтаңбасы: 5678."));
}

TEST_CASE("each rule is explained in plain words, and MES rounds appear among the rule's steps") {
  const small_election e;
  for (const auto& rule_words : std::vector<std::pair<std::string, std::string>>{
           {"greedy-cost", "ranked by support per unit of cost"},
           {"phragmen", "Sequential Phragmén"},
           {"max-welfare", "the one with the greatest total support"},
           {"mes", "Method of Equal Shares"}}) {
    const auto& [rule, words] = rule_words;
    CAPTURE(rule_words.first);  // clang 14 cannot capture a structured binding in CAPTURE's lambda
    ppb::rule_options opts;
    opts.rule = rule;
    const auto out = ppb::tally::run(e.inst, e.prof, opts);
    const ppb::io::report_unit u{.name = "", .inst = &e.inst, .out = &out, .voters = e.prof.voters(), .tables = {}};
    const auto html = render(u);
    CHECK(contains(html, words));
    for (const auto& step : out.trace) CHECK(contains(html, escaped(step.detail)));
  }
}

TEST_CASE("MES rounds and payments: each round's project, ρ, who paid and how much, and every voter's share") {
  const small_election e;
  // Four voters of 10/4 = 2.5 each. b's two supporters pay its 5 in full (ρ = 1/2 per unit of
  // cost); then nobody who supports a or c has enough left.
  const auto mes = ppb::tally::method_of_equal_shares_detailed(e.inst, e.prof);
  REQUIRE(mes.rounds.size() == 1);
  const auto t = ppb::io::mes_payments_table(e.inst, mes);
  CHECK(t.title == "Rounds and payments of the Method of Equal Shares");
  CHECK(t.note.starts_with("Every voter started with 2.5\u00a0KZT to spend on the projects they support."));
  CHECK(t.columns == std::vector<std::string>{"Round", "Project", "Cost", "ρ", "Paid their full share (voters)", "Each paid",
                                              "Paid all they had left (voters)", "They paid together"});
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0] == std::vector<std::string>{"1", "b Library \"Kitap\"", "5\u00a0KZT", "1/2", "2", "2.5\u00a0KZT", "0", "–"});

  // Five voters of 3. a (4 supporters) goes first, each paying 2; then b's supporters v1 and v2
  // pay the 1 they have left and v4 pays the full share 3 (ρ = 3/5 per unit of cost).
  ppb::instance inst;
  inst.budget = 15;
  inst.add({.id = "a", .name = "A", .cost = 8});
  inst.add({.id = "b", .name = "B", .cost = 5});
  ppb::profile prof;
  const ppb::project_index ab[] = {0, 1}, a_only[] = {0}, b_only[] = {1};
  prof.add(ab);
  prof.add(ab);
  prof.add(a_only);
  prof.add(b_only);
  prof.add(a_only);
  const auto mes2 = ppb::tally::method_of_equal_shares_detailed(inst, prof);
  const auto t2 = ppb::io::mes_payments_table(inst, mes2, ppb::io::report_language::ru);
  CHECK(t2.title == "Раунды и платежи метода равных долей");
  CHECK(t2.note.starts_with("Каждый избиратель начал с доли 3, которую"));
  CHECK(t2.columns[4] == "Заплатили полную долю (избирателей)");
  REQUIRE(t2.rows.size() == 2);
  CHECK(t2.rows[0] == std::vector<std::string>{"1", "a A", "8", "1/4", "4", "2", "0", "–"});
  CHECK(t2.rows[1] == std::vector<std::string>{"2", "b B", "5", "3/5", "1", "3", "2", "2"});

  ppb::mes_options points;
  points.satisfaction = ppb::satisfaction_kind::points;
  const auto t3 = ppb::io::mes_payments_table(e.inst, ppb::tally::method_of_equal_shares_detailed(e.inst, e.prof, points),
                                              ppb::io::report_language::kk);
  CHECK(t3.title == "Тең үлестер әдісінің раундтары мен төлемдері");
  CHECK(t3.columns[5] == "Әрқайсысы бір ұпай үшін төледі");
}

TEST_CASE("no ties: the page says no tie-break was needed") {
  ppb::instance inst;
  inst.budget = 100;
  inst.add({.id = "x", .name = "X", .cost = 10});
  ppb::profile prof;
  const ppb::project_index x[] = {0};
  prof.add(x);
  const auto out = ppb::tally::greedy(inst, prof);
  const ppb::io::report_unit u{.name = "", .inst = &inst, .out = &out, .voters = 1, .tables = {}};
  const auto html = render(u);
  CHECK(contains(html, "no tie-break was needed"));
  CHECK(contains(html, "<h2>Results</h2>"));  // no name, no META unit: a generic heading
}

TEST_CASE("money with decimals is grouped and keeps its places, and points elections show points") {
  const auto e = ppb::io::read_pabulib(std::string(PPB_TEST_DATA) + "/czestochowa_2024_bleszno.pb");
  const auto out = ppb::tally::greedy(e.inst, e.prof);
  const ppb::io::report_unit u{.name = "", .inst = &e.inst, .out = &out, .voters = e.prof.voters(), .tables = {}};
  const auto html = render(u);
  CHECK(contains(html, "329\u202f457\u00a0PLN"));
  CHECK(contains(html, "<h2>Błeszno</h2>"));          // META subunit names the unit
  CHECK(contains(html, "<th class=\"num\">Points</th>"));  // cumulative ballots: ranked by points
  CHECK(contains(html, "funded: points"));
  for (auto p : out.selected) CHECK(contains(html, e.inst[p].name));

  ppb::instance cents;
  cents.budget = 123450;
  cents.money_places = 2;
  cents.add({.id = "p", .name = "P", .cost = 100005});
  ppb::profile prof;
  const ppb::project_index p[] = {0};
  prof.add(p);
  const auto out2 = ppb::tally::greedy(cents, prof);
  const ppb::io::report_unit u2{.name = "", .inst = &cents, .out = &out2, .voters = 1, .tables = {}};
  const auto html2 = render(u2);
  CHECK(contains(html2, "1\u202f234.5"));
  CHECK(contains(html2, "1\u202f000.05"));
  CHECK_FALSE(contains(html2, "Points"));  // approval ballots: votes only
}

TEST_CASE("the chart alone is a standalone SVG document") {
  const small_election e;
  const auto svg = ppb::io::render_chart_svg(e.unit(), ppb::io::report_language::ru);
  CHECK(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(svg.ends_with("</svg>\n"));
  CHECK(count(svg, "<g class=\"funded\">") == 2);
  CHECK(count(svg, "<g class=\"unfunded\">") == 1);
  CHECK(contains(svg, "финансируется: голоса"));
  CHECK_FALSE(contains(svg, "<script"));
}

TEST_CASE("a report needs units with their instance and outcome") {
  const small_election e;
  CHECK_THROWS_WITH_AS(ppb::io::render_report_html({}), "[ppb.usage_error.200] a report needs at least one unit",
                       ppb::usage_error);
  auto u = e.unit();
  u.out = nullptr;
  CHECK_THROWS_AS(render(u), ppb::usage_error);
  CHECK_THROWS_AS(ppb::io::render_chart_svg(u), ppb::usage_error);
  const ppb::outcome other;  // not tallied on e.inst
  u.out = &other;
  CHECK_THROWS_WITH_AS(render(u), "[ppb.usage_error.200] a report unit's outcome was not tallied on its instance",
                       ppb::usage_error);
}

namespace {

using support::run_result;
using support::run_ppb;

auto read(const std::string& path) -> std::string {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("ppb report writes the page and the chart with the same outcome as ppb tally") {
  const std::string data = PPB_TEST_DATA;
  const std::string html = "/tmp/ppb_report_test_" + std::to_string(::getpid()) + ".html";
  const std::string svg = "/tmp/ppb_report_test_" + std::to_string(::getpid()) + ".svg";
  const auto r = run_ppb("report " + data + "/toulouse_2022_17.pb --rule greedy --tie-break file-order -o " + html +
                         " --svg " + svg + " --lang ru");
  REQUIRE(r.status == 0);
  CHECK(r.err.find("ppb report: wrote " + html) != std::string::npos);
  const auto page = read(html);
  check_self_contained(page);
  CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
  CHECK(read(svg).starts_with("<?xml"));
  // Every project `ppb tally` funds with the same options is marked funded on the page.
  const auto tally = run_ppb("tally " + data + "/toulouse_2022_17.pb --rule greedy --tie-break file-order --json");
  REQUIRE(tally.status == 0);
  const auto e = ppb::io::read_pabulib(data + "/toulouse_2022_17.pb");
  const auto j = boost::json::parse(tally.out).as_object();
  std::size_t funded = 0;
  for (const auto& id : j.at("selected").as_array()) {
    const auto& p = e.inst[*e.inst.find(std::string(id.as_string()))];
    CHECK(contains(page, escaped(p.name)));
    ++funded;
  }
  CHECK(count(page, "<tr class=\"funded\">") == funded);
  std::remove(html.c_str());
  std::remove(svg.c_str());
}

TEST_CASE("ppb report --rule mes: the page shows MES's rounds and payments, with ppb tally's outcome") {
  const std::string data = PPB_TEST_DATA;
  const std::string html = "/tmp/ppb_report_mes_" + std::to_string(::getpid()) + ".html";
  const auto r = run_ppb("report " + data + "/toulouse_2022_17.pb --rule mes -o " + html);
  REQUIRE(r.status == 0);
  const auto page = read(html);
  std::remove(html.c_str());
  const auto tally = run_ppb("tally " + data + "/toulouse_2022_17.pb --rule mes --json");
  REQUIRE(tally.status == 0);
  const auto j = boost::json::parse(tally.out);
  const auto& selected = j.at("selected").as_array();
  REQUIRE_FALSE(selected.empty());
  CHECK(count(page, "<tr class=\"funded\">") == selected.size());
  const auto e = ppb::io::read_pabulib(data + "/toulouse_2022_17.pb");
  ppb::mes_options m;  // what --rule mes runs: satisfaction cost, the default tie-break
  m.tie = ppb::tie_break::standard();
  const auto mes = ppb::tally::method_of_equal_shares_detailed(e.inst, e.prof, m);
  REQUIRE(mes.result.selected.size() == selected.size());
  CHECK(contains(page, "<h3>Rounds and payments of the Method of Equal Shares</h3>"));
  CHECK(contains(page, "<p>" + escaped(ppb::io::mes_payments_table(e.inst, mes).note) + "</p>"));
  for (std::size_t i = 0; i < mes.rounds.size(); ++i) {
    const auto& p = e.inst[mes.rounds[i].project];
    CHECK(std::string(selected[i].as_string()) == p.id);  // no free projects: the rounds are the selection
    CHECK(contains(page, "<tr><td>" + std::to_string(i + 1) + "</td><td>" + escaped(p.id + " " + p.name) + "</td>"));
  }
  // Other rules have no such table.
  const auto g = run_ppb("report " + data + "/toulouse_2022_17.pb -o " + html);
  REQUIRE(g.status == 0);
  CHECK_FALSE(contains(read(html), "Rounds and payments"));
  std::remove(html.c_str());
}

TEST_CASE("ppb report: --help, bad command lines exit 2, unwritable output exits 1") {
  const std::string data = PPB_TEST_DATA;
  const auto help = run_ppb("report --help");
  CHECK(help.status == 0);
  CHECK(help.out.starts_with("usage: ppb report"));
  CHECK(run_ppb("--help").out.find("report") != std::string::npos);
  CHECK(run_ppb("report " + data + "/assen_2024.pb").status == 2);  // no -o
  CHECK(run_ppb("report " + data + "/assen_2024.pb -o /tmp/x.html --lang de").err.find("unknown language 'de'") !=
        std::string::npos);
  CHECK(run_ppb("report " + data + "/assen_2024.pb -o /tmp/x.html --rule dictator").status == 2);
  CHECK(run_ppb("report " + data + "/assen_2024.pb -o /tmp/x.html --tie-break coin").status == 2);
  CHECK(run_ppb("report " + data + "/assen_2024.pb -o /tmp/x.html --seed x").status == 2);
  CHECK(run_ppb("report -o /tmp/x.html").status == 2);
  const auto missing = run_ppb("report /nonexistent.pb -o /tmp/x.html");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("[ppb.parse_error.100] /nonexistent.pb") != std::string::npos);
  const auto unwritable = run_ppb("report " + data + "/assen_2024.pb --quiet -o /nonexistent/dir/x.html");
  CHECK(unwritable.status == 1);
  CHECK(unwritable.err == "ppb report: [ppb.error.100] /nonexistent/dir/x.html: cannot write the file\n");
}
