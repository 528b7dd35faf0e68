// A seeded national participatory-budgeting cycle for benchmarks (issue 7): ~17 regions, ~200
// cities and districts, ~2,000 village budgets of skewed sizes, projects with log-normal costs and
// categories, a voter roll of N residents with valid IINs, residence units and ages, and each
// voter's choices with skewed popularity in the ballot kind of the unit (approval, choose-1,
// cumulative). Everything is a pure function of (seed, voters): the same flags give the same
// scenario on every run and every thread count. Its own generator (splitmix64, Box-Muller) rather
// than <random>'s distributions, whose output differs between standard libraries.
#ifndef PPB_BENCH_NATIONAL_SCENARIO_HPP
#define PPB_BENCH_NATIONAL_SCENARIO_HPP

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "ppb/eligibility/iin.hpp"
#include "ppb/model/calendar.hpp"
#include "ppb/model/instance.hpp"

namespace national {

/// splitmix64: a small, fast, portable generator; `stream(seed, a, b)` starts an independent one.
struct rng {
  std::uint64_t state;
  auto next() -> std::uint64_t {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  auto uniform() -> double { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in [0, n).
  auto below(std::uint64_t n) -> std::uint64_t { return next() % n; }
  /// Standard normal (Box-Muller).
  auto normal() -> double {
    const double u = 1.0 - uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  auto lognormal(double mu, double sigma) -> double { return std::exp(mu + sigma * normal()); }
  static auto stream(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) -> rng {
    rng r{seed * 0xD1B54A32D192ED03ull ^ (a + 1) * 0x9E3779B97F4A7C15ull ^ (b + 7) * 0xC2B2AE3D27D4EB4Full};
    r.next();
    return r;
  }
};

/// One unit of the territory. Units with a budget have a ballot.
struct unit_plan {
  std::string id, kind, parent, name;
  ppb::money budget = 0;             ///< 0: no ballot (the country and the regions)
  ppb::vote_type ballot = ppb::vote_type::approval;
  double residents = 0;              ///< share of the voters who live here (0 for the regions)
  std::int32_t parent_ballot = -1;   ///< village: the ballot index of its district
  std::vector<ppb::project> projects;
  std::vector<double> popularity;    ///< cumulative, normalised: the chance to pick each project
};

inline constexpr int max_approvals = 5;         ///< approval: 1–5 projects
inline constexpr int cumulative_points = 10;    ///< cumulative: 10 points shared out
inline constexpr const char* categories[] = {"improvement", "lighting", "playgrounds", "sport", "greening", "roads"};

/// The whole scenario.
struct scenario {
  std::uint64_t seed = 1, voters = 0;
  std::vector<unit_plan> units;           ///< definition order: the root, regions, then their units
  std::vector<std::uint32_t> ballot_unit;  ///< ballot index → index in `units`
  std::vector<std::uint32_t> home;         ///< residence units (indices in `units`), for sampling
  std::vector<double> home_cumulative;     ///< cumulative residents over `home`

  /// The election definition (ppb/election/v1): pseudonymous credentials, revote latest,
  /// the own-unit residence rule (a village's residents also vote in their district), and MES
  /// with add1 and greedy completion as its rule.
  [[nodiscard]] auto election_json() const -> std::string {
    std::string u;
    for (const auto& x : units) {
      if (!u.empty()) u += ",\n    ";
      u += R"({"id": ")" + x.id + R"(", "kind": ")" + x.kind + R"(", "name": {"kk": ")" + x.name + R"(", "ru": ")" +
           x.name + R"(", "en": ")" + x.name + "\"}";
      if (!x.parent.empty()) u += R"(, "parent": ")" + x.parent + "\"";
      if (x.budget > 0) u += R"(, "budget": )" + std::to_string(x.budget);
      if (x.budget > 0 && x.ballot == ppb::vote_type::choose_1) u += R"(, "ballot": {"vote_type": "choose-1"})";
      if (x.budget > 0 && x.ballot == ppb::vote_type::cumulative)
        u += R"(, "ballot": {"vote_type": "cumulative", "min_length": 1, "max_length": 5, "max_sum_points": )" +
             std::to_string(cumulative_points) + "}";
      u += "}";
    }
    return R"({"format": "ppb/election/v1", "cycle": "kz-national-)" + std::to_string(seed) +
           R"(", "currency": "KZT", "utc_offset": "+05:00",
  "title": {"kk": "Ұлттық бюджет", "ru": "Национальный бюджет", "en": "National participatory budget"},
  "units": [)" + u + R"(],
  "phases": [{"phase": "submission", "begin": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
             {"phase": "voting", "begin": "2026-04-15T00:00:00Z", "end": "2026-05-01T00:00:00Z"}],
  "proposals": {"categories": ["improvement", "lighting", "playgrounds", "sport", "greening", "roads"],
                "review": {"quorum": 1, "decision_rule": "majority"}},
  "ballot": {"vote_type": "approval", "min_length": 1, "max_length": 5},
  "eligibility": {"min_age": 18, "residence": "own_unit"},
  "revote": "latest", "credentials": "pseudonymous",
  "tally": {"rule": "mes", "completion": "add1+greedy"}})";
  }

  /// The ballot of ballot unit `b` (projects, budget, kind; `rules` are the definition's).
  [[nodiscard]] auto instance_of(std::uint32_t b, const ppb::ballot_rules& rules) const -> ppb::instance {
    const auto& x = units[ballot_unit[b]];
    ppb::instance inst;
    inst.budget = x.budget;
    inst.kind = x.ballot;
    inst.rules = rules;
    inst.set_meta("description", x.name);
    inst.set_meta("unit", x.id);
    for (const auto& p : x.projects) inst.add(p);
    return inst;
  }

  /// Where voter `i` lives (an index in `units`): urban districts and cities, the district
  /// centres of rural districts, and villages, in proportion to `residents`.
  [[nodiscard]] auto residence_of(std::uint64_t i) const -> std::uint32_t {
    auto r = rng::stream(seed, 1, i);
    const double x = r.uniform() * home_cumulative.back();
    const auto it = std::upper_bound(home_cumulative.begin(), home_cumulative.end(), x);
    return home[std::min<std::size_t>(static_cast<std::size_t>(it - home_cumulative.begin()), home.size() - 1)];
  }

  /// Voter `i`'s roll row `iin,unit,status,registered` (no credential: pseudonymous), and
  /// whether a valid IIN came out (about one in eleven first-11-digit strings has no check digit;
  /// the caller then moves to the next `serial`). Each `serial` gives a distinct IIN: birth dates
  /// 1940-01-01 to 2010-04-19 (so ~3% are 16–17 on the voting day and get no credential).
  static auto roll_row(std::uint64_t serial, std::uint64_t i, const std::string& unit, std::uint64_t seed,
                       std::string& out) -> bool {
    static const auto first = ppb::parse_iso_date("1940-01-01")->time_since_epoch().count();
    static const auto span = ppb::parse_iso_date("2010-04-19")->time_since_epoch().count() - first + 1;
    static const auto reg_first = ppb::parse_iso_date("2005-01-01")->time_since_epoch().count();
    const auto day = std::chrono::sys_days{std::chrono::days{first + static_cast<std::int64_t>(serial) % span}};
    const auto s = static_cast<int>(static_cast<std::int64_t>(serial) / span);
    const std::chrono::year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    auto r = rng::stream(seed, 2, i);
    const int g = (year >= 2000 ? 5 : 3) + static_cast<int>(r.below(2));
    char first11[16];
    std::snprintf(first11, sizeof first11, "%02d%02u%02u%d%04d", year % 100, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), g, s % 10000);
    const auto check = ppb::iin_check_digit(first11);
    if (!check) return false;
    const auto reg = std::chrono::sys_days{std::chrono::days{reg_first + static_cast<std::int64_t>(r.below(7700))}};
    out.append(first11).push_back(static_cast<char>('0' + *check));
    out += ',';
    out += unit;
    out += r.below(100) < 98 ? ",active," : ",suspended,";
    out += ppb::format_iso_date(reg);
    out += '\n';
    return true;
  }

  /// Writes the roll of every voter as CSV (`iin,unit,status,registered`), voter i on line i + 2.
  void write_roll(const std::string& path) const {
    std::ofstream f(path, std::ios::binary);
    std::string buf = "iin,unit,status,registered\n";
    std::uint64_t serial = 0;
    for (std::uint64_t i = 0; i < voters; ++i) {
      while (!roll_row(serial++, i, units[residence_of(i)].id, seed, buf)) {
      }
      if (buf.size() > (1u << 20)) {
        f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
      }
    }
    f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  }

  /// Voter `i`'s choices on ballot unit `b`: items strictly increasing (points, for a
  /// cumulative ballot, in the same order, summing to `cumulative_points`). Popularity is skewed:
  /// project weights are log-normal (σ = 1.5), so a few projects draw most votes.
  void choices(std::uint64_t i, std::uint32_t b, std::vector<std::uint16_t>& items,
               std::vector<std::uint32_t>& points) const {
    const auto& x = units[ballot_unit[b]];
    auto r = rng::stream(seed, 3 + b, i);
    items.clear();
    points.clear();
    const auto m = x.projects.size();
    const std::size_t want =
        x.ballot == ppb::vote_type::choose_1 ? 1 : 1 + static_cast<std::size_t>(r.below(std::min<std::size_t>(m, max_approvals)));
    while (items.size() < want) {
      const auto it = std::upper_bound(x.popularity.begin(), x.popularity.end(), r.uniform());
      const auto p = static_cast<std::uint16_t>(std::min<std::size_t>(static_cast<std::size_t>(it - x.popularity.begin()), m - 1));
      if (std::find(items.begin(), items.end(), p) == items.end()) items.push_back(p);
    }
    std::sort(items.begin(), items.end());
    if (x.ballot == ppb::vote_type::cumulative) {
      points.assign(items.size(), 1);
      for (auto left = cumulative_points - static_cast<int>(items.size()); left > 0; --left) ++points[r.below(items.size())];
    }
  }

  /// Whether voter `i`, living in a village, also votes in the village's district (half do).
  [[nodiscard]] auto votes_in_district(std::uint64_t i) const -> bool { return rng::stream(seed, 4, i).below(2) == 0; }
};

/// Makes the scenario: 17 regions (the first 13 with 12 cities and districts, the rest 11: 200),
/// in each region 2 cities and the rest rural districts, ~2,000 villages spread over the rural
/// districts (about 12 each); fewer `regions` and `villages_total` for a short run. Residents: cities 55%, district centres 15%, villages 30%, each unit
/// log-normal around its share (σ 0.8 for towns, 1.0 for villages: a few large, many small).
inline auto make_scenario(std::uint64_t seed, std::uint64_t voters, int villages_total = 2000, int regions = 17) -> scenario {
  scenario s;
  s.seed = seed;
  s.voters = voters;
  auto r = rng::stream(seed, 0);
  const auto region_unit = [](std::string id, std::string parent, std::string name) {
    unit_plan u;
    u.id = std::move(id);
    u.kind = "region";
    u.parent = std::move(parent);
    u.name = std::move(name);
    return u;
  };
  s.units.push_back(region_unit("kz", "", "Kazakhstan"));
  std::vector<std::size_t> rural;
  std::vector<double> city_w, centre_w;
  std::vector<std::size_t> cities, centres;
  for (int g = 0; g < regions; ++g) {
    const std::string region = "r" + std::to_string(g + 1);
    s.units.push_back(region_unit(region, "kz", "Region " + std::to_string(g + 1)));
    const int n = g < 13 ? 12 : 11;
    for (int d = 0; d < n; ++d) {
      unit_plan u;
      const bool city = d < 2;
      u.id = region + (city ? "-c" : "-d") + std::to_string(d + 1);
      u.kind = city ? "city" : "district";
      u.parent = region;
      u.name = (city ? "City " : "District ") + std::to_string(g + 1) + "." + std::to_string(d + 1);
      u.ballot = city && g % 4 == 0 && d == 1 ? ppb::vote_type::cumulative : ppb::vote_type::approval;
      (city ? cities : centres).push_back(s.units.size());
      (city ? city_w : centre_w).push_back(r.lognormal(0, 0.8));
      if (!city) rural.push_back(s.units.size());
      s.units.push_back(std::move(u));
    }
  }
  std::vector<std::size_t> vills;
  std::vector<double> vill_w;
  for (int v = 0; v < villages_total; ++v) {
    const auto d = rural[static_cast<std::size_t>(v) % rural.size()];
    unit_plan u;
    u.id = s.units[d].id + "-v" + std::to_string(v / static_cast<int>(rural.size()) + 1);
    u.kind = "village";
    u.parent = s.units[d].id;
    u.name = "Village " + std::to_string(v + 1);
    u.ballot = ppb::vote_type::choose_1;
    vills.push_back(s.units.size());
    vill_w.push_back(r.lognormal(0, 1.0));
    s.units.push_back(std::move(u));
  }
  const auto share = [&](const std::vector<std::size_t>& at, const std::vector<double>& w, double total) {
    double sum = 0;
    for (double x : w) sum += x;
    for (std::size_t k = 0; k < at.size(); ++k) s.units[at[k]].residents = total * w[k] / sum;
  };
  share(cities, city_w, 0.55);
  share(centres, centre_w, 0.15);
  share(vills, vill_w, 0.30);

  // Budgets (about 3,000 KZT per voter, ±30%: the envelope grows with the voters, so that MES's
  // per-voter money, and with it add1's number of steps, does not depend on N) and projects with
  // log-normal costs (median 12% of the budget).
  std::vector<std::uint32_t> ballot_of_unit(s.units.size(), 0);
  for (std::uint32_t k = 0; k < s.units.size(); ++k) {
    auto& u = s.units[k];
    if (u.kind == "region") continue;
    const double people = std::max(u.residents * static_cast<double>(voters), 5.0);
    u.budget = static_cast<ppb::money>(std::round(people * 3000 * r.lognormal(0, 0.3) / 1000) * 1000);
    const int lo = u.kind == "city" ? 20 : u.kind == "district" ? 8 : 2;
    const int hi = u.kind == "city" ? 60 : u.kind == "district" ? 25 : 6;
    const int m = lo + static_cast<int>(r.below(static_cast<std::uint64_t>(hi - lo + 1)));
    double sum = 0;
    for (int j = 0; j < m; ++j) {
      ppb::project p;
      p.id = u.id + "-p" + std::to_string(j + 1);
      p.name = "Project " + std::to_string(j + 1) + " of " + u.name;
      const double c = std::clamp(r.lognormal(std::log(0.12), 0.8), 0.01, 0.6) * static_cast<double>(u.budget);
      p.cost = std::max<ppb::money>(1000, static_cast<ppb::money>(std::round(c / 1000) * 1000));
      p.categories = {categories[r.below(std::size(categories))]};
      u.projects.push_back(std::move(p));
      u.popularity.push_back(sum += r.lognormal(0, 1.5));
    }
    for (auto& x : u.popularity) x /= sum;
    ballot_of_unit[k] = static_cast<std::uint32_t>(s.ballot_unit.size());
    s.ballot_unit.push_back(k);
    s.home.push_back(k);
  }
  for (auto& u : s.units)
    if (u.kind == "village")
      for (std::uint32_t k = 0; k < s.units.size(); ++k)
        if (s.units[k].id == u.parent) u.parent_ballot = static_cast<std::int32_t>(ballot_of_unit[k]);
  double acc = 0;
  for (auto k : s.home) s.home_cumulative.push_back(acc += s.units[k].residents);
  return s;
}

}  // namespace national

#endif
