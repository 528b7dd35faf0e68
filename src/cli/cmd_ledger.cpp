// Signed ballots, the ballot box and its log from the command line: `ppb keygen`, `ppb credentials
// issue`, `ppb cast`, `ppb box create|submit|close`, `ppb log verify|prove|tally`.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "cli.hpp"

namespace ppb::cli {
namespace {

auto read_text(const std::string& path) -> std::string { return io::read_file_bytes(path); }

void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out.flush()) throw parse_error(errc::io, path.string(), 0, "cannot write the file");
}

auto role_of(const std::string& s) -> key_role {
  for (auto r : {key_role::voter, key_role::authority, key_role::officer})
    if (key_role_name(r) == s) return r;
  throw usage("--role must be voter, authority or officer");
}

auto at_of(const args& a) -> std::chrono::sys_seconds {
  if (const auto t = a.value("--at")) {
    const auto parsed = parse_iso_timestamp(*t);
    if (!parsed) throw usage("--at must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
    return *parsed;
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

auto required(const args& a, std::string_view key) -> std::string {
  if (auto v = a.value(key)) return *v;
  throw usage(std::string(key) + " is required");
}

/// The roll from `--roll`, if given (identified mode).
auto roll_of(const args& a, const election_definition* def) -> std::optional<voter_roll> {
  const auto path = a.value("--roll");
  if (!path) return std::nullopt;
  auto r = io::read_roll(*path, def);
  if (r.bad_rows > 0) throw parse_error(errc::bad_value, *path, 0, std::to_string(r.bad_rows) + " refused rows (see ppb roll check)");
  return std::move(r.roll);
}

// ---------------------------------------------------------------------------------------------
constexpr std::string_view keygen_help = R"(usage: ppb keygen --role voter|authority|officer --out FILE.sk

Makes an Ed25519 key pair. Writes the secret key to FILE.sk (ppb-ROLE-sk:HEX, mode 0600) and the
public key to FILE.pub (ppb-ROLE-pk:HEX), and prints the public key.
)";

auto run_keygen(std::span<const std::string_view> argv) -> int {
  const args a(argv, {}, {"--role", "--out"});
  const auto role = role_of(required(a, "--role"));
  const std::filesystem::path out = required(a, "--out");
  const auto sk = secret_key::generate();
  write_text(out, crypto::secret_key_text(role, sk) + "\n");
  std::filesystem::permissions(out, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto pub = out;
  pub.replace_extension(".pub");
  const auto pk = crypto::public_key_text(role, sk.public_part());
  write_text(pub, pk + "\n");
  fmt::print("{}\n", pk);
  return exit_ok;
}

// ---------------------------------------------------------------------------------------------
constexpr std::string_view credentials_help = R"(usage: ppb credentials issue --roll ROLL.csv --election FILE.json --out DIR

Pseudonymous mode: makes one key pair per active voter of the roll. Writes
  DIR/voter_keys.csv    iin,unit,secret_key   (to hand to each voter; keep it secret)
  DIR/credentials.csv   public_key,unit       (sorted by key; for the ballot box, publishable)
)";

auto run_credentials(std::span<const std::string_view> argv) -> int {
  const args a(argv, {}, {"--roll", "--election", "--out"});
  if (a.positional().empty() || a.positional()[0] != "issue") throw usage("the subcommand is issue");
  const auto def = io::load_election(required(a, "--election"));
  const auto roll = roll_of(a, &def);
  if (!roll) throw usage("--roll is required");
  const std::filesystem::path dir = required(a, "--out");
  std::filesystem::create_directories(dir);
  std::string secrets = "iin,unit,secret_key\n";
  std::vector<std::pair<std::string, std::string>> pub;
  for (const auto& v : roll->records()) {
    if (v.status != voter_status::active) continue;
    const auto sk = secret_key::generate();
    secrets += v.id.text() + "," + v.unit + "," + crypto::secret_key_text(key_role::voter, sk) + "\n";
    pub.emplace_back(crypto::public_key_text(key_role::voter, sk.public_part()), v.unit);
  }
  std::sort(pub.begin(), pub.end());
  std::string list = "public_key,unit\n";
  for (const auto& [k, u] : pub) list += k + "," + u + "\n";
  write_text(dir / "voter_keys.csv", secrets);
  std::filesystem::permissions(dir / "voter_keys.csv", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  write_text(dir / "credentials.csv", list);
  fmt::print("{} credentials issued: {} (secret), {} (public)\n", pub.size(), (dir / "voter_keys.csv").string(),
             (dir / "credentials.csv").string());
  return exit_ok;
}

/// Reads `public_key,unit` rows of keys of `role` (the list `credentials issue` writes; officers).
auto read_credentials(const std::string& path, key_role role) -> std::vector<ledger::credential> {
  std::istringstream in(read_text(path));
  std::string line;
  std::vector<ledger::credential> out;
  std::uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 && line.rfind("public_key", 0) == 0) continue;
    if (line.empty()) continue;
    const auto comma = line.find(',');
    if (comma == std::string::npos) throw parse_error(errc::missing_field, path, n, "expected public_key,unit");
    out.push_back({crypto::parse_public_key(role, line.substr(0, comma), path), line.substr(comma + 1)});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
constexpr std::string_view cast_help = R"(usage: ppb cast --election FILE.json --ballot UNIT.pb --unit UNIT --key VOTER.sk
                --vote ID[,ID...] [--points N[,N...]] [--revision N] --out BALLOT.bin

Builds and signs a ballot/v1 (docs/ballot.md) for UNIT of the election: the projects of UNIT.pb
by id (in order of preference for an ordinal ballot), with points for a cumulative or scoring
ballot. Revision defaults to 1; a revote needs a higher one. Prints the ballot id.
)";

auto split_commas(const std::string& s) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    const auto e = std::min(s.find(',', b), s.size());
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

auto number(const std::string& s, std::string_view what) -> std::uint64_t {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) throw usage(std::string(what) + " must be a whole number, got '" + s + "'");
  return v;
}

/// The election, unit and ballot that `ppb cast` and `ppb paper` sign for (--election, --unit,
/// --ballot).
struct unit_ballot {
  digest election_id{};
  std::string unit;
  std::uint32_t index = 0;  ///< among the election's ballot units
  ppb::election ballot;
};

auto load_unit_ballot(const args& a) -> unit_ballot {
  const auto def_bytes = read_text(required(a, "--election"));
  const auto def = io::parse_election(def_bytes, required(a, "--election"));
  unit_ballot out;
  out.election_id = crypto::election_id(def_bytes);
  out.unit = required(a, "--unit");
  const auto units = def.ballot_units();
  const auto u = std::find(units.begin(), units.end(), out.unit);
  if (u == units.end()) throw usage("--unit " + out.unit + " is not a ballot unit of the election");
  out.index = static_cast<std::uint32_t>(u - units.begin());
  out.ballot = load_pabulib(required(a, "--ballot"), false, true);
  return out;
}

auto run_cast(std::span<const std::string_view> argv) -> int {
  const args a(argv, {}, {"--election", "--ballot", "--unit", "--key", "--vote", "--points", "--revision", "--out"});
  const auto [election_id, unit, unit_index, ballot] = load_unit_ballot(a);
  const auto sk = crypto::parse_secret_key(key_role::voter, read_text(required(a, "--key")), required(a, "--key"));
  ballot_content b;
  b.election = election_id;
  b.unit = unit_index;
  b.credential = sk.public_part();
  b.revision = a.value("--revision") ? number(*a.value("--revision"), "--revision") : 1;
  crypto::random_bytes(b.nonce);
  b.kind = has_points(ballot.inst.kind) ? payload_kind::points
           : ballot.inst.kind == vote_type::ordinal ? payload_kind::ranking : payload_kind::approval;
  std::vector<std::pair<std::uint16_t, std::uint32_t>> picks;
  const auto ids = split_commas(required(a, "--vote"));
  const auto pts = a.value("--points") ? split_commas(*a.value("--points")) : std::vector<std::string>{};
  if (b.kind == payload_kind::points && pts.size() != ids.size()) throw usage("--points needs one number per project of --vote");
  if (b.kind != payload_kind::points && !pts.empty()) throw usage("this ballot takes no --points");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto p = ballot.inst.find(ids[i]);
    if (!p) throw usage("project '" + ids[i] + "' is not on the ballot of " + unit);
    picks.emplace_back(static_cast<std::uint16_t>(*p), pts.empty() ? 0 : static_cast<std::uint32_t>(number(pts[i], "--points")));
  }
  if (b.kind != payload_kind::ranking) std::sort(picks.begin(), picks.end());
  for (const auto& [p, n] : picks) {
    b.items.push_back(p);
    if (b.kind == payload_kind::points) b.points.push_back(n);
  }
  const auto signed_bytes = crypto::sign_ballot(b, sk);
  write_text(required(a, "--out"), std::string_view(reinterpret_cast<const char*>(signed_bytes.data()), signed_bytes.size()));
  fmt::print("{}\n", to_hex(crypto::ballot_id(signed_bytes)));
  return exit_ok;
}

// ---------------------------------------------------------------------------------------------
constexpr std::string_view paper_help = R"(usage: ppb paper batch --election FILE.json --ballot UNIT.pb --unit UNIT --key OFFICER.sk
                      --number N --marks MARKS.txt --votes VOTES.txt --out BATCH.bin

Builds and signs a batch of paper ballots entered at a polling point (docs/ballot.md): MARKS.txt
lists the credential public keys (ppb-voter-pk:…) of the voters who voted on paper, one per
line; VOTES.txt their ballots, one per line, as comma-separated project ids of UNIT.pb (in no
order that links them to the marks). N numbers the officer's batches. Prints the batch id.
)";

auto run_paper(std::span<const std::string_view> argv) -> int {
  const args a(argv, {}, {"--election", "--ballot", "--unit", "--key", "--number", "--marks", "--votes", "--out"});
  if (a.positional().empty() || a.positional()[0] != "batch") throw usage("the subcommand is batch");
  const auto [election_id, unit, unit_index, ballot] = load_unit_ballot(a);
  if (has_points(ballot.inst.kind) || ballot.inst.kind == vote_type::ordinal)
    throw usage("ppb paper batch takes approval and choose-1 ballots");
  const auto officer = crypto::parse_secret_key(key_role::officer, read_text(required(a, "--key")), required(a, "--key"));
  paper_batch b;
  b.election = election_id;
  b.unit = unit_index;
  b.officer = officer.public_part();
  b.number = number(required(a, "--number"), "--number");
  const auto lines_of = [&](const std::string& key) {
    std::vector<std::string> out;
    std::istringstream in(read_text(required(a, key)));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) out.push_back(line);
    }
    return out;
  };
  for (const auto& line : lines_of("--marks")) b.marks.push_back(crypto::parse_public_key(key_role::voter, line, required(a, "--marks")));
  std::sort(b.marks.begin(), b.marks.end());
  for (const auto& line : lines_of("--votes")) {
    ballot_choices c;
    for (const auto& id : split_commas(line)) {
      const auto p = ballot.inst.find(id);
      if (!p) throw usage("project '" + id + "' is not on the ballot of " + unit);
      c.items.push_back(static_cast<std::uint16_t>(*p));
    }
    std::sort(c.items.begin(), c.items.end());
    b.ballots.push_back(std::move(c));
  }
  const auto signed_bytes = crypto::sign_paper_batch(b, officer);
  write_text(required(a, "--out"), std::string_view(reinterpret_cast<const char*>(signed_bytes.data()), signed_bytes.size()));
  fmt::print("{}\n", to_hex(crypto::paper_batch_id(signed_bytes)));
  return exit_ok;
}

// ---------------------------------------------------------------------------------------------
constexpr std::string_view box_help = R"(usage: ppb box create LOG --election FILE.json --ballots DIR --credentials CREDENTIALS.csv
                      --authority AUTHORITY.pub [--officers OFFICERS.csv] [--roll ROLL.csv]
       ppb box submit LOG BALLOT.bin... [--at TIME] [--roll ROLL.csv]
       ppb box close LOG --key AUTHORITY.sk [--at TIME] [--roll ROLL.csv]

create  Starts a ballot log: the election, the ballot of each unit with a budget (DIR/UNIT.pb),
        the credential list (public_key,unit rows), the polling-point officers (public_key,unit
        rows of officer keys) and the authority's public key.
submit  Submits signed ballots (ppb cast) or paper batches (ppb paper) at TIME (UTC; default
        now) and prints one line each: "FILE accepted ID entry N" or "FILE rejected REASON_CODE
        detail" (docs/ballot.md lists the codes).
close   Closes the box, tallies every unit with the election's rule, logs the result and a
        checkpoint signed by the authority, and prints the log's size and root.
With --roll (identified mode) the box checks every eligibility condition on the roll.

Exit status: submit 0 when every ballot was accepted, 1 if any was rejected; others 0 done, 1
bad input, 2 bad command line.
)";

auto run_box(std::span<const std::string_view> argv) -> int {
  const args a(argv, {}, {"--election", "--ballots", "--credentials", "--officers", "--authority", "--roll", "--at", "--key"});
  const auto& pos = a.positional();
  if (pos.size() < 2) throw usage("box needs a subcommand and a LOG");
  const std::string& sub = pos[0];
  const std::filesystem::path log = pos[1];
  if (sub == "create") {
    ledger::box_setup s;
    s.election = io::load_election(required(a, "--election"));
    const std::filesystem::path dir = required(a, "--ballots");
    for (const auto& unit : s.election.ballot_units()) s.ballots.push_back(load_pabulib((dir / (unit + ".pb")).string(), true, true).inst);
    s.credentials = read_credentials(required(a, "--credentials"), key_role::voter);
    if (const auto officers = a.value("--officers")) s.officers = read_credentials(*officers, key_role::officer);
    s.authority = crypto::parse_public_key(key_role::authority, read_text(required(a, "--authority")), required(a, "--authority"));
    const auto roll = roll_of(a, &s.election);
    const auto box = ledger::ballot_box::create(log, std::move(s), roll ? &*roll : nullptr);
    fmt::print("{}: created with {} entries, root {}\n", log.string(), box.size(), to_hex(box.root()));
    return exit_ok;
  }
  // submit and close reopen the log (recovering it), so the box state needs the roll again.
  std::optional<voter_roll> roll;
  if (a.value("--roll")) {
    const auto setup = ledger::replay_log(log).setup;
    roll = roll_of(a, &setup.election);
  }
  auto box = ledger::ballot_box::open(log, roll ? &*roll : nullptr);
  if (sub == "submit") {
    if (pos.size() < 3) throw usage("submit needs at least one BALLOT file");
    const auto at = at_of(a);
    bool all = true;
    for (std::size_t i = 2; i < pos.size(); ++i) {
      const auto text = read_text(pos[i]);
      const auto v = box.submit(as_bytes(text), at);
      if (v.accepted)
        fmt::print("{} accepted {} entry {}\n", pos[i], to_hex(v.ballot_id), v.entry);
      else
        fmt::print("{} rejected {} {}\n", pos[i], ledger::reject_reason_name(v.reason), v.detail);
      all = all && v.accepted;
    }
    return all ? exit_ok : exit_data;
  }
  if (sub == "close") {
    const auto key = crypto::parse_secret_key(key_role::authority, read_text(required(a, "--key")), required(a, "--key"));
    const auto at = at_of(a);
    box.close(key, at);
    box.publish_result(ledger::tally_json(box.setup(), box.profiles()), key, at);
    fmt::print("{}: closed; {} ballots accepted, {} refused; {} entries, root {}\n", log.string(), box.accepted(),
               box.rejected(), box.size(), to_hex(box.root()));
    return exit_ok;
  }
  throw usage("unknown subcommand '" + sub + "' (create, submit, close)");
}

// ---------------------------------------------------------------------------------------------
constexpr std::string_view log_help = R"(usage: ppb log verify LOG [--roll ROLL.csv]
       ppb log prove LOG BALLOT_ID
       ppb log tally LOG [--json]

verify  Re-checks the whole log from its byte_buffer: every record's checksum, every signature, every
        verdict (re-decided and compared; with --roll also the roll's eligibility conditions),
        every checkpoint; then re-tallies and compares with the logged result. Prints what it
        checked and the root; exits 0 only when everything holds, else 1 naming the first bad
        entry.
prove   Prints the inclusion proof of an accepted ballot (its leaf index, the tree size, the
        root and the proof's hashes, RFC 6962), checked before it is printed.
tally   Tallies the counted ballots of the log (one per credential and unit) with the
        election's rule and prints each unit's table, or with --json the result document.
)";

auto run_log(std::span<const std::string_view> argv) -> int {
  const args a(argv, {"--json"}, {"--roll"});
  const auto& pos = a.positional();
  if (pos.size() < 2) throw usage("log needs a subcommand and a LOG");
  const std::string& sub = pos[0];
  const std::filesystem::path log = pos[1];
  if (sub == "verify") {
    std::optional<voter_roll> roll;
    if (a.value("--roll")) {
      const auto setup = ledger::replay_log(log).setup;
      roll = roll_of(a, &setup.election);
    }
    const auto r = ledger::replay_log(log, roll ? &*roll : nullptr);
    fmt::print("{}: {} entries; {} ballots accepted, {} paper ballots, {} refused, every verdict re-decided the same\n",
               log.string(), r.entries, r.accepted, r.paper_ballots, r.rejected);
    fmt::print("{} checkpoints signed by the authority verified; root {}\n", r.checkpoints, to_hex(r.root));
    if (const auto why = ledger::result_fault(r)) {
      fmt::print("FAILED: {}\n", *why);
      return exit_data;
    }
    fmt::print("re-tally of {} units equals the logged result: verified\n", r.profiles.size());
    return exit_ok;
  }
  if (sub == "prove") {
    if (pos.size() < 3) throw usage("prove needs a BALLOT_ID (64 hex digits)");
    const auto id = from_hex_array<digest_bytes>(pos[2]);
    if (!id) throw usage("BALLOT_ID must be 64 hex digits");
    const auto p = ledger::prove_ballot(log, *id);
    if (!p) {
      fmt::print("{}: no accepted ballot with id {}\n", log.string(), pos[2]);
      return exit_data;
    }
    PPB_ASSERT(merkle::verify_inclusion(p->leaf, p->index, p->tree_size, p->proof, p->root));
    fmt::print("ballot {}\nleaf index {}\ntree size {}\nroot {}\nleaf hash {}\nproof ({} hashes, leaf to root):\n", pos[2],
               p->index, p->tree_size, to_hex(p->root), to_hex(p->leaf), p->proof.size());
    for (const auto& h : p->proof) fmt::print("  {}\n", to_hex(h));
    return exit_ok;
  }
  if (sub == "tally") {
    const auto r = ledger::replay_log(log);
    if (a.has("--json")) {
      fmt::print("{}\n", ledger::tally_json(r.setup, r.profiles));
      return exit_ok;
    }
    const auto outcomes = ledger::tally_units(r.setup, r.profiles);
    const auto units = r.setup.election.ballot_units();
    for (std::size_t u = 0; u < outcomes.size(); ++u) {
      print_table(log.string() + " — " + units[u], r.setup.ballots[u], r.profiles[u], outcomes[u]);
      fmt::print("\n");
    }
    fmt::print("log root {}\n", to_hex(r.root));
    return exit_ok;
  }
  throw usage("unknown subcommand '" + sub + "' (verify, prove, tally)");
}

}  // namespace

auto keygen_command() -> command { return {"keygen", "make an Ed25519 key pair (voter, authority, officer)", keygen_help, run_keygen}; }
auto credentials_command() -> command {
  return {"credentials", "issue pseudonymous voter credentials from a roll", credentials_help, run_credentials};
}
auto cast_command() -> command { return {"cast", "build and sign a ballot", cast_help, run_cast}; }
auto paper_command() -> command { return {"paper", "build and sign a batch of paper ballots", paper_help, run_paper}; }
auto box_command() -> command { return {"box", "the ballot box: create, submit, close", box_help, run_box}; }
auto log_command() -> command { return {"log", "verify a ballot log, prove a ballot, tally", log_help, run_log}; }

}  // namespace ppb::cli
