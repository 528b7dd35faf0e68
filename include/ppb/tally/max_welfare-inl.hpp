// Definitions for tally/max_welfare.hpp.
#ifndef PPB_TALLY_MAX_WELFARE_INL_HPP
#define PPB_TALLY_MAX_WELFARE_INL_HPP

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>

#include "ppb/tally/max_welfare.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

// One project as a knapsack item. Efficiency (welfare per unit of cost) is eff_num / eff_den,
// both at most 2^63, so two efficiencies compare exactly in 128 bits.
struct knapsack_item {
  money cost = 0;
  wide profit = 0;
  std::int64_t eff_num = 0, eff_den = 1;
  project_index project = 0;
};

// Depth-first branch and bound over items sorted by efficiency (best first), bounded by the LP
// relaxation (Dantzig). `nodes` is shared between searches so one limit caps all the work.
class knapsack_search {
 public:
  knapsack_search(const std::vector<knapsack_item>& items, money capacity, std::uint64_t& nodes, std::uint64_t limit)
      : items_(items), capacity_(capacity), nodes_(nodes), limit_(limit), take_(items.size(), 0) {
    weight_.assign(items.size() + 1, 0);
    profit_.assign(items.size() + 1, 0);
    for (std::size_t i = 0; i < items.size(); ++i) {
      weight_[i + 1] = weight_[i] + items[i].cost;
      profit_[i + 1] = profit_[i] + items[i].profit;
    }
  }

  // Largest profit reachable; `best` starts at `floor` with `chosen` (may be empty = nothing).
  // Returns false if the node limit stopped the search.
  auto maximize(wide floor, std::vector<char> chosen) -> bool {
    mode_target_ = false;
    best_ = floor;
    best_take_ = std::move(chosen);
    if (best_take_.empty()) best_take_.assign(items_.size(), 0);
    aborted_ = false;
    dfs(0, capacity_, 0);
    return !aborted_;
  }

  // Some selection of profit >= target? Returns it, nothing if there is none, and sets
  // `aborted()` if the node limit stopped the search before an answer.
  auto reach(wide target) -> std::optional<std::vector<char>> {
    mode_target_ = true;
    best_ = target;
    found_ = false;
    aborted_ = false;
    if (target <= 0) return std::vector<char>(items_.size(), 0);
    dfs(0, capacity_, 0);
    if (found_) return best_take_;
    return std::nullopt;
  }

  [[nodiscard]] auto best() const -> wide { return best_; }
  [[nodiscard]] auto best_take() const -> const std::vector<char>& { return best_take_; }
  [[nodiscard]] auto aborted() const -> bool { return aborted_; }

 private:
  // Upper bound on the profit items [i, m) can add within capacity c.
  [[nodiscard]] auto bound(std::size_t i, money c) const -> wide {
    const wide limit = weight_[i] + c;
    const auto it = std::upper_bound(weight_.begin() + static_cast<std::ptrdiff_t>(i), weight_.end(), limit);
    const auto j = static_cast<std::size_t>(it - weight_.begin()) - 1;  // items [i, j) fit whole
    wide b = profit_[j] - profit_[i];
    if (j < items_.size()) {
      const wide room = limit - weight_[j];
      b += room * items_[j].eff_num / items_[j].eff_den;
    }
    return b;
  }

  void dfs(std::size_t i, money c, wide p) {
    if (aborted_ || (mode_target_ && found_)) return;
    if (limit_ != 0 && nodes_ >= limit_) {
      aborted_ = true;
      return;
    }
    ++nodes_;
    if (mode_target_ ? p >= best_ : p > best_) {
      if (mode_target_) found_ = true;
      best_ = mode_target_ ? best_ : p;
      best_take_ = take_;
      if (mode_target_) return;
    }
    if (i == items_.size()) return;
    const wide ub = p + bound(i, c);
    if (mode_target_ ? ub < best_ : ub <= best_) return;
    if (items_[i].cost <= c) {
      take_[i] = 1;
      dfs(i + 1, c - items_[i].cost, p + items_[i].profit);
      take_[i] = 0;
    }
    dfs(i + 1, c, p);
  }

  const std::vector<knapsack_item>& items_;
  money capacity_;
  std::uint64_t& nodes_;
  std::uint64_t limit_;
  std::vector<char> take_, best_take_;
  std::vector<wide> weight_, profit_;
  wide best_ = 0;
  bool mode_target_ = false, found_ = false, aborted_ = false;
};

}  // namespace detail

PPB_FUNC auto tally::max_welfare_detailed(const instance& inst, const profile& prof, const max_welfare_options& opts)
    -> max_welfare_result {
  const auto n = inst.size();
  const auto t = totals(inst, prof);
  max_welfare_result res;
  auto& out = res.result;
  out = start_outcome(inst, t, "max-welfare", std::string(satisfaction_name(opts.satisfaction)), opts.tie);

  // Welfare of each project, and the items worth considering.
  std::vector<wide> profit(n);
  std::vector<detail::knapsack_item> items;
  std::vector<project_index> free_funded;  // cost 0, positive welfare
  for (project_index p = 0; p < n; ++p) {
    auto& r = out.projects[p];
    const money cost = inst[p].cost;
    const auto supporters = static_cast<std::int64_t>(t.supporters[p]);
    switch (opts.satisfaction) {
      case satisfaction_kind::cost: profit[p] = static_cast<wide>(supporters) * cost; break;
      case satisfaction_kind::cardinality: profit[p] = supporters; break;
      case satisfaction_kind::points: profit[p] = t.points[p]; break;
    }
    if (profit[p] <= std::numeric_limits<std::int64_t>::max()) r.support = fraction{static_cast<std::int64_t>(profit[p]), 1};
    if (profit[p] <= 0) {
      r.status = project_status::skipped;
      r.reason = "adds no welfare (nobody supports it)";
    } else if (cost > inst.budget) {
      r.status = project_status::skipped;
      r.reason = "costs " + format_units(cost, inst.money_places) + ", more than the whole budget";
    } else if (cost == 0) {
      free_funded.push_back(p);
    } else {
      detail::knapsack_item it;
      it.cost = cost;
      it.profit = profit[p];
      it.project = p;
      if (opts.satisfaction == satisfaction_kind::cost) it.eff_num = supporters;  // (supporters × cost) / cost
      else {
        it.eff_num = static_cast<std::int64_t>(profit[p]);
        it.eff_den = cost;
      }
      items.push_back(it);
    }
  }
  const auto priority = opts.tie.priority(inst, t.supporters);
  std::sort(items.begin(), items.end(), [&](const detail::knapsack_item& a, const detail::knapsack_item& b) {
    const wide l = static_cast<wide>(a.eff_num) * b.eff_den, r = static_cast<wide>(b.eff_num) * a.eff_den;
    if (l != r) return l > r;
    return priority[a.project] < priority[b.project];
  });

  // Phase 1: the largest welfare, starting from the greedy allocation as a lower bound.
  std::vector<char> greedy_take(items.size(), 0);
  wide greedy_profit = 0;
  {
    money c = inst.budget;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i].cost <= c) {
        c -= items[i].cost;
        greedy_take[i] = 1;
        greedy_profit += items[i].profit;
      }
  }
  detail::knapsack_search search(items, inst.budget, res.nodes, opts.node_limit);
  res.proven_optimal = search.maximize(greedy_profit, greedy_take);
  const wide best = search.best();
  std::vector<char> take = search.best_take();

  // Phase 2: among optimal allocations, the first in item order (welfare per cost, then `tie`):
  // fund each item in turn if some optimal allocation funds it with those already chosen.
  res.ties_resolved = res.proven_optimal;
  if (res.proven_optimal) {
    std::vector<signed char> fixed(items.size(), -1);  // -1 free, 0 out, 1 in
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (take[i]) {
        fixed[i] = 1;
        continue;
      }
      // Is there an optimal allocation with i and every project fixed in so far?
      std::vector<detail::knapsack_item> rest;
      std::vector<std::size_t> rest_index;
      money c = inst.budget - items[i].cost;
      wide target = best - items[i].profit;
      for (std::size_t k = 0; k < items.size(); ++k) {
        if (k == i) continue;
        if (fixed[k] == 1) {
          c -= items[k].cost;
          target -= items[k].profit;
        } else if (fixed[k] == -1) {
          rest.push_back(items[k]);
          rest_index.push_back(k);
        }
      }
      std::optional<std::vector<char>> found;
      if (c >= 0) {
        detail::knapsack_search sub(rest, c, res.nodes, opts.node_limit);
        found = sub.reach(target);
        if (sub.aborted()) {
          res.ties_resolved = false;
          break;
        }
      }
      if (!found) {
        fixed[i] = 0;
        continue;
      }
      fixed[i] = 1;
      for (std::size_t k = 0; k < items.size(); ++k)
        if (fixed[k] != 1) take[k] = 0;
      take[i] = 1;
      for (std::size_t k = 0; k < rest.size(); ++k)
        if ((*found)[k]) take[rest_index[k]] = 1;
    }
  }

  // The allocation: zero-cost projects first, then the items in efficiency order.
  money left = inst.budget;
  std::uint32_t round = 0;
  wide welfare = 0;
  const auto fund = [&](project_index p, const std::string& why) {
    auto& r = out.projects[p];
    left -= inst[p].cost;
    welfare += profit[p];
    r.status = project_status::funded;
    r.rank = ++round;
    r.reason = why + "; welfare " + wide_to_string(profit[p]) + ", costs " +
               format_units(inst[p].cost, inst.money_places);
    out.selected.push_back(p);
    out.trace.push_back({round, p, project_status::funded, left, "adds welfare " + wide_to_string(profit[p])});
  };
  for (auto p : free_funded) fund(p, "costs nothing");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto p = items[i].project;
    if (take[i]) {
      fund(p, "in the allocation of maximal welfare");
    } else {
      auto& r = out.projects[p];
      r.status = project_status::skipped;
      r.reason = "not in the allocation of maximal welfare";
    }
  }
  PPB_ASSERT(left >= 0);
  wide free_welfare = 0;
  for (auto p : free_funded) free_welfare += profit[p];
  PPB_ASSERT(!res.proven_optimal || welfare == best + free_welfare);
  res.welfare = welfare;
  out.optimal = res.proven_optimal;
  out.spent = inst.budget - left;
  const std::string w = wide_to_string(welfare);
  if (!out.trace.empty()) out.trace.back().detail += "; total welfare " + w;
  if (res.proven_optimal)
    out.notes.push_back("welfare " + w + " (" + satisfaction_name(opts.satisfaction).data() +
                        " satisfaction), proven optimal after " + std::to_string(res.nodes) + " branch-and-bound nodes");
  else
    out.notes.push_back("node limit " + std::to_string(opts.node_limit) + " reached: best allocation found has welfare " +
                        w + "; optimality NOT proven");
  if (res.proven_optimal && !res.ties_resolved)
    out.notes.push_back("node limit reached while choosing among optimal allocations: the one returned is optimal, "
                        "but may not be the first by the tie-break order");
  return res;
}

PPB_FUNC auto tally::max_utilitarian_welfare(const instance& inst, const profile& prof, const max_welfare_options& opts)
    -> outcome {
  return max_welfare_detailed(inst, prof, opts).result;
}

PPB_END_NAMESPACE

#endif
