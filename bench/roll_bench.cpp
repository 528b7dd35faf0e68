// Voter-roll import, eligibility checks and snapshots at national scale.
// usage: roll_bench [--smoke] [--rows N]    (default 1,000,000 rows; --smoke: 10,000)
//
// The roll is synthetic: unique valid IINs (birth dates 1940–2007, both sexes), 20 districts
// of one city, 97% active, registration dates 2005–2026, and an Ed25519-sized key for half of
// the voters. Timings are reported, never asserted.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "ppb/eligibility/checker.hpp"
#include "ppb/io/archive.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/io/roll_csv.hpp"

namespace {

auto peak_rss_bytes() -> std::uint64_t {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;
}

auto seconds_since(std::chrono::steady_clock::time_point t0) -> double {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

constexpr int districts = 20;

auto election_json() -> std::string {
  std::string units = R"({"id": "city", "kind": "city", "name": {"kk": "Қала", "ru": "Город", "en": "City"}})";
  for (int d = 0; d < districts; ++d)
    units += R"(, {"id": "d)" + std::to_string(d) + R"(", "kind": "district", "parent": "city", "budget": 100000000,
                   "name": {"kk": "Аудан", "ru": "Район", "en": "District"}})";
  return R"({"format": "ppb/election/v1", "cycle": "bench", "currency": "KZT", "utc_offset": "+05:00",
    "title": {"kk": "Бюджет", "ru": "Бюджет", "en": "Budget"},
    "units": [)" + units + R"(],
    "phases": [{"phase": "submission", "begin": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
               {"phase": "voting", "begin": "2026-04-15T00:00:00Z", "end": "2026-05-01T00:00:00Z"}],
    "proposals": {"categories": ["any"], "review": {"quorum": 1, "decision_rule": "majority"}},
    "ballot": {"vote_type": "approval"},
    "eligibility": {"min_age": 18, "residence": "own_unit", "registration_cutoff": "2026-04-01"},
    "revote": "refuse", "credentials": "identified", "tally": {"rule": "greedy"}})";
}

/// `rows` voters as CSV, each IIN unique: (birth date, century/sex digit, serial) never repeats.
auto synthetic_roll(std::uint64_t rows) -> std::string {
  std::mt19937_64 rng(42);
  std::string out = "iin,unit,status,registered,credential\n";
  out.reserve(rows * 110);
  const auto first = ppb::parse_iso_date("1940-01-01")->time_since_epoch().count();
  const auto span = ppb::parse_iso_date("2007-12-31")->time_since_epoch().count() - first;
  const auto reg_first = ppb::parse_iso_date("2005-01-01")->time_since_epoch().count();
  static constexpr char hex[] = "0123456789abcdef";
  std::uint64_t made = 0;
  for (std::int64_t serial = 0; made < rows; ++serial) {
    // Walk through dates first, then serials, so IINs spread over all birth dates.
    const auto day = std::chrono::sys_days{std::chrono::days{first + serial % (span + 1)}};
    const int s = static_cast<int>(serial / (span + 1));
    const std::chrono::year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    const int g = (year >= 2000 ? 5 : 3) + static_cast<int>(rng() % 2);
    char first11[16];
    std::snprintf(first11, sizeof first11, "%02d%02u%02u%d%04d", year % 100, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), g, s % 10000);
    const auto check = ppb::iin_check_digit(first11);
    if (!check) continue;
    const auto reg = std::chrono::sys_days{std::chrono::days{reg_first + static_cast<std::int64_t>(rng() % 7700)}};
    out.append(first11).push_back(static_cast<char>('0' + *check));
    out += ",d" + std::to_string(rng() % districts) + ",";
    out += rng() % 100 < 97 ? "active," : "suspended,";
    out += ppb::format_iso_date(reg) + ",";
    if (rng() % 2) {
      for (int i = 0; i < 32; ++i) {
        const auto b = rng() & 0xFF;
        out += hex[b >> 4];
        out += hex[b & 15];
      }
    }
    out += '\n';
    ++made;
  }
  return out;
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::uint64_t rows = 1000000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) rows = 10000;
    else if (std::strcmp(argv[i], "--rows") == 0 && i + 1 < argc) rows = std::stoull(argv[++i]);
    else {
      std::fprintf(stderr, "usage: roll_bench [--smoke] [--rows N]\n");
      return 2;
    }
  }
  const auto election = ppb::io::parse_election(election_json(), "bench");
  auto t0 = std::chrono::steady_clock::now();
  const std::string csv = synthetic_roll(rows);
  const double generate_s = seconds_since(t0);
  const auto path = std::filesystem::temp_directory_path() / "ppb_roll_bench.csv";
  std::ofstream(path, std::ios::binary) << csv;

  const auto rss0 = peak_rss_bytes();
  t0 = std::chrono::steady_clock::now();
  auto imported = ppb::io::read_roll(path, &election);
  const double read_s = seconds_since(t0);
  const auto rss1 = peak_rss_bytes();
  if (imported.bad_rows != 0 || imported.roll.size() != rows) {
    std::fprintf(stderr, "unexpected: %llu bad rows, %zu voters\n", static_cast<unsigned long long>(imported.bad_rows),
                 imported.roll.size());
    return 1;
  }
  t0 = std::chrono::steady_clock::now();
  const auto again = ppb::io::parse_roll(csv, "memory", &election);
  const double parse_s = seconds_since(t0);

  // Every voter checked in their own district and in the next one (not resident).
  const auto at = *ppb::parse_iso_timestamp("2026-04-20T10:00:00Z");
  std::uint64_t eligible = 0;
  t0 = std::chrono::steady_clock::now();
  for (const auto& v : imported.roll.records()) {
    eligible += ppb::eligibility::check(imported.roll, v.id, election, v.unit, at).eligible();
    const auto other = "d" + std::to_string((std::stoi(v.unit.substr(1)) + 1) % districts);
    eligible += ppb::eligibility::check(imported.roll, v.id, election, other, at).eligible();
  }
  const double check_s = seconds_since(t0);

  ppb::election_state state{election, {}, std::move(imported.roll)};
  t0 = std::chrono::steady_clock::now();
  std::ostringstream snap;
  ppb::io::save_snapshot(snap, state);
  const double save_s = seconds_since(t0);
  const std::string snapshot = std::move(snap).str();
  t0 = std::chrono::steady_clock::now();
  std::istringstream in(snapshot);
  const auto back = ppb::io::load_snapshot(in, "memory");
  const double load_s = seconds_since(t0);
  if (!(back == state)) {
    std::fprintf(stderr, "snapshot did not round-trip\n");
    return 1;
  }
  std::filesystem::remove(path);

  const double mb = static_cast<double>(csv.size()) / 1e6;
  std::printf("| rows | CSV MB | generate s | read_roll s | rows/s | parse_roll s | memory growth MB | "
              "2 checks/voter s | checks/s | snapshot MB | save s | load s |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::printf("| %llu | %.1f | %.2f | %.2f | %.2fM | %.2f | %.0f | %.2f | %.2fM | %.1f | %.2f | %.2f |\n",
              static_cast<unsigned long long>(rows), mb, generate_s, read_s, static_cast<double>(rows) / read_s / 1e6,
              parse_s, static_cast<double>(rss1 - rss0) / 1e6, check_s,
              2.0 * static_cast<double>(rows) / check_s / 1e6, static_cast<double>(snapshot.size()) / 1e6, save_s,
              load_s);
  std::printf("(%llu of %llu checks eligible; %zu voters re-parsed)\n", static_cast<unsigned long long>(eligible),
              static_cast<unsigned long long>(2 * rows), again.roll.size());
  return 0;
}
