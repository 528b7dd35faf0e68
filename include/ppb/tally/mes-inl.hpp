// Definitions for tally/mes.hpp.
#ifndef PPB_TALLY_MES_INL_HPP
#define PPB_TALLY_MES_INL_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <limits>
#include <map>
#include <optional>

#include "ppb/tally/mes.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto mes_completion_name(mes_completion c) noexcept -> std::string_view {
  switch (c) {
    case mes_completion::add1: return "add1";
    case mes_completion::add1_exhaustive: return "add1-exhaustive";
    case mes_completion::greedy: return "greedy";
  }
  return "add1";
}

PPB_FUNC auto parse_mes_completion(std::string_view spec) -> std::vector<mes_completion> {
  std::vector<mes_completion> chain;
  if (spec == "none") return chain;
  std::string_view rest = spec;
  while (true) {
    const auto plus = rest.find('+');
    const auto part = rest.substr(0, plus);
    bool known = false;
    for (auto c : {mes_completion::add1, mes_completion::add1_exhaustive, mes_completion::greedy})
      if (mes_completion_name(c) == part) {
        chain.push_back(c);
        known = true;
      }
    if (!known)
      throw usage_error("unknown completion '" + std::string(part) +
                        "' (use none, add1, add1-exhaustive, greedy, or a chain such as add1+greedy)");
    if (plus == std::string_view::npos) break;
    rest = rest.substr(plus + 1);
  }
  std::size_t increases = 0;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i] == mes_completion::greedy && i + 1 != chain.size())
      throw usage_error("completion '" + std::string(spec) + "': greedy can only come last");
    increases += chain[i] != mes_completion::greedy;
  }
  if (increases > 1 || (increases == 1 && chain.front() == mes_completion::greedy))
    throw usage_error("completion '" + std::string(spec) + "': at most one budget increase (add1 or add1-exhaustive), first");
  return chain;
}

namespace detail {

using boost::multiprecision::mpz_int;

// The profile as MES sees it: for each project its supporters (rows of the merged profile) with
// k, the voter's satisfaction from it divided by the project's `scale` (cost satisfaction: scale =
// cost, k = 1; cardinality: 1, 1; points: 1, the points). ρ = share / scale, where `share` is what
// a supporter pays per unit of k.
struct mes_input {
  std::vector<std::uint64_t> weight;  // per row
  std::vector<std::size_t> start;     // per project, into row and k
  std::vector<std::uint32_t> row;
  std::vector<std::int64_t> k;         // empty unless satisfaction is points (k = 1 for all)
  bool unit_k = true;
  [[nodiscard]] auto k_at(std::size_t s) const -> std::int64_t { return k.empty() ? 1 : k[s]; }
  std::vector<std::int64_t> scale;
  std::vector<bool> candidate;          // positive cost and someone supports it
  std::vector<project_index> free;      // cost 0 and someone supports it: funded first
  std::vector<std::uint64_t> supporters;  // weighted
  std::uint64_t voters = 0;
  std::size_t rows = 0;
  project_totals totals;  // of the whole profile, counted over the distinct rows
};

inline auto make_mes_input(const instance& inst, const profile& prof, satisfaction_kind sat) -> mes_input {
  // Rows are the distinct ballots, read in place (no merged copy of the profile).
  const auto distinct = prof.find_distinct();
  const auto n = inst.size();
  if (distinct.first.size() > std::numeric_limits<std::uint32_t>::max())
    throw usage_error("MES: more than 2^32 distinct ballots");
  mes_input in;
  in.voters = prof.voters();
  in.rows = distinct.first.size();
  in.weight = distinct.weight;
  in.totals = totals(inst, prof, distinct);
  in.start.assign(n + 1, 0);
  const bool by_points = sat == satisfaction_kind::points && has_points(prof.kind());
  const auto supports = [&](const ballot_view& b, std::size_t j) { return !by_points || b.points[j] > 0; };
  for (auto first : distinct.first) {
    const auto b = prof[first];
    for (std::size_t j = 0; j < b.items.size(); ++j)
      if (supports(b, j)) ++in.start[b.items[j] + 1];
  }
  for (std::size_t p = 0; p < n; ++p) in.start[p + 1] += in.start[p];
  in.row.resize(in.start[n]);
  if (by_points) in.k.assign(in.start[n], 1);
  in.supporters.assign(n, 0);
  auto fill = in.start;
  for (std::size_t i = 0; i < distinct.first.size(); ++i) {
    const auto b = prof[distinct.first[i]];
    for (std::size_t j = 0; j < b.items.size(); ++j) {
      if (!supports(b, j)) continue;
      const auto p = b.items[j];
      in.supporters[p] += in.weight[i];
      in.row[fill[p]] = static_cast<std::uint32_t>(i);
      if (by_points) {
        in.k[fill[p]] = b.points[j];
        in.unit_k = in.unit_k && b.points[j] == 1;
      }
      ++fill[p];
    }
  }
  in.scale.resize(n);
  in.candidate.assign(n, false);
  for (project_index p = 0; p < n; ++p) {
    in.scale[p] = sat == satisfaction_kind::cost ? std::max<money>(inst[p].cost, 1) : 1;
    if (in.supporters[p] == 0) continue;
    if (inst[p].cost > 0) in.candidate[p] = true;
    else in.free.push_back(p);
  }
  return in;
}

// One run of MES at a fixed per-voter endowment.
struct mes_run {
  std::vector<project_index> selected;  // free projects first, then by round
  std::vector<mes_round> rounds;
  money cost = 0;
  std::vector<rational> last_rho;       // per project: funded, its ρ; unfunded, see last_affordable
  // Per unfunded project: the rounds paid when its supporters could last afford it (its
  // last_rho is the ρ it needed then); none if they never could.
  std::vector<std::optional<std::uint32_t>> last_affordable;
  std::vector<rational> supporters_left;  // per project, with details
  // When no voter ever ran out of money, ρ never depended on the endowment e, and every larger
  // endowment below this one gives this very run (see mes_engine::note_unaffordable).
  std::optional<rational> same_until;
};

// MES at a fixed endowment, in integers. Every voter's money is x / D[e]: a numerator per group
// of voters ("class") over the common denominator of the round e it was last brought up to.
// Each round multiplies D by the winner's Σ k·w, so sums and comparisons are plain integer
// arithmetic (no gcd, no normalising), which is what makes exact MES fast.
class mes_engine {
 public:
  mes_engine(const instance& inst, const mes_input& in, std::span<const std::uint32_t> priority)
      : inst_(inst), in_(in), priority_(priority) {}

  // MES with every voter starting at `endowment` (units of 10^-money_places). With `details`,
  // the rounds' payments, every project's last ρ and its supporters' money at the end.
  auto run(const rational& endowment, bool details) -> mes_run {
    const auto n = inst_.size();
    mes_run out;
    ties_.clear();
    out.selected = in_.free;
    details_ = details;
    reset(endowment);
    any_poor_ = false;
    until_known_ = false;
    skip_possible_ = !endowment.is_zero();
    std::vector<project_index> remaining;
    for (auto& r : rho_) r.computed = false;
    for (project_index p = 0; p < n; ++p)
      if (in_.candidate[p]) {
        remaining.push_back(p);
        // ρ before anyone has paid: cost / (scale · Σ k·w), the same at every endowment; made
        // exact (nobody poor) only if it is ever needed.
        auto& r = rho_[p];
        r.poor.clear();
        r.rich_k = total_k_[p];
        std::tie(r.lo, r.hi) = initial_bounds_[p];
        r.exact = false;
        r.computed = false;
      }
    std::vector<project_index> evaluated, tied, keep;
    const auto by_lower_bound = [&](project_index a, project_index b) { return rho_[a].lo < rho_[b].lo; };
    // remaining[0, unsorted) are the projects evaluated last round (their bounds moved, also in
    // make_exact); the rest keeps its order: sort those and merge.
    std::size_t unsorted = remaining.size();
    while (!remaining.empty()) {
      const auto mid = remaining.begin() + static_cast<std::ptrdiff_t>(unsorted);
      std::sort(remaining.begin(), mid, by_lower_bound);
      std::inplace_merge(remaining.begin(), mid, remaining.end(), by_lower_bound);
      // The scan: ρ never falls, so once a project's previous ρ is surely above the best new ρ
      // found so far, so is every one after it (sorted by that lower bound).
      double best_hi = std::numeric_limits<double>::infinity();
      evaluated.clear();
      keep.clear();
      std::size_t i = 0;
      for (; i < remaining.size(); ++i) {
        const auto p = remaining[i];
        if (rho_[p].lo > best_hi) break;
        if (!evaluate(p)) {  // its supporters cannot pay for it any more: out for good
          note_unaffordable(p);
          continue;
        }
        keep.push_back(p);
        evaluated.push_back(p);
        best_hi = std::min(best_hi, rho_[p].hi);
      }
      unsorted = keep.size();
      keep.insert(keep.end(), remaining.begin() + static_cast<std::ptrdiff_t>(i), remaining.end());
      std::swap(remaining, keep);
      if (evaluated.empty()) break;
      // Exact ρ only for those the bounds cannot rule out; among them the exact smallest wins.
      std::optional<project_index> best;
      tied.clear();
      for (auto p : evaluated) {
        if (rho_[p].lo > best_hi) continue;
        make_exact(p);
        const int c = best ? compare(rho_[p], rho_[*best]) : -1;
        if (c < 0) {
          best = p;
          tied.assign(1, p);
        } else if (c == 0) {
          tied.push_back(p);
        }
      }
      const auto chosen = *std::min_element(tied.begin(), tied.end(),
                                            [&](project_index a, project_index b) { return priority_[a] < priority_[b]; });
      // Who was short of each share is only needed within the round (it can be a large list per
      // project, and its classes may die when the winner's supporters pay): let the lists go. The
      // winner's ρ is exact already; explanations of the others are rebuilt after the run.
      for (auto p : evaluated) {
        auto& r = rho_[p];
        r.released = !r.exact && !r.poor.empty();
        std::vector<group>().swap(r.poor);
      }
      pay(chosen, details ? &out.rounds.emplace_back() : nullptr);
      if (tied.size() > 1) ties_.emplace_back(out.selected.size() - in_.free.size() + 1, tied);
      out.selected.push_back(chosen);
      out.cost += inst_[chosen].cost;
      remaining.erase(std::find(remaining.begin(), remaining.begin() + static_cast<std::ptrdiff_t>(unsorted), chosen));
      --unsorted;
    }
    if (skip_possible_ && !any_poor_ && until_known_) out.same_until = endowment + to_rational(until_num_, until_den_);
    if (details) {
      out.last_rho.assign(n, rational(0));
      out.last_affordable.assign(n, std::nullopt);
      out.supporters_left.assign(n, rational(0));
      std::vector<bool> funded(n, false);
      for (auto p : out.selected) funded[p] = true;
      for (project_index p = 0; p < n; ++p) {
        if (funded[p] && rho_[p].computed) {
          make_exact(p);
          out.last_rho[p] = to_rational(rho_[p].num, rho_[p].den);
        } else if (!funded[p] && in_.candidate[p]) {
          if (auto last = last_affordable(p)) std::tie(out.last_affordable[p], out.last_rho[p]) = std::move(*last);
        }
        gather(p);
        mpz_int total = 0;
        for (const auto& g : groups_) {
          bring_up(g.cls);
          mpz_addmul_ui(total.backend().data(), x_[g.cls].backend().data(), g.w);
        }
        out.supporters_left[p] = to_rational(total, d_.back());
      }
    }
    return out;
  }

  // While nobody has run out of money, each voter has e minus the full shares they paid, and
  // shares do not depend on e; so p, unaffordable now with money T among its S supporters
  // (weighted), stays unaffordable for every endowment below e + (cost − T) / S, and nothing
  // else in the run can change below the smallest such bound. (The poor split left T exact.)
  void note_unaffordable(project_index p) {
    if (!skip_possible_ || any_poor_) return;
    std::uint64_t supporters = 0;
    for (const auto& g : groups_) supporters += g.w;
    if (supporters == 0) {
      skip_possible_ = false;
      return;
    }
    // bound − e = (cost·D − T·D) / (D·S), kept as an unreduced fraction: one gcd per run, not
    // per project.
    mpz_mul_si(t1_.backend().data(), d_.back().backend().data(), inst_[p].cost);
    mpz_sub(t1_.backend().data(), t1_.backend().data(), scratch_.paid.backend().data());
    mpz_mul_ui(t2_.backend().data(), d_.back().backend().data(), supporters);
    if (until_known_) {  // keep the smaller: t1/t2 < num/den
      mpz_mul(t3_.backend().data(), t1_.backend().data(), until_den_.backend().data());
      mpz_mul(t4_.backend().data(), until_num_.backend().data(), t2_.backend().data());
      if (mpz_cmp(t3_.backend().data(), t4_.backend().data()) >= 0) return;
    }
    until_known_ = true;
    std::swap(until_num_, t1_);
    std::swap(until_den_, t2_);
  }

  // Ties of the last run: (round, projects of equal ρ).
  [[nodiscard]] auto ties() const -> const std::vector<std::pair<std::size_t, std::vector<project_index>>>& { return ties_; }

 private:
  struct group {
    std::uint32_t cls;
    std::int64_t k;
    std::uint64_t w;
  };
  // A project's ρ: bounds lo ≤ ρ ≤ hi always; num / den (not reduced) once `exact`.
  struct rho_value {
    mpz_int num, den;
    double lo = 0, hi = 0;
    bool exact = false;
    bool computed = false;     // evaluated at least once in this run
    std::vector<group> poor;   // at the last evaluation: who pays all they have
    bool released = false;     // `poor` was let go before ρ was made exact
    std::uint64_t rich_k = 0;  // and Σ k·w of those who pay the full share
    mpz_int paid;              // once exact: what the poor pay, × D of the round it was made exact
  };

  static auto to_rational(const mpz_int& num, const mpz_int& den) -> rational {
    rational q;
    mpq_set_num(q.backend().data(), num.backend().data());
    mpq_set_den(q.backend().data(), den.backend().data());
    mpq_canonicalize(q.backend().data());
    return q;
  }

  static void set_exact_bounds(rho_value& r) {
    std::tie(r.lo, r.hi) = value_bounds(r.num, r.den);
    r.exact = true;
  }

  // Exact sign of a − b.
  auto compare(const rho_value& a, const rho_value& b) -> int {
    mpz_mul(t1_.backend().data(), a.num.backend().data(), b.den.backend().data());
    mpz_mul(t2_.backend().data(), b.num.backend().data(), a.den.backend().data());
    return mpz_cmp(t1_.backend().data(), t2_.backend().data());
  }

  void reset(const rational& endowment) {
    const auto n = inst_.size();
    if (total_k_.size() != n) {
      total_k_.assign(n, 0);
      initial_bounds_.assign(n, {0, 0});
      for (project_index p = 0; p < n; ++p) {
        std::uint64_t t = 0;
        for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s)
          t = checked_sum(t, checked_product(in_.k_at(s), in_.weight[in_.row[s]]));
        total_k_[p] = t;
        if (t > 0) initial_bounds_[p] = value_bounds(mpz_int(inst_[p].cost), mpz_int(t) * in_.scale[p]);
      }
      rho_.resize(n);
    }
    // Class 0 is "no money left"; class 1 holds every voter at the start.
    // The last run's numbers become spares: their limbs are reused, not freed and allocated again.
    for (std::size_t c = 1; c < x_.size(); ++c)
      if (rows_in_[c] > 0) retire(x_[c]);  // the others were retired when their last row left
    x_.resize(2);
    reserve_classes(std::min<std::size_t>(4 * in_.rows + 16, std::size_t{1} << 16));
    x_[0] = 0;
    x_[1] = boost::multiprecision::numerator(endowment);
    bounds_.assign(2, {0, 0});
    bounds_[1] = value_bounds(x_[1], boost::multiprecision::denominator(endowment));
    epoch_.assign(2, 0);
    d_.assign(1, boost::multiprecision::denominator(endowment));
    factor_at_.assign(1, no_round);
    row_class_.assign(in_.rows, x_[1].is_zero() ? 0 : 1);
    parent_.assign(2, 0);
    born_.assign(2, 0);
    value_.clear();
    if (details_) {
      value_ = {mpz_int(0), x_[1]};
      zero_class_.assign(in_.rows, 0);
      zero_child_.assign(2, 0);
    }
    rows_in_.assign(2, 0);
    rows_in_[x_[1].is_zero() ? 0 : 1] = static_cast<std::uint32_t>(in_.rows);  // < 2^32: make_mes_input checks
    acc_.assign(2, 0);
  }

  static auto checked_product(std::int64_t k, std::uint64_t w) -> std::uint64_t {
    std::uint64_t r = 0;
    if (__builtin_mul_overflow(static_cast<std::uint64_t>(k), w, &r))
      throw usage_error("MES: total satisfaction of a project overflows 64 bits");
    return r;
  }
  static auto checked_sum(std::uint64_t a, std::uint64_t b) -> std::uint64_t {
    std::uint64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw usage_error("MES: total satisfaction of a project overflows 64 bits");
    return r;
  }

  // Relative slack covering every rounding of a sum of n products of bounds in doubles (and the
  // conversions of k, w and K to double): 8·(n + 4)·2⁻⁵³ is far above the textbook n·u bound.
  static auto sum_slack(std::size_t n) -> double { return 8.0 * (static_cast<double>(n) + 4.0) * 0x1p-53; }

  // Doubles lo ≤ num/den ≤ hi: both parts to double with their exponents (they may be far beyond
  // a double's range), the quotient widened by 2⁻⁴⁰, far more than its rounding.
  static auto value_bounds(const mpz_int& num, const mpz_int& den) -> std::pair<double, double> {
    if (num.is_zero()) return {0, 0};
    long en = 0, ed = 0;
    const double mn = mpz_get_d_2exp(&en, num.backend().data());
    const double md = mpz_get_d_2exp(&ed, den.backend().data());
    const double v = std::ldexp(mn / md, static_cast<int>(en - ed));
    return {v * (1 - 0x1p-40), v * (1 + 0x1p-40)};
  }

  // Class c's numerator over the current denominator.
  void bring_up(std::uint32_t c) {
    const auto now = static_cast<std::uint32_t>(d_.size() - 1);
    if (epoch_[c] == now) return;
    if (!x_[c].is_zero()) {
      auto& f = factor_[epoch_[c]];
      if (factor_at_[epoch_[c]] != now) {
        factor_at_[epoch_[c]] = now;
        mpz_divexact(f.backend().data(), d_[now].backend().data(), d_[epoch_[c]].backend().data());
      }
      // Room for several more rounds at once: growing one limb at a time is mostly realloc.
      auto* z = x_[c].backend().data();
      const auto need = static_cast<int>(mpz_size(z) + mpz_size(f.backend().data()) + 1);
      if (z->_mp_alloc < need) mpz_realloc2(z, static_cast<mp_bitcnt_t>(need + 8) * GMP_NUMB_BITS);
      x_[c] *= f;
    }
    epoch_[c] = now;
  }

  // p's supporters grouped by (class, k), voters with no money left dropped, numerators current.
  void gather(project_index p) {
    groups_.clear();
    if (in_.unit_k) {
      // Plain stores into tables as long as p's supporters (the hottest loop of MES).
      const auto supporters = in_.start[p + 1] - in_.start[p];
      if (touched_.size() < supporters) touched_.resize(supporters);
      groups_.resize(supporters);
      auto* const touched = touched_.data();
      std::size_t m = 0, out = 0;
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        const auto r = in_.row[s];
        const auto c = row_class_[r];
        if (acc_[c] == 0) touched[m++] = c;
        acc_[c] += in_.weight[r];
      }
      for (std::size_t i = 0; i < m; ++i) {
        const auto c = touched[i];
        if (c != 0) groups_[out++] = {c, 1, acc_[c]};
        acc_[c] = 0;
      }
      groups_.resize(out);
    } else {
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        const auto r = in_.row[s];
        if (row_class_[r] != 0) groups_.push_back({row_class_[r], in_.k[s], in_.weight[r]});
      }
      std::sort(groups_.begin(), groups_.end(),
                [](const group& a, const group& b) { return a.cls != b.cls ? a.cls < b.cls : a.k < b.k; });
      std::size_t out = 0;
      for (std::size_t i = 0; i < groups_.size(); ++i) {
        if (out > 0 && groups_[out - 1].cls == groups_[i].cls && groups_[out - 1].k == groups_[i].k)
          groups_[out - 1].w += groups_[i].w;
        else
          groups_[out++] = groups_[i];
      }
      groups_.resize(out);
    }
  }

  // The smallest ρ at which p's supporters can pay for it (into rho_[p]), or false if they cannot.
  // With the share π = (cost·D − paid) / K over the K units of k of those still "rich", anyone
  // with x < π·k cannot pay it and pays all they have; that raises π, so repeat until nobody
  // else falls short (pabutools' affordability_poor_rich; the same π as sorting by x/k and
  // walking, without the sort). If everyone falls short, the supporters cannot afford p.
  // An unaffordable project keeps the ρ of its last affordable evaluation (for explanations).
  auto evaluate(project_index p) -> bool {
    gather(p);
    auto& r = scratch_;
    r.released = false;
    if (!split_by_bounds(p, r)) {
      split_exactly(p, r);
      if (r.rich_k != 0) {
        mpz_sub(r.num.backend().data(), cost_d_.backend().data(), r.paid.backend().data());
        mpz_mul_ui(r.den.backend().data(), d_.back().backend().data(), r.rich_k);
        mpz_mul_ui(r.den.backend().data(), r.den.backend().data(), static_cast<unsigned long>(in_.scale[p]));
        set_exact_bounds(r);
        r.poor.assign(groups_.begin(), groups_.begin() + static_cast<std::ptrdiff_t>(poor_count_));
      }
    }
    if (r.rich_k == 0) return false;
    // Someone short of the share makes ρ depend on the endowment: no skipping ahead (see note_unaffordable).
    if (!r.poor.empty()) any_poor_ = true;
    r.computed = true;
    std::swap(rho_[p], r);
    return true;
  }

  // Exact ρ from the split the bounds found: the poor's money, brought to today's denominator.
  void make_exact(project_index p) {
    auto& r = rho_[p];
    if (r.exact) return;
    PPB_ASSERT(!r.released);  // a released list is never needed again
    make_exact_paid(r);
    mpz_mul_si(r.num.backend().data(), d_.back().backend().data(), inst_[p].cost);
    r.num -= r.paid;
    PPB_ASSERT(r.num > 0);
    mpz_mul_ui(r.den.backend().data(), d_.back().backend().data(), r.rich_k);
    mpz_mul_ui(r.den.backend().data(), r.den.backend().data(), static_cast<unsigned long>(in_.scale[p]));
    const auto [lo, hi] = value_bounds(r.num, r.den);
    PPB_ASSERT(lo <= r.hi && hi >= r.lo);  // the exact value lies within the bounds it had
    set_exact_bounds(r);
  }

  // The poor/rich split in exact integers: groups_ becomes [poor..., rich...], and rho_[p] gets
  // what the poor pay (× D) and the rich's Σ k·w (0 if nobody can pay the share).
  void split_exactly(project_index p, rho_value& r) {
    std::uint64_t rich_k = 0;
    for (const auto& g : groups_) {
      bring_up(g.cls);
      rich_k = checked_sum(rich_k, checked_product(g.k, g.w));
    }
    mpz_mul_si(cost_d_.backend().data(), d_.back().backend().data(), inst_[p].cost);
    mpz_t& due = t1_.backend().data();  // cost·D − paid
    mpz_set(due, cost_d_.backend().data());
    mpz_set_ui(r.paid.backend().data(), 0);
    auto rich_begin = groups_.begin();
    for (;;) {
      if (rich_begin == groups_.end()) {
        r.rich_k = 0;
        return;
      }
      // Poor iff x·K < due·k; for k = 1 iff x < ⌈due / K⌉.
      mpz_cdiv_q_ui(t2_.backend().data(), due, rich_k);
      const auto falls_short = [&](const group& g) {
        if (g.k == 1) return mpz_cmp(x_[g.cls].backend().data(), t2_.backend().data()) < 0;
        mpz_mul_ui(t3_.backend().data(), x_[g.cls].backend().data(), rich_k);
        mpz_mul_si(t4_.backend().data(), due, g.k);
        return mpz_cmp(t3_.backend().data(), t4_.backend().data()) < 0;
      };
      const auto split = std::partition(rich_begin, groups_.end(), falls_short);
      if (split == rich_begin) break;
      for (auto it = rich_begin; it != split; ++it) {
        mpz_addmul_ui(r.paid.backend().data(), x_[it->cls].backend().data(), it->w);
        rich_k -= checked_product(it->k, it->w);
      }
      mpz_sub(due, cost_d_.backend().data(), r.paid.backend().data());
      rich_begin = split;
      PPB_ASSERT(mpz_sgn(due) > 0);  // each who fell short had less than the share: the rest remains
    }
    r.rich_k = rich_k;
    poor_count_ = static_cast<std::size_t>(rich_begin - groups_.begin());
  }

  // The same split decided with each class's money known only within [lo, hi] (doubles with a
  // proven error bound), touching exact integers only for the poor. Returns false, deciding
  // nothing, when some group is too close to the share to tell; the exact split then decides.
  // Why it is exact when it answers: a group is called poor only if even the largest share the
  // bounds allow is above its money, and rich only if the smallest share is below; and the share
  // only grows as groups turn out poor, so earlier verdicts stay right.
  auto split_by_bounds(project_index p, rho_value& r) -> bool {
    const double cost = static_cast<double>(inst_[p].cost);
    const double slack = sum_slack(groups_.size());
    double rich_k = 0, paid_lo = 0, paid_hi = 0;
    for (const auto& g : groups_) rich_k += static_cast<double>(g.k) * static_cast<double>(g.w);
    auto rich_begin = groups_.begin();
    for (;;) {
      if (rich_begin == groups_.end()) break;  // nobody can pay: the exact split confirms it cheaply
      const double lo_paid = paid_lo * (1 - slack), hi_paid = paid_hi * (1 + slack);
      const double share_lo = (cost - hi_paid) / rich_k * (1 - slack);
      const double share_hi = (cost - lo_paid) / rich_k * (1 + slack);
      if (!(share_lo > 0)) return false;
      bool unsure = false;
      const auto falls_short = [&](const group& g) {
        const double k = static_cast<double>(g.k);
        const auto [lo, hi] = bounds_[g.cls];
        if (hi < share_lo * k * (1 - slack)) return true;
        if (!(lo >= share_hi * k * (1 + slack))) unsure = true;
        return false;
      };
      const auto split = std::partition(rich_begin, groups_.end(), falls_short);
      if (split == rich_begin) {
        if (unsure) return false;
        break;
      }
      for (auto it = rich_begin; it != split; ++it) {
        const double w = static_cast<double>(it->w);
        paid_lo += bounds_[it->cls].first * w;
        paid_hi += bounds_[it->cls].second * w;
        rich_k -= static_cast<double>(it->k) * w;
      }
      rich_begin = split;
    }
    r.poor.assign(groups_.begin(), rich_begin);
    if (rich_begin == groups_.end()) {
      // Everyone falls short: unaffordable exactly when the poor's money is below the cost.
      make_exact_paid(r);
      mpz_mul_si(cost_d_.backend().data(), d_.back().backend().data(), inst_[p].cost);
      if (mpz_cmp(r.paid.backend().data(), cost_d_.backend().data()) >= 0) return false;
      r.rich_k = 0;
      return true;
    }
    std::uint64_t exact_rich_k = 0;
    for (auto it = rich_begin; it != groups_.end(); ++it)
      exact_rich_k = checked_sum(exact_rich_k, checked_product(it->k, it->w));
    r.rich_k = exact_rich_k;
    // ρ = share / scale within bounds: the share's, widened for the division and K's conversion.
    const double scale = static_cast<double>(in_.scale[p]), k = static_cast<double>(exact_rich_k);
    const double lo_paid = paid_lo * (1 - slack), hi_paid = paid_hi * (1 + slack);
    r.lo = (cost - hi_paid) / k / scale * (1 - slack);
    r.hi = (cost - lo_paid) / k / scale * (1 + slack);
    r.exact = false;
    return r.lo > 0;
  }

  void make_exact_paid(rho_value& r) {
    mpz_set_ui(r.paid.backend().data(), 0);
    for (const auto& g : r.poor) {
      bring_up(g.cls);
      mpz_addmul_ui(r.paid.backend().data(), x_[g.cls].backend().data(), g.w);
    }
  }

  // Room for n classes in every per-class table, so that a run's first thousands of classes do
  // not move them again and again (each move of a large table is fresh pages from the system).
  void reserve_classes(std::size_t n) {
    x_.reserve(n);
    parent_.reserve(n);
    born_.reserve(n);
    if (details_) {
      value_.reserve(n);
      zero_child_.reserve(n);
    }
    rows_in_.reserve(n);
    bounds_.reserve(n);
    epoch_.reserve(n);
    acc_.reserve(n);
  }

  // Weights summed per class, densely: `each(add)` calls add(class, w) for every item, then
  // emit(class, Σ w) runs once per class, in the order first seen. (gather does the same inline,
  // with plain stores: it is the hottest loop.)
  template <class Each, class Emit>
  void merge_by_class(Each&& each, Emit&& emit) {
    touched_.clear();
    each([&](std::uint32_t c, std::uint64_t w) {
      if (acc_[c] == 0) touched_.push_back(c);
      acc_[c] += w;
    });
    for (auto c : touched_) {
      emit(c, acc_[c]);
      acc_[c] = 0;
    }
  }

  // A class born this round from `parent` with numerator `x` (bounds and value set by the caller
  // when x is not 0); it holds no rows yet.
  auto add_class(std::uint32_t parent, mpz_int x) -> std::uint32_t {
    const auto c = static_cast<std::uint32_t>(x_.size());
    x_.push_back(std::move(x));
    parent_.push_back(parent);
    born_.push_back(static_cast<std::uint32_t>(d_.size() - 1));
    if (details_) {
      value_.emplace_back();
      zero_child_.push_back(0);
    }
    rows_in_.push_back(0);
    bounds_.emplace_back(0, 0);
    epoch_.push_back(born_.back());
    acc_.push_back(0);
    return c;
  }

  // A row changes class; a class no row is in any more frees its number (never read again).
  void move_row(std::uint32_t row, std::uint32_t to) {
    const auto from = row_class_[row];
    if (to == 0 && details_) zero_class_[row] = zero_child_[from];
    row_class_[row] = to;
    ++rows_in_[to];
    if (--rows_in_[from] == 0 && from != 0) retire(x_[from]);
  }

  // p's supporters pay: ρ·scale·k each, or all they have. Uses p's evaluation of this round.
  void pay(project_index p, mes_round* record) {
    const auto& r = rho_[p];
    gather(p);
    for (const auto& g : groups_) bring_up(g.cls);  // before the new denominator is pushed
    // share × D = (cost·D − paid) / rich_k; a rich voter's new money over D' = D·rich_k is
    // x·rich_k − (cost·D − paid)·k.
    mpz_int due_d;  // (cost·D − paid)
    mpz_mul_si(due_d.backend().data(), d_.back().backend().data(), inst_[p].cost);
    due_d -= r.paid;
    mpz_int next_d = d_.back();
    next_d *= static_cast<unsigned long>(r.rich_k);
    d_.push_back(next_d);
    factor_at_.assign(d_.size(), no_round);
    if (factor_.size() < d_.size()) factor_.resize(d_.size());
    const auto now = static_cast<std::uint32_t>(d_.size() - 1);
    mpz_int poor_paid = 0;
    std::uint64_t rich_k = 0, rich_w = 0, poor_w = 0;
    moved_.clear();
    for (const auto& g : groups_) {
      mpz_mul_si(t1_.backend().data(), due_d.backend().data(), g.k);
      mpz_mul_ui(t2_.backend().data(), x_[g.cls].backend().data(), r.rich_k);
      std::uint32_t to = 0;
      if (mpz_cmp(t1_.backend().data(), t2_.backend().data()) <= 0) {
        to = add_class(g.cls, spare());
        mpz_sub(x_[to].backend().data(), t2_.backend().data(), t1_.backend().data());
        bounds_[to] = value_bounds(x_[to], d_.back());
        if (details_) value_[to] = x_[to];
        rich_k += static_cast<std::uint64_t>(g.k) * g.w;
        rich_w += g.w;
      } else {
        mpz_addmul_ui(poor_paid.backend().data(), x_[g.cls].backend().data(), g.w);
        if (!x_[g.cls].is_zero()) poor_w += g.w;  // who paid in full down to 0 pays nothing now
        if (details_ && born_[zero_child_[g.cls]] != now) {  // none yet this round (0 is class 0, born in round 0)
          const auto z = add_class(g.cls, mpz_int());
          zero_child_[g.cls] = z;
        }
      }
      moved_.push_back({g.cls, g.k, to});
    }
    // The same split as the evaluation: the cost is paid exactly, nobody pays more than they have.
    PPB_ASSERT(rich_k == r.rich_k && poor_paid == r.paid);
    if (in_.unit_k) {
      // One k per class: a dense map from old class to new.
      for (const auto& [from, k, to] : moved_) acc_[from] = to + std::uint64_t{1};
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        const auto row = in_.row[s];
        if (row_class_[row] != 0) move_row(row, static_cast<std::uint32_t>(acc_[row_class_[row]] - 1));
      }
      for (const auto& [from, k, to] : moved_) acc_[from] = 0;
    } else {
      std::sort(moved_.begin(), moved_.end());
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        const auto row = in_.row[s];
        const auto c = row_class_[row];
        if (c == 0) continue;
        const auto it = std::lower_bound(moved_.begin(), moved_.end(), std::make_tuple(c, in_.k[s], std::uint32_t{0}));
        PPB_ASSERT(it != moved_.end() && std::get<0>(*it) == c && std::get<1>(*it) == in_.k[s]);
        move_row(row, std::get<2>(*it));
      }
    }
    if (record) {
      record->project = p;
      record->rho = to_rational(r.num, r.den);
      record->share = to_rational(due_d, d_[now - 1] * mpz_int(r.rich_k));
      record->full_payers = rich_w;
      record->full_units = rich_k;
      record->all_in_payers = poor_w;
      record->all_in_paid = to_rational(poor_paid, d_[now - 1]);
    }
  }

  // Where p's supporters last could afford it, for the explanation of an unfunded p (details
  // only): (rounds paid then, the ρ it needed then), or none if they never could. The scan skips
  // projects whose ρ cannot win, so this is found afterwards from the classes' genealogy: a
  // class's money never changes, and a row only ever moves to a class born from its own (a row
  // that runs out of money: to class 0, remembering the moneyless class born then from the one
  // it left), so a row's money after t rounds is that of the ancestor of its class alive then.
  // Money only falls, so the supporters' total after t rounds falls with t: it is found for
  // every t at once from the classes on the supporters' lines (in floating-point bounds, with
  // the rounding of the sums bounded); exact integers decide only rounds too close to call. ρ
  // in the last affordable round is computed as `direct` MES does (those short of the share pay
  // all they have).
  auto last_affordable(project_index p) -> std::optional<std::pair<std::uint32_t, rational>> {
    // p's supporters merged by the class they are in at the end, or ran out of money in.
    const auto final_class = [&](std::uint32_t row) { return row_class_[row] != 0 ? row_class_[row] : zero_class_[row]; };
    struct key {
      std::uint32_t cls;
      std::uint64_t w;
    };
    std::vector<key> keys;
    merge_by_class(
        [&](auto&& add) {
          for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s)
            if (const auto c = final_class(in_.row[s]); c != 0) add(c, in_.weight[in_.row[s]]);  // 0: never had money
        },
        [&](std::uint32_t c, std::uint64_t w) { keys.push_back({c, w}); });
    const auto class_at = [&](std::uint32_t c, std::uint32_t t) {
      while (born_[c] > t) c = parent_[c];
      return c;
    };

    // The supporters' total after t rounds: their classes' common ancestor's money, less, for
    // every class born by then on their lines, what its rows paid (its money minus its parent's)
    // times the supporters below it. Each class is visited once, children before parents, in
    // the classes' floating-point bounds; `err` bounds the rounding of the sums.
    const auto rounds = static_cast<std::uint32_t>(d_.size() - 1);
    std::vector<std::uint32_t> lines;  // every class on a supporter's line
    std::vector<bool> seen(x_.size(), false);
    for (const auto& g : keys) {
      acc_[g.cls] = g.w;
      for (auto c = g.cls; !seen[c]; c = parent_[c]) {
        seen[c] = true;
        lines.push_back(c);
        if (born_[c] == 0) break;
      }
    }
    // Latest born first (a parent is born before its children): a counting sort by round.
    std::vector<std::uint32_t> first(rounds + 2, 0), by_born(lines.size());
    for (auto c : lines) ++first[born_[c] + 1];
    for (std::uint32_t t = 0; t <= rounds; ++t) first[t + 1] += first[t];
    for (auto c : lines) by_born[first[born_[c]]++] = c;  // first[t] ends as where round t ends
    std::vector<double> lo_step(rounds + 1, 0.0), hi_step(rounds + 1, 0.0);
    double magnitude = 0;  // Σ |terms|
    for (auto it = by_born.rbegin(); it != by_born.rend(); ++it) {
      const auto c = *it;
      const double w = static_cast<double>(acc_[c]);
      const auto born = born_[c];
      double lo = bounds_[c].first, hi = bounds_[c].second;
      if (born > 0) {
        const auto up = parent_[c];
        acc_[up] += acc_[c];
        lo -= bounds_[up].second;
        hi -= bounds_[up].first;
      }
      acc_[c] = 0;
      lo_step[born] += lo * w;
      hi_step[born] += hi * w;
      magnitude += std::max(std::abs(lo), std::abs(hi)) * w;
    }
    const double err = sum_slack(lines.size() + rounds + 2) * 2 * magnitude;
    const double cost = static_cast<double>(inst_[p].cost);
    const double cost_lo = cost * (1 - 0x1p-50), cost_hi = cost * (1 + 0x1p-50);
    // Affordable surely up to `sure` rounds (−1: not even at the start), surely not from `never`.
    std::int64_t sure = -1;
    std::uint32_t never = rounds + 1;
    double total_lo = 0, total_hi = 0;
    for (std::uint32_t t = 0; t <= rounds; ++t) {
      total_lo += lo_step[t];
      total_hi += hi_step[t];
      if (total_lo - err >= cost_hi) sure = t;
      if (total_hi + err < cost_lo) {
        never = t;
        break;
      }
    }

    // Money after t rounds in integers over D[t] (a multiple of every earlier D): a class's
    // money × D[born] times D[t] / D[born].
    std::map<std::uint32_t, mpz_int> factor;  // born → D[t] / D[born], for the t being looked at
    const auto numerator_at = [&](std::uint32_t c, std::uint32_t t, mpz_int& out) {
      auto [it, fresh] = factor.try_emplace(born_[c]);
      if (fresh) mpz_divexact(it->second.backend().data(), d_[t].backend().data(), d_[born_[c]].backend().data());
      mpz_mul(out.backend().data(), value_[c].backend().data(), it->second.backend().data());
    };
    const auto affordable_exactly = [&](std::uint32_t t) {  // Σ money ≥ cost after t rounds
      factor.clear();
      mpz_int total = 0;
      for (const auto& g : keys) {
        const auto c = class_at(g.cls, t);
        if (value_[c].is_zero()) continue;
        numerator_at(c, t, t3_);
        mpz_addmul_ui(total.backend().data(), t3_.backend().data(), g.w);
      }
      mpz_mul_si(t4_.backend().data(), d_[t].backend().data(), inst_[p].cost);
      return total >= t4_;
    };
    if (sure < 0) {
      if (never == 0 || !affordable_exactly(0)) return std::nullopt;
      sure = 0;
    }
    auto lo = static_cast<std::uint32_t>(sure), hi = never;  // affordable after lo rounds, not after hi
    while (hi - lo > 1) {
      const auto mid = lo + (hi - lo) / 2;
      (affordable_exactly(mid) ? lo : hi) = mid;
    }

    // ρ after lo rounds as `direct` MES computes it, over the supporters merged per (class, k).
    struct holding {
      std::uint32_t cls;
      std::int64_t k;
      std::uint64_t w;
      mpz_int x;  // money × D[lo]
    };
    std::vector<holding> held;
    if (in_.unit_k) {
      merge_by_class(
          [&](auto&& add) {
            for (const auto& g : keys)
              if (const auto c = class_at(g.cls, lo); !value_[c].is_zero()) add(c, g.w);
          },
          [&](std::uint32_t c, std::uint64_t w) { held.push_back({c, 1, w, {}}); });
    } else {
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        const auto row = in_.row[s];
        if (const auto c = class_at(final_class(row), lo); !value_[c].is_zero()) held.push_back({c, in_.k[s], in_.weight[row], {}});
      }
      std::sort(held.begin(), held.end(), [](const holding& a, const holding& b) { return std::tie(a.cls, a.k) < std::tie(b.cls, b.k); });
      std::size_t merged = 0;
      for (std::size_t i = 0; i < held.size(); ++i) {
        if (merged > 0 && held[merged - 1].cls == held[i].cls && held[merged - 1].k == held[i].k) held[merged - 1].w += held[i].w;
        else held[merged++] = std::move(held[i]);
      }
      held.resize(merged);
    }
    std::uint64_t units = 0;
    factor.clear();
    for (auto& g : held) {
      units = checked_sum(units, checked_product(g.k, g.w));
      numerator_at(g.cls, lo, g.x);
    }
    // Those short of the share pay all they have, which raises it: repeat until nobody else falls
    // short (the same split as walking them by money per unit of satisfaction; see split_exactly).
    mpz_int due;  // cost × D[lo] minus what those short of the share pay
    mpz_mul_si(due.backend().data(), d_[lo].backend().data(), inst_[p].cost);
    for (auto rich = held.begin();;) {
      const auto split = std::partition(rich, held.end(), [&](const holding& g) {
        mpz_mul_ui(t1_.backend().data(), g.x.backend().data(), units);
        mpz_mul_si(t2_.backend().data(), due.backend().data(), g.k);
        return mpz_cmp(t1_.backend().data(), t2_.backend().data()) < 0;
      });
      if (split == rich) break;
      for (auto it = rich; it != split; ++it) {
        mpz_submul_ui(due.backend().data(), it->x.backend().data(), it->w);
        units -= checked_product(it->k, it->w);
      }
      rich = split;
    }
    PPB_ASSERT(units > 0 && due > 0);
    mpz_mul_ui(t1_.backend().data(), d_[lo].backend().data(), units);
    mpz_mul_ui(t1_.backend().data(), t1_.backend().data(), static_cast<unsigned long>(in_.scale[p]));
    return std::pair{lo, to_rational(due, t1_)};
  }

  const instance& inst_;
  const mes_input& in_;
  std::span<const std::uint32_t> priority_;
  std::vector<std::uint64_t> total_k_;                 // per project: Σ k·w of its supporters
  std::vector<std::pair<double, double>> initial_bounds_;  // per project: bounds of its first ρ
  std::vector<rho_value> rho_;
  rho_value scratch_;  // the evaluation under way
  bool any_poor_ = false, skip_possible_ = false;
  bool until_known_ = false;  // the smallest bound so far is endowment + until_num_ / until_den_
  mpz_int until_num_, until_den_;
  std::vector<mpz_int> x_;              // per class: numerator
  std::vector<std::pair<double, double>> bounds_;  // per class: money x / D within [lo, hi]
  std::vector<std::uint32_t> epoch_;    // per class: the round whose denominator x is over
  std::vector<mpz_int> d_;              // per round: the common denominator
  // d_.back() / d_[e], computed when first needed: valid while factor_at_[e] is the round now.
  std::vector<mpz_int> factor_;
  std::vector<std::uint32_t> factor_at_;
  static constexpr std::uint32_t no_round = std::numeric_limits<std::uint32_t>::max();
  // Numbers of dead classes, kept for new ones so their limbs are reused rather than freed and
  // allocated again; at most max_spares, so a huge election does not hold its dead classes' memory.
  std::vector<mpz_int> spares_;
  static constexpr std::size_t max_spares = 4096;
  // A dead class's number: to the spares (its slot is never read again), or freed.
  void retire(mpz_int& x) {
    if (spares_.size() < max_spares) spares_.push_back(std::move(x));
    else mpz_int().swap(x);
  }
  auto spare() -> mpz_int {
    if (spares_.empty()) return mpz_int();
    mpz_int x = std::move(spares_.back());
    spares_.pop_back();
    return x;
  }
  std::vector<std::uint32_t> row_class_;
  bool details_ = false;
  // Genealogy of the classes, for `last_affordable`: the class each was split from, the round it
  // was born in (its money is that of the round's payments), and (details only) that money.
  std::vector<std::uint32_t> parent_, born_;
  std::vector<mpz_int> value_;  // per class: its money × D of the round it was born in
  // Details only. A row in class 0: the moneyless class it ran out in (0: it never had money),
  // born that round from the class it left; and per class, its latest such moneyless child.
  std::vector<std::uint32_t> zero_class_, zero_child_;
  std::vector<std::uint32_t> rows_in_;  // per class: how many rows are in it
  std::vector<std::uint64_t> acc_;
  std::vector<std::uint32_t> touched_;
  std::vector<group> groups_;
  std::vector<std::tuple<std::uint32_t, std::int64_t, std::uint32_t>> moved_;
  mpz_int t1_, t2_, t3_, t4_, cost_d_;
  std::size_t poor_count_ = 0;  // groups_ begins with this many poor after split_exactly
  std::vector<std::pair<std::size_t, std::vector<project_index>>> ties_;
};

inline auto is_exhaustive(const instance& inst, const mes_input& in, const mes_run& run) -> bool {
  std::vector<bool> funded(inst.size(), false);
  for (auto p : run.selected) funded[p] = true;
  for (project_index p = 0; p < inst.size(); ++p)
    if (in.candidate[p] && !funded[p] && run.cost + inst[p].cost <= inst.budget) return false;
  return true;
}

inline auto funds_every_candidate(const instance& inst, const mes_input& in, const mes_run& run) -> bool {
  std::size_t candidates = 0;
  for (project_index p = 0; p < inst.size(); ++p) candidates += in.candidate[p];
  return run.selected.size() == candidates + in.free.size();
}

// How many more steps of `unit` above `endowment` still give `run` unchanged (0 when unknown).
inline auto steps_to(const mes_run& run, const rational& endowment, money unit) -> std::uint64_t {
  if (!run.same_until) return 0;
  const rational gap = (*run.same_until - endowment) / unit;
  // The last step strictly below the bound: ⌈gap⌉ − 1.
  mpz_int steps;
  mpz_cdiv_q(steps.backend().data(), boost::multiprecision::numerator(gap).backend().data(),
             boost::multiprecision::denominator(gap).backend().data());
  return steps <= 1 ? 0 : (steps - 1).convert_to<std::uint64_t>();
}

inline auto pow10(int places) -> money {
  money u = 1;
  for (int i = 0; i < places; ++i) u *= 10;
  return u;
}

// Voters (weighted) with more funded projects on their ballot under `a` than under `b`.
inline auto prefer_count(const profile& prof, const std::vector<bool>& a, const std::vector<bool>& b) -> std::uint64_t {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto v = prof[i];
    std::int64_t diff = 0;
    for (auto p : v.items) diff += static_cast<int>(a[p]) - static_cast<int>(b[p]);
    if (diff > 0) n += v.weight;
  }
  return n;
}

// ρ for people: exact when short ("7/240"), else six significant digits ("≈0.00386863").
inline auto rho_text(const rational& q) -> std::string {
  const auto s = q.str();
  if (s.size() <= 15) return s;
  char buf[40];
  std::snprintf(buf, sizeof buf, "≈%.6g", q.convert_to<double>());
  return buf;
}

inline auto funded_flags(std::size_t n, const std::vector<project_index>& selected) -> std::vector<bool> {
  std::vector<bool> f(n, false);
  for (auto p : selected) f[p] = true;
  return f;
}

}  // namespace detail

PPB_FUNC auto tally::method_of_equal_shares_detailed(const instance& inst, const profile& prof, const mes_options& opts)
    -> mes_result {
  if (opts.satisfaction == satisfaction_kind::points && prof.kind() == vote_type::ordinal)
    throw usage_error("MES with satisfaction points is not defined for ordinal ballots (use cost or cardinality)");
  const auto n = inst.size();
  const auto in = detail::make_mes_input(inst, prof, opts.satisfaction);
  const auto& t = in.totals;
  const auto priority = opts.tie.priority(inst, t.supporters);
  detail::mes_engine engine(inst, in, priority);
  const auto places = inst.money_places;
  const money unit = detail::pow10(places);
  const auto money_text = [&](money m) { return format_units(m, places); };
  const auto rational_text = [&](const rational& q) { return format_rational_units(q, places); };

  mes_result res;
  std::vector<std::string> notes;
  const bool add1 = std::find(opts.completion.begin(), opts.completion.end(), mes_completion::add1) != opts.completion.end();
  const bool add1_exhaustive =
      std::find(opts.completion.begin(), opts.completion.end(), mes_completion::add1_exhaustive) != opts.completion.end();
  const bool greedy_after = !opts.completion.empty() && opts.completion.back() == mes_completion::greedy;
  const std::uint64_t voters = std::max<std::uint64_t>(in.voters, 1);

  detail::mes_run run;
  rational endowment(inst.budget, voters);
  if (add1) {
    // Whole currency units per voter: ⌊B / n⌋, then one more while the outcome still fits.
    const money base = inst.budget / unit / static_cast<money>(voters) * unit;
    endowment = rational(base);
    run = engine.run(endowment, false);
    while (!detail::funds_every_candidate(inst, in, run)) {
      const auto jump = detail::steps_to(run, endowment, unit);  // endowments giving this same run
      endowment += rational(unit) * jump;
      res.budget_steps += static_cast<std::uint32_t>(jump);
      const rational next_endowment = endowment + unit;
      auto next = engine.run(next_endowment, false);
      if (next.cost > inst.budget) {
        notes.push_back("add1: at " + rational_text(next_endowment) + " per voter the outcome would cost " +
                        money_text(next.cost) + ", more than the budget");
        break;
      }
      endowment = next_endowment;
      run = std::move(next);
      ++res.budget_steps;
    }
    notes.insert(notes.begin(), "add1: every voter started at ⌊B/n⌋ = " + money_text(base) + "; raised " +
                                    std::to_string(res.budget_steps) + " times by 1 to " + rational_text(endowment));
  } else if (add1_exhaustive) {
    // Raise until exhaustive; if a raise overspends, the previous outcome stands.
    const rational start = endowment;
    for (;;) {
      auto current = engine.run(endowment, false);
      if (current.cost > inst.budget) {
        notes.push_back("add1-exhaustive: at " + rational_text(endowment) + " per voter the outcome would cost " +
                        money_text(current.cost) + ", more than the budget; the previous outcome stands");
        PPB_ASSERT(res.budget_steps > 0);  // B/n each never overspends
        endowment -= unit;
        --res.budget_steps;
        break;
      }
      if (detail::is_exhaustive(inst, in, current)) break;
      const auto jump = detail::steps_to(current, endowment, unit);  // endowments giving this same run
      endowment += rational(unit) * (jump + 1);
      res.budget_steps += static_cast<std::uint32_t>(jump + 1);
    }
    notes.insert(notes.begin(), "add1-exhaustive: every voter started at B/n = " + rational_text(start) + ", raised " +
                                    std::to_string(res.budget_steps) + " times by 1 to " + rational_text(endowment));
  }
  // The run the result comes from, again with the details only it needs.
  run = engine.run(endowment, true);
  res.per_voter_budget = endowment;

  outcome& out = res.result;
  out = tally::start_outcome(inst, t, "mes", std::string(satisfaction_name(opts.satisfaction)), opts.tie);
  for (project_index p = 0; p < n; ++p)
    out.projects[p].support = to_small_fraction(run.last_rho[p]).value_or(fraction{0, 1});
  money left = inst.budget;
  std::uint32_t rank = 0;
  for (auto p : in.free) {
    auto& r = out.projects[p];
    r.status = project_status::funded;
    r.rank = ++rank;
    r.reason = "costs nothing and " + std::to_string(in.supporters[p]) + " voters support it: funded first";
    out.selected.push_back(p);
    out.trace.push_back({rank, p, project_status::funded, left, "free project"});
  }
  for (std::size_t i = 0; i < run.rounds.size(); ++i) {
    const auto& rd = run.rounds[i];
    const auto p = rd.project;
    left -= inst[p].cost;
    auto& r = out.projects[p];
    r.status = project_status::funded;
    r.rank = ++rank;
    r.support = to_small_fraction(rd.rho).value_or(fraction{0, 1});
    const std::string per = in.unit_k ? " each" : " per point";
    std::string pays = std::to_string(rd.full_payers) + " paid " + rational_text(rd.share) + per;
    if (rd.all_in_payers > 0)
      pays += ", " + std::to_string(rd.all_in_payers) + " paid all they had left (" + rational_text(rd.all_in_paid) + " together)";
    r.reason = "round " + std::to_string(i + 1) + ": lowest ρ = " + detail::rho_text(rd.rho) + "; its supporters paid its cost " +
               money_text(inst[p].cost) + ": " + pays;
    out.selected.push_back(p);
    out.trace.push_back({rank, p, project_status::funded, left, "ρ = " + rd.rho.str() + "; " + pays});
  }
  res.mes_selected = out.selected;
  for (const auto& [round, projects] : engine.ties()) {
    auto ordered = projects;
    std::sort(ordered.begin(), ordered.end(), [&](project_index a, project_index b) { return priority[a] < priority[b]; });
    out.ties.push_back(tally::make_tie(inst, t.supporters, opts.tie, std::move(ordered),
                                       to_small_fraction(run.rounds[round - 1].rho).value_or(fraction{0, 1})));
  }
  for (project_index p = 0; p < n; ++p) {
    auto& r = out.projects[p];
    if (r.status == project_status::funded) continue;
    r.status = project_status::skipped;
    if (in.supporters[p] == 0) {
      r.reason = "nobody supports it";
      continue;
    }
    const rational& have = run.supporters_left[p];
    const rational short_by = rational(inst[p].cost) - have;
    r.reason = "not affordable: its " + std::to_string(in.supporters[p]) + " supporters had " + rational_text(have) +
               " left at the end, " + rational_text(short_by) + " short of its cost " + money_text(inst[p].cost);
    if (const auto last = run.last_affordable[p]) {
      const auto& winner = run.rounds.at(*last);
      r.reason += "; it would have needed ρ = " + detail::rho_text(run.last_rho[p]) + " in round " + std::to_string(*last + 1) +
                  ", which " + inst[winner.project].id + " won at ρ = " + detail::rho_text(winner.rho) +
                  ", and after its payments they could no longer pay it";
    } else if (in.candidate[p]) {
      r.reason += "; they never had enough, not even at the start (" + rational_text(res.per_voter_budget) + " each)";
    }
  }
  res.rounds = run.rounds;
  res.supporters_left = run.supporters_left;
  res.last_rho = run.last_rho;
  res.last_affordable = run.last_affordable;

  if (greedy_after) {
    greedy_options g;
    g.satisfaction = opts.satisfaction;
    g.per_cost = opts.satisfaction == satisfaction_kind::points;
    g.tie = opts.tie;
    g.already_funded = out.selected;
    const auto filled = tally::greedy(inst, prof, g);
    for (std::size_t i = out.selected.size(); i < filled.selected.size(); ++i) {
      const auto p = filled.selected[i];
      left -= inst[p].cost;
      auto& r = out.projects[p];
      r.status = project_status::funded;
      r.rank = ++rank;
      r.reason = "greedy completion (support " + filled.projects[p].support.to_string() + "): " + filled.projects[p].reason +
                 "; MES alone: " + r.reason;
      out.selected.push_back(p);
      out.trace.push_back({rank, p, project_status::funded, left, "greedy completion, support " + filled.projects[p].support.to_string()});
    }
  }
  out.spent = inst.budget - left;
  out.mark_ties_that_changed_outcome();
  out.notes = std::move(notes);
  if (!opts.completion.empty()) {
    std::string chain;
    for (auto c : opts.completion) chain += (chain.empty() ? "" : "+") + std::string(mes_completion_name(c));
    out.notes.insert(out.notes.begin(), "completion " + chain);
  }

  if (opts.comparison) {
    greedy_options g;
    g.satisfaction = satisfaction_kind::cost;
    g.tie = opts.tie;
    auto by_votes = tally::greedy(inst, prof, g);
    const auto mes_flags = detail::funded_flags(n, out.selected), greedy_flags = detail::funded_flags(n, by_votes.selected);
    res.prefer_mes = detail::prefer_count(prof, mes_flags, greedy_flags);
    res.prefer_greedy = detail::prefer_count(prof, greedy_flags, mes_flags);
    const std::string tally_text = std::to_string(res.prefer_greedy) + " voters have more funded projects under greedy, " +
                                   std::to_string(res.prefer_mes) + " under MES";
    if (res.prefer_greedy > res.prefer_mes) {
      res.comparison_chose_greedy = true;
      by_votes.rule = "mes";
      by_votes.notes = out.notes;
      by_votes.notes.push_back("comparison: " + tally_text + ", so the greedy outcome (by votes) replaces MES");
      out = std::move(by_votes);
    } else {
      out.notes.push_back("comparison: " + tally_text + ", so the MES outcome stands");
    }
  }
  return res;
}

PPB_FUNC auto tally::method_of_equal_shares(const instance& inst, const profile& prof, const mes_options& opts) -> outcome {
  return method_of_equal_shares_detailed(inst, prof, opts).result;
}

PPB_END_NAMESPACE

#endif
