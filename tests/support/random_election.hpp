// Seeded random elections for property tests: small, replayable (CAPTURE the seed), with the
// skew of real data (a few popular projects) and every vote type.
#ifndef PPB_TESTS_SUPPORT_RANDOM_ELECTION_HPP
#define PPB_TESTS_SUPPORT_RANDOM_ELECTION_HPP

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "ppb/io/pabulib.hpp"

namespace ppb::testing {

/// Shape of a random election.
struct random_spec {
  std::size_t projects = 8;
  std::size_t voters = 30;
  vote_type kind = vote_type::approval;
  money min_cost = 1, max_cost = 100;
  std::size_t max_ballot_length = 4;  ///< ballots list 1..max projects (choose-1: exactly 1)
  std::int64_t max_points = 5;        ///< cumulative/scoring: points per project in 1..max
};

/// A random election from `seed`: costs uniform in [min_cost, max_cost], budget about a third of
/// the total cost, voters picking projects with Zipf-like popularity. Same seed, same election.
inline auto random_election(std::uint64_t seed, const random_spec& spec = {}) -> election {
  std::mt19937_64 rng(seed);
  election e;
  e.inst.kind = spec.kind;
  money total = 0;
  for (std::size_t p = 0; p < spec.projects; ++p) {
    const auto cost = std::uniform_int_distribution<money>(spec.min_cost, spec.max_cost)(rng);
    e.inst.add({.id = "p" + std::to_string(p), .name = "Project " + std::to_string(p), .cost = cost});
    total += cost;
  }
  e.inst.budget = std::max<money>(1, total / 3);
  std::vector<double> weight(spec.projects);
  for (std::size_t p = 0; p < spec.projects; ++p) weight[p] = 1.0 / static_cast<double>(p + 1);
  std::shuffle(weight.begin(), weight.end(), rng);
  e.prof = profile(spec.kind);
  std::vector<project_index> items;
  std::vector<std::int64_t> points;
  for (std::size_t v = 0; v < spec.voters; ++v) {
    const std::size_t cap = spec.kind == vote_type::choose_1 ? 1 : std::min(spec.max_ballot_length, spec.projects);
    const std::size_t len = std::uniform_int_distribution<std::size_t>(1, cap)(rng);
    items.clear();
    std::vector<double> w = weight;
    for (std::size_t k = 0; k < len; ++k) {
      std::discrete_distribution<std::size_t> pick(w.begin(), w.end());
      const auto p = pick(rng);
      items.push_back(static_cast<project_index>(p));
      w[p] = 0;
    }
    points.clear();
    if (has_points(spec.kind))
      for (std::size_t k = 0; k < len; ++k) points.push_back(std::uniform_int_distribution<std::int64_t>(1, spec.max_points)(rng));
    e.prof.add(items, points);
  }
  return e;
}

}  // namespace ppb::testing

#endif
