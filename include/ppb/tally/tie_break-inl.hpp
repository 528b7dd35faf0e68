// Definitions for tally/tie_break.hpp.
#ifndef PPB_TALLY_TIE_BREAK_INL_HPP
#define PPB_TALLY_TIE_BREAK_INL_HPP

#include <algorithm>
#include <numeric>

#include "ppb/tally/tie_break.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto tie_criterion_name(tie_criterion c) noexcept -> std::string_view {
  switch (c) {
    case tie_criterion::min_cost: return "min-cost";
    case tie_criterion::max_votes: return "max-votes";
    case tie_criterion::file_order: return "file-order";
    case tie_criterion::lexicographic: return "lexicographic";
    case tie_criterion::lot: return "lot";
  }
  return "file-order";
}

namespace detail {
inline auto lot_key(std::string_view id, std::uint64_t seed) noexcept -> std::uint64_t {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64
  for (unsigned char c : id) h = (h ^ c) * 0x100000001b3ULL;
  std::uint64_t z = h ^ seed;  // splitmix64 finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// <0 if a goes first by criterion c, >0 if b does, 0 if c does not tell them apart.
inline auto compare_by(tie_criterion c, const instance& inst, std::span<const std::uint64_t> votes,
                       std::uint64_t seed, project_index a, project_index b) -> int {
  const auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (c) {
    case tie_criterion::min_cost: return three_way(inst[a].cost, inst[b].cost);
    case tie_criterion::max_votes: return three_way(votes[b], votes[a]);
    case tie_criterion::file_order: return three_way(a, b);
    case tie_criterion::lexicographic: return three_way(inst[a].id, inst[b].id);  // UTF-8 bytes = code points
    case tie_criterion::lot: return three_way(lot_key(inst[a].id, seed), lot_key(inst[b].id, seed));
  }
  return 0;
}
}  // namespace detail

PPB_FUNC auto tie_break::parse(std::string_view spec, std::uint64_t seed) -> tie_break {
  if (spec == "default" || spec == "standard") return standard();
  tie_break t{{}, seed};
  std::size_t start = 0;
  while (start <= spec.size()) {
    const auto end = std::min(spec.find(',', start), spec.size());
    const auto word = spec.substr(start, end - start);
    bool known = false;
    for (auto c : {tie_criterion::min_cost, tie_criterion::max_votes, tie_criterion::file_order,
                   tie_criterion::lexicographic, tie_criterion::lot})
      if (tie_criterion_name(c) == word) {
        t.criteria.push_back(c);
        known = true;
      }
    if (!known)
      throw usage_error("unknown tie-break '" + std::string(word) +
                        "' (use default, file-order, lexicographic, lot, or a comma list of min-cost, "
                        "max-votes, file-order, lexicographic, lot)");
    start = end + 1;
  }
  return t;
}

PPB_FUNC auto tie_break::name() const -> std::string {
  std::string s;
  for (auto c : criteria) {
    if (!s.empty()) s += ',';
    s += tie_criterion_name(c);
  }
  return s;
}

PPB_FUNC auto tie_break::priority(const instance& inst, std::span<const std::uint64_t> votes) const
    -> std::vector<std::uint32_t> {
  std::vector<project_index> order(inst.size());
  std::iota(order.begin(), order.end(), project_index{0});
  std::sort(order.begin(), order.end(), [&](project_index a, project_index b) {
    for (auto c : criteria)
      if (const int r = detail::compare_by(c, inst, votes, seed, a, b); r != 0) return r < 0;
    return a < b;
  });
  std::vector<std::uint32_t> rank(inst.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  return rank;
}

PPB_FUNC auto tie_break::deciding(const instance& inst, std::span<const std::uint64_t> votes, project_index a,
                                  project_index b) const -> tie_criterion {
  for (auto c : criteria)
    if (detail::compare_by(c, inst, votes, seed, a, b) != 0) return c;
  return tie_criterion::file_order;
}

PPB_END_NAMESPACE

#endif
