// `ppb report LOG`: a ballot log is verified, each of its units tallied with the election's rule
// on its own tab, and the page says how to re-check it; `ppb demo district` then `ppb report` on
// its log; `--svg` alone; a log that fails verification is refused with its code.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ledger/box_fixture.hpp"
#include "ppb/ppb.hpp"
#include "support/run_cli.hpp"

using support::flip_byte;
using support::run_ppb;

namespace {

auto read(const std::string& path) -> std::string {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

auto contains(const std::string& s, const std::string& what) -> bool { return s.find(what) != std::string::npos; }

auto count(const std::string& s, const std::string& what) -> std::size_t {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

/// The section of unit `k` of a page (`<section class="unit" id="unit-K">` … `</section>`).
auto unit_section(const std::string& html, std::size_t k) -> std::string {
  const auto begin = html.find("<section class=\"unit\" id=\"unit-" + std::to_string(k) + "\">");
  if (begin == std::string::npos) return {};
  return html.substr(begin, html.find("</section>", begin) - begin);
}

/// The ids of the rows a unit's project table marks funded (`<tr class="funded"><td>RANK</td><td>ID</td>`).
auto funded_ids(const std::string& section) -> std::set<std::string> {
  std::set<std::string> ids;
  const std::string row = "<tr class=\"funded\"><td>";
  for (auto at = section.find(row); at != std::string::npos; at = section.find(row, at + 1)) {
    const auto id_begin = section.find("</td><td>", at) + 9;
    ids.insert(section.substr(id_begin, section.find("</td>", id_begin) - id_begin));
  }
  return ids;
}

/// The funded ids of each unit, as `ppb log tally --json` reports them.
auto tallied_ids(const std::string& log) -> std::vector<std::set<std::string>> {
  const auto tally = run_ppb("log tally " + log + " --json");
  REQUIRE(tally.status == 0);
  std::vector<std::set<std::string>> out;
  const auto json = boost::json::parse(tally.out);
  for (const auto& u : json.at("units").as_array()) {
    auto& ids = out.emplace_back();
    for (const auto& id : u.at("outcome").at("selected").as_array()) ids.insert(std::string(id.as_string()));
  }
  return out;
}

/// The root `ppb log verify` prints for a log that verifies.
auto verified_root(const std::string& log) -> std::string {
  const auto v = run_ppb("log verify " + log);
  REQUIRE(v.status == 0);
  const auto at = v.out.find("; root ");
  REQUIRE(at != std::string::npos);
  return v.out.substr(at + 7, 64);
}

/// The small city's vote in a closed log: ballots in three units, two refused as duplicate, one
/// as not_eligible (a centre voter on the north ballot); a paper batch of two in the centre, whose
/// budget (10 000 000) funds two of its five projects of 5 000 000.
struct city_log {
  fixture::temp_dir dir;
  fixture::box_world w;
  std::string log = dir / "ballots.log";
  /// `rule`: the election's tally rule.
  explicit city_log(bool closed = true, const std::string& rule = "greedy")
      : w(fixture::small_city_def_with([&](boost::json::object& doc) {
          doc["units"].as_array()[1].as_object()["budget"] = 10000000;
          doc["tally"].as_object()["rule"] = rule;
        })) {
    auto box = ppb::ledger::ballot_box::create(log, w.setup());
    const auto at = fixture::voting_time();
    const auto submit = [&](const ppb::byte_buffer& b) { return box.submit(b, at); };
    // Voters 0-3 live in the centre, 4-7 in the north, 8-11 in the south.
    const auto c0 = w.ballot(0, "kosshy-center", {0, 2});
    CHECK(submit(c0).accepted);
    CHECK(submit(w.ballot(1, "kosshy-center", {2})).accepted);
    CHECK(submit(w.ballot(4, "kosshy-north", {1})).accepted);
    CHECK(submit(w.ballot(8, "kosshy-south", {3, 4})).accepted);
    CHECK(submit(w.ballot(9, "kosshy", {0})).accepted);
    CHECK(submit(fixture::paper(w, "kosshy-center", {2, 3}, {4}, 1)).accepted);
    CHECK(submit(c0).reason == ppb::ledger::reject_reason::duplicate);
    CHECK(submit(c0).reason == ppb::ledger::reject_reason::duplicate);
    CHECK(submit(w.ballot(0, "kosshy-north", {0})).reason == ppb::ledger::reject_reason::not_eligible);
    if (!closed) return;
    box.close(w.authority, at);
    box.publish_result(ppb::ledger::tally_json(box.setup(), box.profiles()), w.authority, at);
  }
};

}  // namespace

TEST_CASE("ppb report LOG: one tab per unit with the election's rule, and the log's root, counts and checkpoint") {
  city_log c;
  const auto page_path = c.dir / "result.html";
  const auto r = run_ppb("report " + c.log + " -o " + page_path + " --lang kk");
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  const auto root = verified_root(c.log);
  ppb::merkle::tree tree;
  ppb::ledger::log_reader reader(c.log);
  for (ppb::byte_buffer body; reader.next(body);) tree.append(ppb::merkle::leaf_hash(body));
  CHECK(ppb::to_hex(tree.root()) == root);
  const auto entries = std::to_string(tree.size());
  CHECK(r.err.starts_with("ppb report: wrote " + page_path + " from " + c.log + " (4 units, "));
  CHECK(r.err.ends_with(" projects funded; " + entries + " entries, root " + root + ")\n"));
  const auto html = read(page_path);
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"kk\">"));
  CHECK(contains(html, "<title>Қосшы қаласының халық қатысатын бюджеті 2026</title>"));
  // One tab per ballot unit, named in the page's language, in the election's order.
  CHECK(count(html, "<section class=\"unit\"") == 4);
  std::size_t tab = 0;
  for (const char* name : {"Қосшы қаласы", "Орталық аудан", "Солтүстік аудан", "Оңтүстік аудан"}) {
    CAPTURE(name);
    CHECK(contains(html, "id=\"tab-" + std::to_string(tab) + "\"" + (tab == 0 ? " checked" : "") + "><label for=\"tab-" +
                             std::to_string(tab) + "\">" + name + "</label>"));
    ++tab;
  }
  // Each unit's funded projects are exactly those `ppb log tally` funds with the election's rule.
  const auto tallied = tallied_ids(c.log);
  REQUIRE(tallied.size() == 4);
  for (std::size_t u = 0; u < tallied.size(); ++u) {
    CAPTURE(u);
    CHECK(funded_ids(unit_section(html, u)) == tallied[u]);
  }
  // The centre: p3 (2 online) and p5 (2 on paper) are funded, p1 (1) no longer fits.
  CHECK(funded_ids(unit_section(html, 1)) == std::set<std::string>{"p3", "p5"});
  // The log: root and size as `ppb log verify` prints them, the ballots counted and refused by
  // reason, the authority's last checkpoint (over every entry before it), and the real command.
  CHECK(contains(html, "(" + entries + " жазба). Оның түбірі (SHA-256): " + root + "."));
  CHECK(contains(html, "<pre>ppb log verify ballots.log</pre>"));
  CHECK(contains(html, "Сайлау жәшігі 5 бюллетеньді онлайн және 2 қағаз бюллетеньді қабылдады, 3 жіберуден бас тартты"));
  CHECK(contains(html, "<tr><td>duplicate</td><td>2</td></tr>"));
  CHECK(contains(html, "<tr><td>not_eligible</td><td>1</td></tr>"));
  CHECK(contains(html, "алғашқы " + std::to_string(tree.size() - 1) + " жазбаның бақылау нүктесіне қол қойды, түбірі " +
                           ppb::to_hex(tree.root_at(tree.size() - 1)) + "; қолтаңбасы: "));
}

TEST_CASE("ppb report LOG of an election that tallies with MES: each unit's rounds and payments") {
  const city_log c(true, "mes");
  const auto page_path = c.dir / "result.html";
  const auto r = run_ppb("report " + c.log + " -o " + page_path);
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  const auto html = read(page_path);
  const auto tallied = tallied_ids(c.log);
  REQUIRE(tallied.size() == 4);
  for (std::size_t u = 0; u < tallied.size(); ++u) {
    CAPTURE(u);
    const auto section = unit_section(html, u);
    CHECK(funded_ids(section) == tallied[u]);
    CHECK(contains(section, "Method of Equal Shares: the budget is split equally among the voters."));
    CHECK(contains(section, "<h3>Rounds and payments of the Method of Equal Shares</h3>"));
  }
  // The centre (satisfaction points, as the election says): four voters of 10 000 000 / 4; p3's two
  // supporters (v0, v1) pay 2 500 000 per point each, as do p5's (the paper ballots); p1's one
  // supporter has nothing left.
  const auto centre = unit_section(html, 1);
  CHECK(contains(centre, "<p>Every voter started with 2\u202f500\u202f000 to spend"));
  CHECK(contains(centre, "<th>Each paid per point</th>"));
  CHECK(contains(centre, "<tr><td>1</td><td>p3 Project 3</td><td>5\u202f000\u202f000</td><td>2500000</td><td>2</td>"
                         "<td>2\u202f500\u202f000</td><td>0</td><td>–</td></tr>"));
  CHECK(contains(centre, "<tr><td>2</td><td>p5 Project 5</td>"));
  CHECK(funded_ids(centre) == std::set<std::string>{"p3", "p5"});
}

TEST_CASE("ppb demo district, then ppb report on its log: the unit, the root and the funded projects of ppb log tally") {
  fixture::temp_dir dir;
  const auto demo = run_ppb("demo district --voters 400 --threads 2 --clients 8 --out " + dir.path.string());
  REQUIRE(demo.status == 0);
  const auto log = dir / "ballots.log";
  const auto root = demo.out.substr(demo.out.find(", root ") + 7, 64);
  CHECK(root == verified_root(log));
  const auto r = run_ppb("report " + log + " -o " + (dir / "result.html") + " --svg " + (dir / "chart.svg"));
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  const auto html = read(dir / "result.html");
  CHECK(count(html, "<section class=\"unit\"") == 1);  // the demo's one district: no tabs needed
  CHECK(contains(html, "<h2>Almaly district</h2>"));
  CHECK(contains(html, "<title>Almaly district People&#39;s Participation Budget 2026</title>"));
  CHECK(contains(html, "Its root (SHA-256) is " + root + "."));
  CHECK(contains(html, "<pre>ppb log verify ballots.log</pre>"));
  CHECK(contains(demo.out, "see the results page: ppb report " + log + " -o " + (dir / "result.html") + "\n"));
  CHECK(contains(html, "The ballot box accepted 400 ballots online and 0 ballots on paper"));
  const auto tallied = tallied_ids(log);
  REQUIRE(tallied.size() == 1);
  CHECK_FALSE(tallied[0].empty());
  CHECK(funded_ids(unit_section(html, 0)) == tallied[0]);
  const auto svg = read(dir / "chart.svg");
  CHECK(svg.starts_with("<?xml"));
  CHECK(count(svg, "<g class=\"funded\">") == tallied[0].size());
}

TEST_CASE("ppb report --svg without -o writes the chart alone, and one chart per unit of a log of several") {
  fixture::temp_dir dir;
  const std::string data = PPB_TEST_DATA;
  const auto pb = run_ppb("report " + data + "/assen_2024.pb --svg " + (dir / "chart.svg"));
  CAPTURE(pb.err);
  REQUIRE(pb.status == 0);
  CHECK(read(dir / "chart.svg").starts_with("<?xml"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator{}) == 1);  // no page
  CHECK(run_ppb("report " + data + "/assen_2024.pb").status == 2);             // neither -o nor --svg
  CHECK(run_ppb("report " + data + "/assen_2024.pb --svg=").status == 2);

  city_log c;
  const auto r = run_ppb("report " + c.log + " --svg " + (c.dir / "chart.svg") + " --lang ru");
  CAPTURE(r.err);
  REQUIRE(r.status == 0);
  for (const char* unit : {"kosshy", "kosshy-center", "kosshy-north", "kosshy-south"}) {
    CAPTURE(unit);
    const auto svg = read(c.dir / ("chart-" + std::string(unit) + ".svg"));
    CHECK(svg.starts_with("<?xml"));
    CHECK(count(svg, "<g class=") == 5);  // five projects on every ballot
  }
  CHECK_FALSE(std::filesystem::exists(c.dir / "chart.svg"));
}

TEST_CASE("ppb report LOG refuses a log that fails verification, with its code, and the rule options") {
  city_log c;
  const auto html = c.dir / "r.html";
  const auto other_rule = run_ppb("report " + c.log + " -o " + html + " --rule mes");
  CHECK(other_rule.status == 2);
  CHECK(contains(other_rule.err, "--rule mes: this ballot log's election is tallied with rule greedy"));
  CHECK_FALSE(std::filesystem::exists(html));
  // Its own rule may be named, as for a .pb file.
  CHECK(run_ppb("report " + c.log + " -o " + html + " --rule greedy").status == 0);
  CHECK(std::filesystem::exists(html));
  std::filesystem::remove(html);
  CHECK(run_ppb("report " + c.log + " -o " + html + " --comparison").status == 2);
  CHECK(run_ppb("report " + c.log + " -o " + html + " --strict").status == 2);
  const auto tie = run_ppb("report " + c.log + " -o " + html + " --tie-break lot");
  CHECK(tie.status == 2);
  CHECK(contains(tie.err, "--tie-break applies to a .pb file: a ballot log is tallied with its election's rule"));
  CHECK_FALSE(std::filesystem::exists(html));

  // A torn tail: the file ends inside a record.
  const auto entries = ppb::ledger::replay_log(c.log).entries;
  std::filesystem::copy_file(c.log, c.dir / "torn.log");
  std::ofstream(c.dir / "torn.log", std::ios::binary | std::ios::app) << std::string("\0\0\0\x20\x01", 5);
  const auto torn = run_ppb("report " + (c.dir / "torn.log") + " -o " + html);
  CHECK(torn.status == 1);
  CHECK(torn.err == "ppb report: [ppb.parse_error.152] " + (c.dir / "torn.log") +
                        ": the last 5 bytes are a damaged or incomplete entry " + std::to_string(entries) + " (see ppb log verify " +
                        (c.dir / "torn.log") + ")\n");

  // A flipped byte: the first entry that does not hold is named, as ppb log verify names it.
  flip_byte(c.log, 600);
  const auto bad = run_ppb("report " + c.log + " -o " + html);
  CHECK(bad.status == 1);
  CHECK(contains(bad.err, "[ppb.parse_error.152]"));
  CHECK(contains(bad.err, "entry "));
  CHECK(bad.err == "ppb report: " + run_ppb("log verify " + c.log).err.substr(std::string("ppb log: ").size()));
  CHECK_FALSE(std::filesystem::exists(html));

  // A box still open: its result is not final.
  city_log still_open(false);
  const auto not_closed = run_ppb("report " + still_open.log + " -o " + html);
  CHECK(not_closed.status == 1);
  CHECK(not_closed.err == "ppb report: [ppb.parse_error.152] " + still_open.log +
                              ": the log is not closed: its result is not final (see ppb log verify " + still_open.log +
                              ")\n");

  // Not a log and not a .pb file: the pabulib reader says why.
  std::ofstream(c.dir / "x.log") << "hello\n";
  const auto neither = run_ppb("report " + (c.dir / "x.log") + " -o " + html);
  CHECK(neither.status == 1);
  CHECK(contains(neither.err, "[ppb.parse_error.101]"));
}
