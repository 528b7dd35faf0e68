// Drives the `ppb` program as a user would: exit codes, one-line errors, the JSON contract.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using support::run_result;
using support::run_ppb;

const std::string data = PPB_TEST_DATA;

}  // namespace

TEST_CASE("ppb tally prints a table with rank, id, name, votes, cost, status and budget left") {
  const auto r = run_ppb("tally " + data + "/czestochowa_2024_bleszno.pb");
  CHECK(r.status == 0);
  CHECK(r.out.find("rank") != std::string::npos);
  CHECK(r.out.find("budget left") != std::string::npos);
  CHECK(r.out.find("KLUB MIESZKAŃCA NA BŁESZNIE") != std::string::npos);
  CHECK(r.out.find("funded") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("ppb tally --json follows the contract") {
  const auto r = run_ppb("tally " + data + "/toulouse_2022_17.pb --rule greedy --tie-break file-order --json");
  REQUIRE(r.status == 0);
  const auto j = boost::json::parse(r.out).as_object();
  CHECK(j.at("rule").as_string() == "greedy");
  CHECK(j.at("budget").as_int64() == 400000);
  CHECK(j.at("money_places").as_int64() == 0);
  const auto& selected = j.at("selected").as_array();
  const auto& projects = j.at("projects").as_array();
  CHECK(projects.size() == 10);
  std::int64_t spent = 0;
  for (const auto& p : projects) {
    const auto& o = p.as_object();
    for (const char* key : {"id", "votes", "cost", "status", "reason"}) CHECK(o.contains(key));
    if (o.at("status").as_string() == "funded") spent += o.at("cost").as_int64();
  }
  CHECK(spent == j.at("spent").as_int64());
  CHECK(!selected.empty());
  CHECK(!j.contains("trace"));
  const auto traced = run_ppb("tally " + data + "/toulouse_2022_17.pb --json --trace");
  CHECK(boost::json::parse(traced.out).as_object().at("trace").as_array().size() == 10);
}

TEST_CASE("--satisfaction, --rule greedy-cost and --tie-break change what is ranked") {
  const auto points = run_ppb("tally " + data + "/czestochowa_2024_bleszno.pb --json");
  const auto cost = run_ppb("tally " + data + "/czestochowa_2024_bleszno.pb --json --satisfaction cost");
  const auto per_cost = run_ppb("tally " + data + "/czestochowa_2024_bleszno.pb --json --rule greedy-cost");
  REQUIRE(points.status == 0);
  REQUIRE(cost.status == 0);
  REQUIRE(per_cost.status == 0);
  CHECK(boost::json::parse(cost.out).as_object().at("satisfaction").as_string() == "cost");
  CHECK(boost::json::parse(per_cost.out).as_object().at("rule").as_string() == "greedy-cost");
  CHECK(boost::json::parse(points.out).as_object().at("selected") !=
        boost::json::parse(per_cost.out).as_object().at("selected"));
}

TEST_CASE("bad files exit 1 with one line naming file, line and reason") {
  const std::string bad = "/tmp/ppb_cli_bad.pb";
  {
    std::ofstream f(bad);
    f << "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n1;zz\n";
  }
  const auto r = run_ppb("tally " + bad);
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "ppb tally: [ppb.parse_error.103] " + bad + ":10: vote names project 'zz', which PROJECTS does not list\n");
  const auto missing = run_ppb("info /nonexistent.pb");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("[ppb.parse_error.100] /nonexistent.pb: cannot open the file") != std::string::npos);
  std::remove(bad.c_str());
}

TEST_CASE("--strict refuses ballots that break META limits, the default counts and warns") {
  const std::string file = "/tmp/ppb_cli_limits.pb";
  {
    std::ofstream f(file);
    f << "META\nkey;value\nbudget;10\nvote_type;approval\nmax_length;1\nPROJECTS\nproject_id;cost\na;5\nb;5\n"
         "VOTES\nvoter_id;vote\n1;a,b\n2;a\n";
  }
  const auto lenient = run_ppb("tally " + file + " --json");
  CHECK(lenient.status == 0);
  CHECK(lenient.err.find(file + ":12: ballot of voter '1' breaks the ballot rules: too_many_projects") != std::string::npos);
  const auto strict = run_ppb("tally " + file + " --strict");
  CHECK(strict.status == 1);
  CHECK(strict.err.find("[ppb.parse_error.107] " + file + ":12:") != std::string::npos);
  std::remove(file.c_str());
}

TEST_CASE("bad command lines exit 2 and say what is wrong") {
  CHECK(run_ppb("tally " + data + "/assen_2024.pb --rule dictator").status == 2);
  CHECK(run_ppb("tally " + data + "/assen_2024.pb --satisfaction joy").status == 2);
  CHECK(run_ppb("tally " + data + "/assen_2024.pb --tie-break coin").status == 2);
  CHECK(run_ppb("tally " + data + "/assen_2024.pb --frobnicate").status == 2);
  CHECK(run_ppb("tally").status == 2);
  CHECK(run_ppb("tally --rule").err.find("needs a value") != std::string::npos);
  CHECK(run_ppb("frobnicate").status == 2);
  CHECK(run_ppb("").status == 2);
}

TEST_CASE("every command has --help") {
  for (const char* cmd : {"tally", "info"}) {
    CAPTURE(cmd);
    const auto r = run_ppb(std::string(cmd) + " --help");
    CHECK(r.status == 0);
    CHECK(r.out.starts_with("usage: ppb " + std::string(cmd)));
  }
  CHECK(run_ppb("--help").status == 0);
}

TEST_CASE("ppb info summarises an election") {
  const auto r = run_ppb("info " + data + "/assen_2024.pb");
  CHECK(r.status == 0);
  CHECK(r.out.find("vote type     approval") != std::string::npos);
  CHECK(r.out.find("budget        100000 EUR") != std::string::npos);
  CHECK(r.out.find("ballots       84") != std::string::npos);
  CHECK(r.out.find("ballot rules  min_length=2") != std::string::npos);
  CHECK(r.out.find("official      9 projects selected") != std::string::npos);
}

TEST_CASE("ppb tally --rule mes reproduces Assen 2024's official outcome, with its trace") {
  const auto meta = run_ppb("tally " + data + "/assen_2024.pb --rule meta --json --trace");
  REQUIRE(meta.status == 0);
  const auto j = boost::json::parse(meta.out).as_object();
  std::set<std::string> selected;
  for (const auto& id : j.at("selected").as_array()) selected.insert(std::string(id.as_string()));
  CHECK(selected == std::set<std::string>{"11", "12", "13", "14", "2", "3", "5", "6", "9"});
  CHECK(j.at("rule").as_string() == "mes");
  const auto& trace = j.at("trace").as_array();
  REQUIRE(trace.size() == 9);
  CHECK(std::string(trace[0].as_object().at("detail").as_string()).starts_with("ρ = "));
  // The same by explicit options.
  const auto by_name = run_ppb("tally " + data +
                               "/assen_2024.pb --rule mes --satisfaction cost --completion add1 "
                               "--tie-break min-cost,max-votes,file-order --json");
  REQUIRE(by_name.status == 0);
  CHECK(boost::json::parse(by_name.out).as_object().at("selected") == j.at("selected"));
}

TEST_CASE("ppb tally refuses a bad completion, or one given to another rule, as a bad command line") {
  const auto bad = run_ppb("tally " + data + "/assen_2024.pb --rule mes --completion greedy+add1");
  CHECK(bad.status == 2);
  CHECK(bad.err.find("greedy can only come last") != std::string::npos);
  const auto other = run_ppb("tally " + data + "/assen_2024.pb --rule greedy --completion add1");
  CHECK(other.status == 2);
  CHECK(other.err.find("completion and comparison go with rule mes") != std::string::npos);
}

TEST_CASE("ppb explain says why a project was funded or not") {
  const auto funded = run_ppb("explain " + data + "/assen_2024.pb --rule meta --project 11");
  REQUIRE(funded.status == 0);
  CHECK(funded.out.starts_with("Project 11"));
  CHECK(funded.out.find(": FUNDED") != std::string::npos);
  CHECK(funded.out.find("lowest ρ = ") != std::string::npos);
  CHECK(funded.out.find("Steps of the rule that concern it:") != std::string::npos);
  const auto unfunded = run_ppb("explain " + data + "/assen_2024.pb --rule meta --project 8");
  REQUIRE(unfunded.status == 0);
  CHECK(unfunded.out.find("NOT FUNDED") != std::string::npos);
  CHECK(unfunded.out.find("short of its cost") != std::string::npos);
  const auto greedy = run_ppb("explain " + data + "/czestochowa_2024_bleszno.pb --project 565");
  CHECK(greedy.status == 0);
  CHECK(greedy.out.find("Why: ") != std::string::npos);
  const auto missing = run_ppb("explain " + data + "/assen_2024.pb --rule mes --project nope");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("has no project 'nope'") != std::string::npos);
  CHECK(run_ppb("explain " + data + "/assen_2024.pb").status == 2);
}

TEST_CASE("--tie-break lot without --seed draws a seed and prints it, so the lot can be replayed") {
  const std::string file = data + "/czestochowa_2024_bleszno.pb";
  const auto drawn = run_ppb("tally " + file + " --tie-break lot --json");
  REQUIRE(drawn.status == 0);
  const auto j = boost::json::parse(drawn.out).as_object();
  REQUIRE(j.contains("seed"));
  const std::uint64_t seed = j.at("seed").to_number<std::uint64_t>();
  CHECK(seed < (std::uint64_t{1} << 53));
  CHECK(j.at("tie_break").as_string() == "lot");
  CHECK(drawn.err == "ppb: the lot drew seed " + std::to_string(seed) + " (--seed " + std::to_string(seed) + " replays it)\n");
  CHECK(run_ppb("tally " + file + " --tie-break lot --quiet").err.empty());
  const auto replay = run_ppb("tally " + file + " --tie-break lot --seed " + std::to_string(seed) + " --json");
  REQUIRE(replay.status == 0);
  CHECK(boost::json::parse(replay.out) == boost::json::parse(drawn.out));
  // The table says it too.
  const auto table = run_ppb("tally " + file + " --tie-break lot --seed 42");
  REQUIRE(table.status == 0);
  CHECK(table.out.find("ties lot (seed 42)\n") != std::string::npos);
  const auto explain = run_ppb("explain " + file + " --project 565 --tie-break lot --seed 42");
  REQUIRE(explain.status == 0);
  CHECK(explain.out.find("ties lot (seed 42);") != std::string::npos);
  // In a comma list, and given first.
  const auto listed = run_ppb("tally " + file + " --seed 7 --tie-break min-cost,lot --json");
  REQUIRE(listed.status == 0);
  CHECK(boost::json::parse(listed.out).as_object().at("seed").to_number<std::uint64_t>() == 7);
  CHECK(boost::json::parse(listed.out).as_object().at("tie_break").as_string() == "min-cost,lot");
  // No lot, no seed in the output.
  const auto plain = run_ppb("tally " + file + " --tie-break file-order --json");
  REQUIRE(plain.status == 0);
  CHECK(!boost::json::parse(plain.out).as_object().contains("seed"));
}

TEST_CASE("--seed without a lot, and greedy-cost with a satisfaction, are bad command lines") {
  const std::string file = data + "/czestochowa_2024_bleszno.pb";
  const auto seed = run_ppb("tally " + file + " --seed 7");
  CHECK(seed.status == 2);
  CHECK(seed.out.empty());
  CHECK(seed.err ==
        "ppb tally: --seed goes with --tie-break lot; the tie-break min-cost,max-votes,file-order draws no lots "
        "(see ppb tally --help)\n");
  const auto file_order = run_ppb("tally " + file + " --tie-break file-order --seed 7");
  CHECK(file_order.status == 2);
  CHECK(file_order.err.find("the tie-break file-order draws no lots") != std::string::npos);
  // Options are checked before the file is read: a missing file is not reached.
  CHECK(run_ppb("tally /nonexistent.pb --seed 7").status == 2);
  CHECK(run_ppb("tally /nonexistent.pb --rule greedy-cost --satisfaction cost").status == 2);

  for (const std::string sat : {"cost", "cardinality"}) {
    CAPTURE(sat);
    const auto r = run_ppb("tally " + file + " --rule greedy-cost --satisfaction " + sat + " --json");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "ppb tally: [ppb.usage_error.200] greedy-cost ranks by points per cost and takes no satisfaction " + sat +
                       " (supporters per cost: --rule greedy --satisfaction cardinality)\n");
  }
  // Points is what greedy-cost ranks by: saying so changes nothing.
  const auto points = run_ppb("tally " + file + " --rule greedy-cost --satisfaction points --json");
  const auto plain = run_ppb("tally " + file + " --rule greedy-cost --json");
  REQUIRE(points.status == 0);
  CHECK(points.out == plain.out);
}

TEST_CASE("a cumulative file with negative points exits 1 naming the line, --strict or not") {
  support::temp_dir tmp;
  const auto path = tmp / "negative.pb";
  std::ofstream(path) << "META\nkey;value\nbudget;10\nvote_type;cumulative\nmax_sum_points;5\nPROJECTS\nproject_id;cost\n"
                         "x;5\ny;5\nVOTES\nvoter_id;vote;points\n1;x,y;-3,1\n2;y;1\n";
  for (const std::string strict : {"", " --strict"}) {
    const auto r = run_ppb("tally " + path + strict + " --json");
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "ppb tally: [ppb.parse_error.126] " + path + ":12: vote gives project 'x' -3 points: cumulative points are never negative\n");
  }
}

TEST_CASE("ppb tally --rule max-welfare --node-limit N: the JSON says whether the result is proven optimal") {
  const std::string file = data + "/czestochowa_2024_bleszno.pb --rule max-welfare --json";
  const auto proven = run_ppb("tally " + file);
  REQUIRE(proven.status == 0);
  const auto j = boost::json::parse(proven.out).as_object();
  CHECK(j.at("optimal").as_bool());
  const auto unlimited = run_ppb("tally " + file + " --node-limit 0");
  REQUIRE(unlimited.status == 0);
  CHECK(boost::json::parse(unlimited.out).as_object().at("optimal").as_bool());
  CHECK(boost::json::parse(unlimited.out).as_object().at("selected") == j.at("selected"));
  // One node is not enough to prove anything: the best found so far, flagged.
  const auto cut = run_ppb("tally " + file + " --node-limit 1");
  REQUIRE(cut.status == 0);
  const auto c = boost::json::parse(cut.out).as_object();
  CHECK_FALSE(c.at("optimal").as_bool());
  CHECK(std::string(c.at("notes").as_array().back().as_string()).starts_with("node limit 1 reached"));
  // Other rules prove nothing and say nothing; the existing keys stay as they were.
  const auto greedy = boost::json::parse(run_ppb("tally " + data + "/czestochowa_2024_bleszno.pb --json").out).as_object();
  CHECK_FALSE(greedy.contains("optimal"));
  for (const char* key : {"rule", "satisfaction", "tie_break", "money_places", "budget", "spent", "selected", "projects", "ties"})
    CHECK(c.contains(key));
  const auto bad = run_ppb("tally " + file + " --node-limit many");
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--node-limit needs a non-negative whole number") != std::string::npos);
  const auto negative = run_ppb("tally " + file + " --node-limit -1");
  CHECK(negative.status == 2);
  const auto other = run_ppb("tally " + data + "/czestochowa_2024_bleszno.pb --rule mes --node-limit 5");
  CHECK(other.status == 2);
  CHECK(other.err.find("--node-limit goes with --rule max-welfare") != std::string::npos);
}

TEST_CASE("ppb tally --rule mes lists the funded projects first in selection order, then the rest") {
  const auto r = run_ppb("tally " + data + "/assen_2024.pb --rule mes");
  REQUIRE(r.status == 0);
  const auto j = boost::json::parse(run_ppb("tally " + data + "/assen_2024.pb --rule mes --json").out).as_object();
  const auto& selected = j.at("selected").as_array();
  REQUIRE(!selected.empty());
  // The table's rows after the header: rank, id, ... status, budget left.
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(r.out.substr(r.out.find("budget left\n") + 12));
  for (std::string line; std::getline(lines, line) && !line.empty();) {
    std::istringstream cells(line);
    std::vector<std::string> c;
    for (std::string w; cells >> w;) c.push_back(w);
    rows.push_back(c);
  }
  REQUIRE(rows.size() == j.at("projects").as_array().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    if (i < selected.size()) {
      CHECK(rows[i][0] == std::to_string(i + 1));
      CHECK(rows[i][1] == std::string(selected[i].as_string()));
      CHECK(rows[i][rows[i].size() - 2] == "funded");
    } else {
      CHECK(rows[i][0] == "-");
      CHECK(rows[i][rows[i].size() - 2] == "skipped");
    }
  }
  // The unfunded were passed over with what MES left: the same as after the last funded project.
  const auto spent_left = rows[selected.size() - 1].back();
  CHECK(rows.back().back() == spent_left);
}
