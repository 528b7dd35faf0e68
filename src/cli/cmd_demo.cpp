// `ppb demo district`: a district vote end to end — an election, N voters with pseudonymous
// credentials, signed ballots submitted from several threads, a crash of the ballot box in the
// middle (SIGKILL), recovery, close, tally — leaving the closed log for `ppb log verify`.
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <random>
#include <fstream>
#include <random>
#include <thread>

#include "cli.hpp"
#include "ppb/core/parallel.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view demo_help = R"(usage: ppb demo district [--voters N] --out DIR [--threads T] [--clients C] [--seed S]

Simulates a district's vote end to end: the Almaly district of Almaty (12 projects, approval of
up to 5), N voters (default 100000) with pseudonymous credentials, ballots with skewed
popularity signed by the voters on T threads (default: every core), submitted to the ballot box
by C concurrent clients (default 64), whose waits for durability share fdatasyncs. Half way, the box's process is killed with SIGKILL; the box is reopened (a torn entry is
cut, nothing acknowledged is lost), the unacknowledged ballots are submitted again, the box is
closed and every unit tallied. Leaves DIR/election.json, DIR/almaly.pb, DIR/authority.pub and the
closed log DIR/ballots.log, and prints the result with the log's root and the commands that
verify the log (ppb log verify) and write its results page (ppb report).
Deterministic for a seed except the signatures' timing and the crash point.
)";

constexpr std::string_view demo_election = R"({
  "format": "ppb/election/v1",
  "cycle": "almaly-2026",
  "title": {"kk": "Алмалы ауданының халық қатысатын бюджеті 2026",
            "ru": "Бюджет народного участия Алмалинского района 2026",
            "en": "Almaly district People's Participation Budget 2026"},
  "country": "Kazakhstan",
  "currency": "KZT",
  "money_places": 0,
  "utc_offset": "+05:00",
  "units": [
    {"id": "almaty", "kind": "city", "name": {"kk": "Алматы қаласы", "ru": "город Алматы", "en": "Almaty"}},
    {"id": "almaly", "kind": "district", "parent": "almaty",
     "name": {"kk": "Алмалы ауданы", "ru": "Алмалинский район", "en": "Almaly district"}, "budget": 300000000}
  ],
  "phases": [
    {"phase": "submission", "begin": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
    {"phase": "voting", "begin": "2026-04-15T00:00:00Z", "end": "2026-05-01T00:00:00Z"}
  ],
  "proposals": {
    "categories": ["improvement", "lighting", "playgrounds", "sport", "greening", "roads"],
    "min_cost": 1000000, "max_cost": 100000000, "max_per_author": 1,
    "required_fields": [], "max_revisions": 1,
    "review": {"council": [], "quorum": 1, "decision_rule": "majority"}
  },
  "ballot": {"vote_type": "approval", "min_length": 1, "max_length": 5},
  "eligibility": {"min_age": 18, "residence": "own_unit"},
  "revote": "latest",
  "credentials": "pseudonymous",
  "tally": {"rule": "greedy", "satisfaction": "points", "tie_break": "default"}
}
)";

struct demo_project {
  const char* id;
  const char* name;
  money cost;
};
constexpr demo_project demo_projects[] = {
    {"AL-01", "Благоустройство сквера на Толе би", 48000000},
    {"AL-02", "Детская площадка во дворе Жамбыла 114", 22000000},
    {"AL-03", "Освещение улицы Карасай батыра", 35000000},
    {"AL-04", "Тротуар по улице Абылай хана", 61000000},
    {"AL-05", "Спортивная площадка у школы №35", 27000000},
    {"AL-06", "Озеленение бульвара Бухар жырау", 18000000},
    {"AL-07", "Велодорожка по Шевченко", 74000000},
    {"AL-08", "Пандусы у поликлиники №4", 9000000},
    {"AL-09", "Реконструкция фонтана у ТЮЗа", 55000000},
    {"AL-10", "Скамейки и урны на Кабанбай батыра", 6000000},
    {"AL-11", "Площадка для выгула собак", 12000000},
    {"AL-12", "Ремонт арыков по Гоголя", 40000000},
};

auto demo_ballot() -> instance {
  instance inst;
  inst.budget = 300000000;
  inst.kind = vote_type::approval;
  inst.rules.min_length = 1;
  inst.rules.max_length = 5;
  for (auto [k, v] : std::initializer_list<std::pair<const char*, const char*>>{
           {"description", "Almaly district People's Participation Budget 2026"}, {"country", "Kazakhstan"},
           {"unit", "Almaty"}, {"subunit", "Almaly district"}, {"instance", "almaly-2026"}, {"currency", "KZT"},
           {"rule", "greedy"}})
    inst.set_meta(k, v);
  for (const auto& p : demo_projects) {
    project row;
    row.id = p.id;
    row.name = p.name;
    row.cost = p.cost;
    inst.add(std::move(row));
  }
  return inst;
}

auto elapsed(std::chrono::steady_clock::time_point since) -> double {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

auto run_demo(std::span<const std::string_view> argv) -> int {
  const args a(argv, {}, {"--voters", "--out", "--threads", "--clients", "--seed"});
  if (a.positional().empty() || a.positional()[0] != "district") throw usage("the scenario is district");
  const auto whole = [&](std::string_view key, std::uint64_t fallback) {
    const auto v = a.value(key);
    if (!v) return fallback;
    std::uint64_t n = 0;
    const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size()) throw usage(std::string(key) + " must be a whole number");
    return n;
  };
  const auto voters = static_cast<std::size_t>(whole("--voters", 100000));
  if (voters < 2 || voters > 50'000'000) throw usage("--voters must be between 2 and 50000000");
  const auto threads = static_cast<unsigned>(whole("--threads", hardware_threads()));
  // Voters submit at the same time from many devices; the box serves them concurrently, and
  // their waits for durability share fdatasyncs (group commit).
  const auto clients = static_cast<unsigned>(whole("--clients", 64));
  const auto seed = whole("--seed", 2026);
  if (!a.value("--out")) throw usage("--out DIR is required");
  const std::filesystem::path dir = *a.value("--out");
  std::filesystem::create_directories(dir);
  const auto log = dir / "ballots.log";
  if (std::filesystem::exists(log)) throw usage(log.string() + " exists; choose an empty --out DIR");
  const auto voting_day = *parse_iso_timestamp("2026-04-20T09:00:00Z");

  // 1. The election, its ballot and the authority.
  auto t0 = std::chrono::steady_clock::now();
  ledger::box_setup setup;
  setup.election = io::parse_election(demo_election, "demo election");
  setup.ballots.push_back(demo_ballot());
  const auto authority = secret_key::generate();
  setup.authority = authority.public_part();
  {
    std::ofstream(dir / "election.json", std::ios::binary) << demo_election;
    std::ofstream(dir / "almaly.pb", std::ios::binary) << io::to_pabulib(election{setup.ballots[0], profile(), {}});
    std::ofstream(dir / "authority.pub") << crypto::public_key_text(key_role::authority, setup.authority) << "\n";
  }
  // 2. Credentials: one key per voter, derived from the seed so that a run can be repeated.
  std::vector<secret_key> keys(voters);
  setup.credentials.resize(voters);
  parallel_for(voters, threads, [&](std::size_t i) {
    keys[i] = secret_key::from_seed(crypto::sha256_state()
                                        .update(std::string_view("ppb-demo-voter"))
                                        .update(std::to_string(seed) + ":" + std::to_string(i))
                                        .finish());
    setup.credentials[i] = {keys[i].public_part(), "almaly"};
  });
  fmt::print("election {} ({} voters, {} projects, budget 300 000 000 KZT); credentials issued in {:.2f} s\n",
             to_hex(crypto::election_id(setup.election.bytes())).substr(0, 16), voters, std::size(demo_projects), elapsed(t0));

  // 3. The voters' side: each picks 1–5 projects, a few much more popular than the rest.
  t0 = std::chrono::steady_clock::now();
  const auto election_id = crypto::election_id(setup.election.bytes());
  std::vector<byte_buffer> ballots(voters);
  parallel_for(voters, threads, [&](std::size_t i) {
    std::mt19937_64 rng(seed * 1'000'003 + i);
    std::discrete_distribution<int> popularity({30, 22, 17, 12, 10, 8, 6, 5, 4, 3, 2, 1});
    std::uniform_int_distribution<int> length(1, 5);
    ballot_content b;
    b.election = election_id;
    b.credential = keys[i].public_part();
    b.revision = 1;
    for (std::size_t k = 0; k < b.nonce.size(); ++k) b.nonce[k] = static_cast<std::uint8_t>(rng());
    const int n = length(rng);
    while (static_cast<int>(b.items.size()) < n) {
      const auto p = static_cast<std::uint16_t>(popularity(rng));
      if (std::find(b.items.begin(), b.items.end(), p) == b.items.end()) b.items.push_back(p);
    }
    std::sort(b.items.begin(), b.items.end());
    ballots[i] = crypto::sign_ballot(b, keys[i]);
  });
  fmt::print("{} ballots signed on {} threads in {:.2f} s (the voters' side)\n", voters, threads, elapsed(t0));

  // 4. The box runs in a child process, which is killed half way: a crash, not a clean stop.
  t0 = std::chrono::steady_clock::now();
  int acks[2];
  if (pipe(acks) != 0) throw error(errc::io, "pipe failed");
  std::fflush(stdout);
  const pid_t child = fork();
  if (child < 0) throw error(errc::io, "fork failed");
  if (child == 0) {
    close(acks[0]);
    try {
      auto box = ledger::ballot_box::create(log, setup);
      parallel_for(voters, clients, [&](std::size_t i) {
        const auto v = box.submit(ballots[i], voting_day);
        const auto index = static_cast<std::uint32_t>(i);
        if (v.accepted && write(acks[1], &index, sizeof index) != sizeof index) _exit(4);
      });
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  close(acks[1]);
  std::vector<bool> acknowledged(voters, false);
  std::size_t acked = 0;
  std::uint32_t index;
  bool killed = false;
  while (read(acks[0], &index, sizeof index) == sizeof index) {
    if (index < voters && !acknowledged[index]) acknowledged[index] = true, ++acked;
    if (!killed && acked >= voters / 2) {
      kill(child, SIGKILL);
      killed = true;
    }
  }
  close(acks[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
    throw error(errc::internal, "the ballot box process failed (status " + std::to_string(status) + ")");
  fmt::print("ballot box killed with SIGKILL after {} acknowledged ballots ({:.2f} s, {:.0f} ballots/s)\n", acked,
             elapsed(t0), static_cast<double>(acked) / elapsed(t0));

  // 5. Recovery: reopen, then the voters without a receipt submit again.
  t0 = std::chrono::steady_clock::now();
  ledger::recovery_report rep;
  auto box = ledger::ballot_box::open(log, nullptr, &rep);
  fmt::print("recovered in {:.2f} s: {} entries kept, {} bytes of a torn entry cut, {} ballots in the log (≥ {} acknowledged)\n",
             elapsed(t0), rep.entries, rep.truncated_bytes, box.accepted(), acked);
  if (box.accepted() < acked) throw error(errc::internal, "an acknowledged ballot was lost");
  t0 = std::chrono::steady_clock::now();
  std::atomic<std::size_t> resent{0}, already{0};
  parallel_for(voters, clients, [&](std::size_t i) {
    if (acknowledged[i]) return;
    const auto v = box.submit(ballots[i], voting_day);
    ++resent;
    already += !v.accepted && v.reason == ledger::reject_reason::duplicate;
    if (!v.accepted && v.reason != ledger::reject_reason::duplicate)
      throw error(errc::internal, "a resubmitted ballot was refused: " + v.detail);
  });
  fmt::print("{} voters without a receipt submitted again ({} were already in the log: duplicate) in {:.2f} s; "
             "{} fdatasyncs in all\n", resent.load(), already.load(), elapsed(t0), box.syncs());

  // 6. Close, tally, publish.
  t0 = std::chrono::steady_clock::now();
  box.close(authority, *parse_iso_timestamp("2026-05-01T00:00:00Z"));
  const auto profiles = box.profiles();
  if (profiles[0].voters() != voters) throw error(errc::internal, "counted ballots differ from the voters");
  box.publish_result(ledger::tally_json(box.setup(), profiles), authority, *parse_iso_timestamp("2026-05-01T00:00:00Z"));
  const auto outcomes = ledger::tally_units(box.setup(), profiles);
  fmt::print("closed and tallied in {:.2f} s\n\n", elapsed(t0));
  print_table(log.string() + " — almaly", box.setup().ballots[0], profiles[0], outcomes[0]);
  fmt::print("\nlog {}: {} entries, root {}\nverify it with: ppb log verify {}\nsee the results page: ppb report {} -o {}\n",
             log.string(), box.size(), to_hex(box.root()), log.string(), log.string(), (dir / "result.html").string());
  return exit_ok;
}

}  // namespace

auto demo_command() -> command { return {"demo", "simulate a district vote end to end (signed ballots, crash, recovery)", demo_help, run_demo}; }

}  // namespace ppb::cli
