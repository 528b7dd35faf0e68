// Drives `ppb keygen`, `ppb credentials`, `ppb cast`, `ppb box`, `ppb log` and `ppb demo` as a
// user would: an election from its files to a verified, closed log.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ledger/box_fixture.hpp"
#include "ppb/crypto/keys.hpp"
#include "ppb/io/pabulib.hpp"
#include "support/run_cli.hpp"

using support::run_ppb;

using support::flip_byte;

namespace {

const std::string data = PPB_TEST_DATA;

auto first_line(const std::string& s) -> std::string { return s.substr(0, s.find('\n')); }

/// A small city vote set up through the command line: keys, ballots of each unit, credentials.
struct city_vote {
  fixture::temp_dir dir;
  std::string log = (dir / "ballots.log");
  city_vote() {
    const auto def = fixture::small_city();
    std::filesystem::create_directories(dir / "ballots");
    for (const auto& unit : def.ballot_units()) {
      auto inst = fixture::unit_ballot(def, unit);
      std::ofstream(dir.path / "ballots" / (unit + ".pb")) << ppb::io::to_pabulib(ppb::election{inst, ppb::profile(inst.kind), {}});
    }
    REQUIRE(run_ppb("keygen --role authority --out " + (dir / "authority.sk")).status == 0);
    const auto officer = run_ppb("keygen --role officer --out " + (dir / "officer.sk"));
    REQUIRE(officer.status == 0);
    std::ofstream(dir.path / "officers.csv") << "public_key,unit\n" << first_line(officer.out) << ",kosshy-center\n";
    // Pseudonymous credentials for the small city's roll: one per active voter.
    const auto issued = run_ppb("credentials issue --roll " + data + "/roll_small_city.csv --election " + data +
                                "/election_small_city.json --out " + (dir / "creds"));
    REQUIRE(issued.status == 0);
    CHECK(issued.out.starts_with("10 credentials issued"));  // 12 voters, one suspended, one removed
    const auto created = run_ppb("box create " + log + " --election " + data + "/election_small_city.json --ballots " +
                                 (dir / "ballots") + " --credentials " + (dir / "creds/credentials.csv") +
                                 " --authority " + (dir / "authority.pub") + " --officers " + (dir / "officers.csv"));
    CAPTURE(created.err);
    REQUIRE(created.status == 0);
    CHECK(created.out.find("created with 2 entries") != std::string::npos);
  }
  /// The secret key file of the voter with this IIN (from voter_keys.csv).
  auto voter_key(const std::string& iin) -> std::string {
    std::ifstream in(dir / "creds/voter_keys.csv");
    for (std::string line; std::getline(in, line);)
      if (line.starts_with(iin + ",")) {
        const auto path = dir / (iin + ".sk");
        std::ofstream(path) << line.substr(line.rfind(',') + 1) << "\n";
        return path;
      }
    FAIL("no key for " << iin);
    return {};
  }
  auto cast(const std::string& iin, const std::string& unit, const std::string& vote, const std::string& out) {
    return run_ppb("cast --election " + data + "/election_small_city.json --ballot " + (dir.path / "ballots" / (unit + ".pb")).string() +
                   " --unit " + unit + " --key " + voter_key(iin) + " --vote " + vote + " --out " + dir / out);
  }
};

}  // namespace

TEST_CASE("ppb keygen writes a typed key pair, ppb cast refuses what the ballot does not hold") {
  city_vote v;
  std::ifstream sk(v.dir / "authority.sk"), pk(v.dir / "authority.pub");
  std::string s, p;
  sk >> s;
  pk >> p;
  CHECK(s.starts_with("ppb-authority-sk:"));
  CHECK(p.starts_with("ppb-authority-pk:"));
  CHECK(run_ppb("keygen --role mayor --out /tmp/x.sk").status == 2);
  CHECK(v.cast(fixture::center_voter, "kosshy-center", "p9", "b.bin").status == 2);   // not on the ballot
  CHECK(v.cast(fixture::center_voter, "atlantis", "p1", "b.bin").status == 2);        // not a unit
  const auto wrong_key = run_ppb("cast --election " + data + "/election_small_city.json --ballot " +
                                 (v.dir / "ballots/kosshy.pb") + " --unit kosshy --key " +
                                 (v.dir / "authority.sk") + " --vote p1 --out " + (v.dir / "b.bin"));
  CHECK(wrong_key.status == 1);
  CHECK(wrong_key.err.find("[ppb.parse_error.141]") != std::string::npos);
  CHECK(wrong_key.err.find("expected a voter secret key") != std::string::npos);
}

TEST_CASE("ppb box and ppb log: cast, submit, close, verify, prove, tally, a flipped byte fails verify") {
  city_vote v;
  const auto c1 = v.cast(fixture::center_voter, "kosshy-center", "p1,p3", "c1.bin");
  REQUIRE(c1.status == 0);
  const auto id1 = first_line(c1.out);
  CHECK(id1.size() == 64);
  REQUIRE(v.cast(fixture::north_voter, "kosshy-north", "p2", "n1.bin").status == 0);
  REQUIRE(v.cast(fixture::center_voter2, "kosshy", "p1,p2", "k1.bin").status == 0);
  REQUIRE(v.cast(fixture::center_voter2, "kosshy-north", "p1", "x1.bin").status == 0);  // not resident there
  const std::string at = " --at 2026-04-20T10:00:00Z";
  const auto sub = run_ppb("box submit " + v.log + " " + (v.dir / "c1.bin") + " " + (v.dir / "n1.bin") +
                           " " + (v.dir / "k1.bin") + at);
  CHECK(sub.status == 0);
  CHECK(sub.out.find("c1.bin accepted " + id1 + " entry 2") != std::string::npos);
  const auto again = run_ppb("box submit " + v.log + " " + (v.dir / "c1.bin") + " " + (v.dir / "x1.bin") + at);
  CHECK(again.status == 1);
  CHECK(again.out.find("c1.bin rejected duplicate") != std::string::npos);
  CHECK(again.out.find("x1.bin rejected not_eligible") != std::string::npos);
  CHECK(run_ppb("box submit " + v.log + " " + (v.dir / "n1.bin") + " --at 2026-05-02T00:00:00Z").out.find(
            "rejected voting_closed") != std::string::npos);

  CHECK(run_ppb("log verify " + v.log).status == 1);  // not closed yet
  const auto closed = run_ppb("box close " + v.log + " --key " + (v.dir / "authority.sk") + at);
  REQUIRE(closed.status == 0);
  CHECK(closed.out.find("3 ballots accepted, 3 refused") != std::string::npos);
  const auto verified = run_ppb("log verify " + v.log);
  CHECK(verified.status == 0);
  CHECK(verified.out.find("every verdict re-decided the same") != std::string::npos);
  CHECK(verified.out.find("2 checkpoints signed by the authority verified") != std::string::npos);
  CHECK(verified.out.find("equals the logged result: verified") != std::string::npos);

  const auto proof = run_ppb("log prove " + v.log + " " + id1);
  CHECK(proof.status == 0);
  CHECK(proof.out.find("leaf index 2") != std::string::npos);
  CHECK(run_ppb("log prove " + v.log + " " + std::string(64, '0')).status == 1);
  CHECK(run_ppb("log prove " + v.log + " xyz").status == 2);

  const auto json = run_ppb("log tally " + v.log + " --json");
  CHECK(json.status == 0);
  CHECK(json.out.find("\"unit\":\"kosshy-center\",\"ballots\":1") != std::string::npos);
  CHECK(run_ppb("log tally " + v.log).out.find("p1") != std::string::npos);

  // Tampering: a flipped byte in the middle of the log is named.
  flip_byte(v.log, 600);
  const auto bad = run_ppb("log verify " + v.log);
  CHECK(bad.status == 1);
  CHECK(bad.err.find("[ppb.parse_error.152]") != std::string::npos);
  CHECK(bad.err.find("entry ") != std::string::npos);
}

TEST_CASE("ppb paper batch: an officer's batch is accepted, and its voters cannot vote online") {
  city_vote v;
  const auto key_text = [&](const std::string& iin) {
    std::ifstream in(v.voter_key(iin));
    std::string sk;
    in >> sk;
    return ppb::crypto::public_key_text(ppb::key_role::voter,
                                        ppb::crypto::parse_secret_key(ppb::key_role::voter, sk).public_part());
  };
  std::ofstream(v.dir.path / "marks.txt") << key_text(fixture::center_voter) << "\n" << key_text(fixture::center_voter3) << "\n";
  std::ofstream(v.dir.path / "votes.txt") << "p1,p2\np4\n";
  const std::string common = "paper batch --election " + data + "/election_small_city.json --ballot " + (v.dir / "ballots") +
                             "/kosshy-center.pb --unit kosshy-center --marks " + (v.dir / "marks.txt") + " --votes " +
                             (v.dir / "votes.txt");
  const auto made = run_ppb(common + " --key " + (v.dir / "officer.sk") + " --number 1 --out " + (v.dir / "batch.bin"));
  REQUIRE(made.status == 0);
  CHECK(first_line(made.out).size() == 64);
  CHECK(run_ppb(common + " --key " + (v.dir / "authority.sk") + " --number 2 --out " + (v.dir / "x.bin")).status == 1);
  const std::string at = " --at 2026-04-20T10:00:00Z";
  const auto sub = run_ppb("box submit " + v.log + " " + (v.dir / "batch.bin") + at);
  CHECK(sub.status == 0);
  CHECK(sub.out.find("batch.bin accepted " + first_line(made.out)) != std::string::npos);
  REQUIRE(v.cast(fixture::center_voter, "kosshy-center", "p3", "c1.bin").status == 0);
  CHECK(run_ppb("box submit " + v.log + " " + (v.dir / "c1.bin") + at).out.find("rejected voted_on_paper") != std::string::npos);
  CHECK(run_ppb("box submit " + v.log + " " + (v.dir / "batch.bin") + at).out.find("rejected duplicate_batch") != std::string::npos);
  REQUIRE(run_ppb("box close " + v.log + " --key " + (v.dir / "authority.sk") + at).status == 0);
  const auto verified = run_ppb("log verify " + v.log);
  CHECK(verified.status == 0);
  CHECK(verified.out.find("0 ballots accepted, 2 paper ballots, 2 refused") != std::string::npos);
  CHECK(run_ppb("log tally " + v.log + " --json").out.find("\"unit\":\"kosshy-center\",\"ballots\":2") != std::string::npos);
}

TEST_CASE("ppb demo district: a crash in the middle loses no acknowledged ballot, and the closed log verifies") {
  fixture::temp_dir dir;
  const auto r = run_ppb("demo district --voters 3000 --threads 2 --out " + dir.path.string());
  REQUIRE(r.status == 0);
  CHECK(r.out.find("ballot box killed with SIGKILL") != std::string::npos);
  CHECK(r.out.find("recovered in") != std::string::npos);
  CHECK(r.out.find("3000 ballots") != std::string::npos);
  CHECK(r.out.find("verify it with: ppb log verify") != std::string::npos);
  const auto root = r.out.substr(r.out.find("root ") + 5, 64);
  const auto v = run_ppb("log verify " + (dir / "ballots.log"));
  CHECK(v.status == 0);
  CHECK(v.out.find("root " + root) != std::string::npos);
  const auto tally = run_ppb("log tally " + (dir / "ballots.log") + " --json");
  CHECK(tally.out.find("\"ballots\":3000") != std::string::npos);
  CHECK(run_ppb("demo district --voters 1 --out " + dir.path.string()).status == 2);
  CHECK(run_ppb("demo district --voters 10 --out " + dir.path.string()).status == 2);  // ballots.log exists
}
