// Reader and greedy throughput, and the reader's peak memory against the file's size.
// usage: io_bench [--smoke] [--megabytes N]    (default 100 MB; --smoke: 10 MB)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "ppb/io/pabulib.hpp"
#include "ppb/tally/greedy.hpp"

namespace {

auto peak_rss_bytes() -> std::uint64_t {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;
}

auto seconds_since(std::chrono::steady_clock::time_point t0) -> double {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A synthetic approval election of about `bytes` bytes: 200 projects, ballots of 1..5 projects
// with skewed popularity, and voter columns (age, sex, neighborhood) as real files have.
void write_synthetic(const std::string& path, std::uint64_t bytes) {
  std::mt19937_64 rng(42);
  const int projects = 200;
  std::ofstream out(path);
  std::string votes;
  std::uint64_t voters = 0;
  std::vector<double> w(projects);
  for (int p = 0; p < projects; ++p) w[static_cast<std::size_t>(p)] = 1.0 / (p + 1);
  std::discrete_distribution<int> pick(w.begin(), w.end());
  const char* sexes[] = {"M", "F"};
  while (votes.size() < bytes) {
    votes += std::to_string(1000000 + voters) + ";";
    const int len = 1 + static_cast<int>(rng() % 5);
    std::vector<int> chosen;
    while (static_cast<int>(chosen.size()) < len) {
      const int p = pick(rng);
      if (std::find(chosen.begin(), chosen.end(), p) == chosen.end()) chosen.push_back(p);
    }
    for (std::size_t i = 0; i < chosen.size(); ++i) votes += (i ? "," : "") + std::to_string(chosen[i]);
    votes += ";" + std::to_string(18 + rng() % 70) + ";" + sexes[rng() % 2] + ";district " + std::to_string(rng() % 30) + "\n";
    ++voters;
  }
  out << "META\nkey;value\ndescription;synthetic\nnum_projects;" << projects << "\nnum_votes;" << voters
      << "\nbudget;50000000\nvote_type;approval\nmax_length;5\nPROJECTS\nproject_id;cost;name\n";
  for (int p = 0; p < projects; ++p) out << p << ";" << 100000 + (p * 7919) % 900000 << ";Project " << p << "\n";
  out << "VOTES\nvoter_id;vote;age;sex;neighborhood\n" << votes;
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::uint64_t megabytes = 100;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) megabytes = 10;
    else if (std::strcmp(argv[i], "--megabytes") == 0 && i + 1 < argc) megabytes = std::stoull(argv[++i]);
  }
  const std::string path = (std::filesystem::temp_directory_path() / "ppb_io_bench.pb").string();
  write_synthetic(path, megabytes << 20);
  const auto size = std::filesystem::file_size(path);
  const auto rss_before = peak_rss_bytes();
  auto t0 = std::chrono::steady_clock::now();
  const auto e = ppb::io::read_pabulib(path);
  const double read_s = seconds_since(t0);
  const auto rss_after = peak_rss_bytes();
  t0 = std::chrono::steady_clock::now();
  const auto out = ppb::tally::greedy(e.inst, e.prof);
  const double tally_s = seconds_since(t0);
  std::printf("io_bench: synthetic approval file, %llu voters, 200 projects\n", static_cast<unsigned long long>(e.prof.voters()));
  std::printf("| file MB | read s | read MB/s | peak memory growth MB | growth / file size | greedy s |\n");
  std::printf("|---|---|---|---|---|---|\n");
  std::printf("| %.1f | %.2f | %.1f | %.1f | %.2f× | %.3f |\n", static_cast<double>(size) / 1048576.0, read_s,
              static_cast<double>(size) / 1048576.0 / read_s, static_cast<double>(rss_after - rss_before) / 1048576.0,
              static_cast<double>(rss_after - rss_before) / static_cast<double>(size), tally_s);
  std::filesystem::remove(path);
  return out.selected.empty() ? 1 : 0;
}
