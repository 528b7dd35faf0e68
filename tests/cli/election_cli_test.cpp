// Drives `ppb iin`, `ppb election`, `ppb roll` and `ppb proposals` as a user and a script would:
// the output lines and exit codes are a contract.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ppb/io/pabulib.hpp"

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using support::run_result;
auto run(const std::string& args) -> run_result { return support::run_ppb(args); }

auto lines(const std::string& s) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

const std::string data = PPB_TEST_DATA;
const std::string election = data + "/election_small_city.json";
const std::string roll = data + "/roll_small_city.csv";

using support::temp_dir;

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("ppb iin check prints one line per number and exits 0 only if all are valid") {
  const auto ok = run("iin check 791028302728 061211600012");
  CHECK(ok.status == 0);
  CHECK(ok.out == "791028302728 valid 1979-10-28 male\n061211600012 valid 2006-12-11 female\n");
  CHECK(ok.err.empty());
  const auto bad = run("iin check 791028302728 791028302729 79102830272 7910283027x8 791028002728 791028702728 "
                       "791328302728 790231302728");
  CHECK(bad.status == 1);
  CHECK(lines(bad.out) == std::vector<std::string>{
                              "791028302728 valid 1979-10-28 male",
                              "791028302729 invalid check_digit_mismatch the check digit does not match: the number is mistyped",
                              "79102830272 invalid wrong_length an IIN has exactly 12 digits",
                              "7910283027x8 invalid not_digits an IIN contains digits only",
                              "791028002728 invalid legal_entity this is a legal entity's BIN (7th digit 0), not a person's IIN",
                              "791028702728 invalid bad_century_digit the 7th digit (century and sex) must be 1 to 6",
                              "791328302728 invalid bad_month the birth month (digits 3–4) must be 01 to 12",
                              "790231302728 invalid bad_day the birth day (digits 5–6) does not exist in that month"});
  const auto kk = run("iin check 791028302729 --lang kk");
  CHECK(kk.out == "791028302729 invalid check_digit_mismatch бақылау цифры сәйкес келмейді: нөмір қате терілген\n");
  const auto ru = run("iin check --lang=ru 79102830272");
  CHECK(ru.out == "79102830272 invalid wrong_length ИИН должен состоять ровно из 12 цифр\n");
  CHECK(run("iin check").status == 2);
  CHECK(run("iin").status == 2);
  CHECK(run("iin verify 791028302728").status == 2);
  CHECK(run("iin check 791028302728 --lang de").status == 2);
  CHECK(run("iin --help").status == 0);
}

TEST_CASE("ppb election validate lists every problem with its path and exits 1") {
  const auto ok = run("election validate " + election);
  CHECK(ok.status == 0);
  CHECK(ok.out.find("valid election definition") != std::string::npos);
  CHECK(ok.out.find("cycle         kosshy-2026") != std::string::npos);
  temp_dir tmp;
  auto text = std::string(std::istreambuf_iterator<char>(std::ifstream(election).rdbuf()), {});
  text.replace(text.find("\"budget\": 30000000"), 18, "\"budget\": -30000000");
  text.replace(text.find("\"revote\": \"refuse\""), 18, "\"revote\": \"never\"");
  write(tmp / "bad.json", text);
  const auto bad = run("election validate " + tmp / "bad.json");
  CHECK(bad.status == 1);
  CHECK(lines(bad.out) == std::vector<std::string>{"/units/2/budget: must be a non-negative integer",
                                                    "/revote: must be one of: refuse, latest"});
  CHECK(bad.err == "ppb election: " + tmp / "bad.json" + ": 2 problems\n");
  write(tmp / "syntax.json", "{\n  \"cycle\": \"x\",\n}\n");
  const auto syntax = run("election validate " + tmp / "syntax.json");
  CHECK(syntax.status == 1);
  CHECK(syntax.out.starts_with("line 3, column 1: "));
  const auto missing = run("election validate " + tmp / "missing.json");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("[ppb.parse_error.100]") != std::string::npos);
  CHECK(lines(missing.err).size() == 1);
  CHECK(run("election check " + election).status == 2);
  CHECK(run("election validate").status == 2);
}

TEST_CASE("ppb roll check names each refused row and summarises the roll") {
  const auto ok = run("roll check " + roll + " --election " + election);
  CHECK(ok.status == 0);
  CHECK(lines(ok.out).front() == roll + ": 12 rows, 12 voters accepted, 0 refused");
  CHECK(ok.out.find("kosshy-north-akzhol      1") != std::string::npos);
  temp_dir tmp;
  write(tmp / "r.csv", "iin,unit,status,registered\n850314301011,kosshy-center,active,2019-05-20\n"
                       "850314301012,kosshy-center,active,2019-05-20\n850314301011,kosshy-south,active,2019-05-20\n"
                       "930303401124,nowhere,active,2019-05-20\n");
  const auto bad = run("roll check " + tmp / "r.csv" + " --election " + election);
  CHECK(bad.status == 1);
  const auto out = lines(bad.out);
  REQUIRE(out.size() >= 4);
  CHECK(out[0] == tmp / "r.csv" + ":3: invalid_iin: IIN '850314301012' is invalid: check_digit_mismatch (the check digit "
                                  "does not match: the number is mistyped)");
  CHECK(out[1] == tmp / "r.csv" + ":4: duplicate_entry: IIN 850314301011 is already on the roll (line 2)");
  CHECK(out[2] == tmp / "r.csv" + ":5: unknown_unit: unit 'nowhere' is not in election kosshy-2026");
  CHECK(out[3] == tmp / "r.csv" + ": 4 rows, 1 voters accepted, 3 refused");
  write(tmp / "empty.csv", "");
  CHECK(run("roll check " + tmp / "empty.csv").status == 1);
  CHECK(run("roll check").status == 2);
}

TEST_CASE("ppb roll eligible gives the verdict with every failed condition") {
  const auto base = "roll eligible " + roll + " --election " + election;
  const auto ok = run(base + " --iin 850314301011 --unit kosshy-center --at 2026-04-20T10:00:00Z");
  CHECK(ok.status == 0);
  CHECK(ok.out == "850314301011 eligible in kosshy-center\n");
  const auto no = run(base + " --iin 010430501070 --unit kosshy-north --at 2026-04-10T10:00:00Z --lang ru");
  CHECK(no.status == 1);
  CHECK(lines(no.out) == std::vector<std::string>{
                             "010430501070 not eligible in kosshy-north",
                             "  outside_voting_window голосование сейчас не проводится (2026-04-10T10:00:00Z is outside "
                             "voting 2026-04-15T00:00:00Z to 2026-05-01T00:00:00Z)",
                             "  not_resident вы не проживаете в этой единице (lives in 'kosshy-center', not in "
                             "'kosshy-north')",
                             "  registered_after_cutoff регистрация произведена после установленной даты (registered "
                             "2026-04-05; cutoff 2026-04-01)"});
  CHECK(run(base + " --iin 850314301011 --unit kosshy-center --at yesterday").status == 2);
  CHECK(run(base + " --unit kosshy-center").status == 2);
}

TEST_CASE("ppb proposals: import, review, revise, re-review, export, audit, list") {
  temp_dir tmp;
  const auto state = tmp / "kosshy.state";
  const auto st = " --state " + state;
  // Without --election, there is nothing to create the state from.
  CHECK(run("proposals import " + data + "/proposals_small_city.json" + st).status == 2);

  const auto imported = run("proposals import " + data + "/proposals_small_city.json" + st + " --election " + election +
                            " --roll " + roll);
  CHECK(imported.status == 1);  // some proposals are refused
  CHECK(lines(imported.out) ==
        std::vector<std::string>{
            "KC-01 submitted", "KC-02 submitted",
            "KC-03 refused likely_duplicate this proposal nearly repeats another one (nearly repeats KC-01 'Детская "
            "площадка во дворе дома 12')",
            "KN-01 submitted", "KN-02 submitted",
            "KN-03 refused author_underage the author is below the minimum age (age 17 on 2026-02-08; minimum 18)",
            "KS-01 refused cost_above_cap the cost is above the per-project cap (cost 30000000 is above the cap 25000000)",
            "KS-02 submitted", "K-01 submitted",
            "KS-03 refused outside_submission_window proposals are not being accepted at this time (2026-03-05T05:00:00Z "
            "is outside submission 2026-02-01T00:00:00Z to 2026-03-01T00:00:00Z)",
            "KS-03 refused author_not_active the author's status on the roll is not active (status suspended)"});
  CHECK(std::filesystem::exists(state));

  const auto reviewed = run("proposals review " + data + "/reviews_small_city.json" + st);
  CHECK(reviewed.status == 1);  // the fourth vote on K-01 comes from outside the council, after the decision
  const auto r = lines(reviewed.out);
  CHECK(std::find(r.begin(), r.end(), "KC-01 approved cost 11500000") != r.end());
  CHECK(std::find(r.begin(), r.end(), "KC-02 returned") != r.end());
  CHECK(std::find(r.begin(), r.end(), "KN-01 approved cost 19000000") != r.end());
  CHECK(std::find(r.begin(), r.end(), "KN-02 rejected land_unavailable") != r.end());
  CHECK(std::find(r.begin(), r.end(),
                  "K-01 refused not_a_council_member the reviewer is not a member of the expert council ('expert-erlan' "
                  "is not on the council)") != r.end());

  CHECK(run("proposals import " + data + "/revisions_small_city.json" + st).out == "KC-02 resubmitted\n");
  const auto rereviewed = run("proposals review " + data + "/rereviews_small_city.json" + st);
  CHECK(rereviewed.status == 0);
  CHECK(lines(rereviewed.out).back() == "KC-02 approved cost 6000000");

  const auto pb = tmp / "center.pb";
  const auto exported = run("proposals export" + st + " --unit kosshy-center --output " + pb);
  CHECK(exported.status == 0);
  const auto e = ppb::io::read_pabulib(std::filesystem::path(pb));
  REQUIRE(e.inst.size() == 2);
  CHECK(e.inst[0].id == "KC-01");
  CHECK(e.inst[0].cost == 11500000);
  CHECK(e.inst[1].id == "KC-02");
  CHECK(e.inst[1].cost == 6000000);
  CHECK(e.inst.budget == 40000000);
  CHECK(*e.inst.meta_value("subunit") == "Central district");
  CHECK(run("proposals export" + st + " --unit kosshy-center").out == std::string(std::istreambuf_iterator<char>(
                                                                             std::ifstream(pb).rdbuf()), {}));
  CHECK(run("proposals export" + st + " --unit kosshy-north-akzhol").status == 2);
  CHECK(run("proposals export" + st).status == 2);

  const auto audit = lines(run("proposals audit" + st).out);
  CHECK(audit.front() == "seq,at,proposal,actor,from,to,reason,comment");
  CHECK(audit.size() == 22);
  CHECK(audit.back().starts_with("21,2026-04-02T07:00:00Z,KC-02,council,under_review,approved,,"));

  const auto list = run("proposals list" + st + " --unit kosshy-north");
  CHECK(list.status == 0);
  CHECK(lines(list.out).size() == 3);
  CHECK(list.out.find("KN-02") != std::string::npos);
  CHECK(list.out.find("rejected") != std::string::npos);

  // A corrupted state is refused with a clear one-line error.
  {
    std::fstream f(state, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('#');
  }
  const auto corrupt = run("proposals list" + st);
  CHECK(corrupt.status == 1);
  CHECK(corrupt.err.find("[ppb.parse_error.129]") != std::string::npos);
  CHECK(lines(corrupt.err).size() == 1);
  write(tmp / "foreign.state", "META\nkey;value\n");
  CHECK(run("proposals list --state " + tmp / "foreign.state").err.find("[ppb.parse_error.127]") != std::string::npos);
  CHECK(run("proposals frobnicate" + st).status == 2);
  CHECK(run("proposals --help").status == 0);
}
