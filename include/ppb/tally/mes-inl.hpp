// Definitions for tally/mes.hpp.
#ifndef PPB_TALLY_MES_INL_HPP
#define PPB_TALLY_MES_INL_HPP

#include <algorithm>
#include <cmath>
#include <tuple>
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
  std::vector<std::int64_t> k;
  bool unit_k = true;
  std::vector<std::int64_t> scale;
  std::vector<bool> candidate;          // positive cost and someone supports it
  std::vector<project_index> free;      // cost 0 and someone supports it: funded first
  std::vector<std::uint64_t> supporters;  // weighted
  std::uint64_t voters = 0;
  std::size_t rows = 0;
};

inline auto make_mes_input(const instance& inst, const profile& prof, satisfaction_kind sat) -> mes_input {
  const auto merged = prof.merge_identical();
  const auto n = inst.size();
  mes_input in;
  in.voters = merged.voters();
  in.rows = merged.size();
  in.weight.resize(merged.size());
  in.start.assign(n + 1, 0);
  const bool by_points = sat == satisfaction_kind::points && has_points(merged.kind());
  const auto supports = [&](const ballot_view& b, std::size_t j) { return !by_points || b.points[j] > 0; };
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const auto b = merged[i];
    in.weight[i] = b.weight;
    for (std::size_t j = 0; j < b.items.size(); ++j)
      if (supports(b, j)) ++in.start[b.items[j] + 1];
  }
  for (std::size_t p = 0; p < n; ++p) in.start[p + 1] += in.start[p];
  in.row.resize(in.start[n]);
  in.k.assign(in.start[n], 1);
  in.supporters.assign(n, 0);
  auto fill = in.start;
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const auto b = merged[i];
    for (std::size_t j = 0; j < b.items.size(); ++j) {
      if (!supports(b, j)) continue;
      const auto p = b.items[j];
      in.supporters[p] += b.weight;
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
  std::vector<rational> last_rho;       // per project; 0 if never computed
  std::vector<rational> supporters_left;  // per project, with details
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
    reset(endowment);
    std::vector<project_index> remaining;
    for (auto& r : rho_) r.computed = false;
    for (project_index p = 0; p < n; ++p)
      if (in_.candidate[p]) {
        remaining.push_back(p);
        rho_[p].num = inst_[p].cost;
        rho_[p].den = total_k_[p];
        rho_[p].den *= static_cast<unsigned long>(in_.scale[p]);
        rho_[p].approx = approx(rho_[p]);
        rho_[p].computed = false;
      }
    std::vector<project_index> tied, keep;
    while (!remaining.empty()) {
      std::sort(remaining.begin(), remaining.end(),
                [&](project_index a, project_index b) { return rho_[a].approx < rho_[b].approx; });
      std::optional<project_index> best;
      tied.clear();
      keep.clear();
      std::size_t i = 0;
      for (; i < remaining.size(); ++i) {
        const auto p = remaining[i];
        if (best) {
          // ρ never falls: once the approximate previous ρ is clearly above the best, so are the
          // ones after it; in the narrow band, the exact comparison decides for this one alone.
          if (rho_[p].approx > rho_[*best].approx * (1 + 1e-9)) break;
          if (compare(rho_[p], rho_[*best]) > 0) {
            keep.push_back(p);
            continue;
          }
        }
        if (!evaluate(p)) continue;  // its supporters cannot pay for it any more: out for good
        keep.push_back(p);
        const int c = best ? compare(rho_[p], rho_[*best]) : -1;
        if (c < 0) {
          best = p;
          tied.assign(1, p);
        } else if (c == 0) {
          tied.push_back(p);
        }
      }
      keep.insert(keep.end(), remaining.begin() + static_cast<std::ptrdiff_t>(i), remaining.end());
      std::swap(remaining, keep);
      if (!best) break;
      const auto chosen = *std::min_element(tied.begin(), tied.end(),
                                            [&](project_index a, project_index b) { return priority_[a] < priority_[b]; });
      pay(chosen, details ? &out.rounds.emplace_back() : nullptr);
      if (tied.size() > 1) ties_.emplace_back(out.selected.size() - in_.free.size() + 1, tied);
      out.selected.push_back(chosen);
      out.cost += inst_[chosen].cost;
      remaining.erase(std::find(remaining.begin(), remaining.end(), chosen));
    }
    if (details) {
      out.last_rho.assign(n, rational(0));
      out.supporters_left.assign(n, rational(0));
      for (project_index p = 0; p < n; ++p) {
        if (rho_[p].computed) out.last_rho[p] = to_rational(rho_[p].num, rho_[p].den);
        gather(p);
        mpz_int total = 0;
        for (const auto& g : groups_) mpz_addmul_ui(total.backend().data(), x_[g.cls].backend().data(), g.w);
        out.supporters_left[p] = to_rational(total, d_.back());
      }
    }
    return out;
  }

  // Ties of the last run: (round, projects of equal ρ).
  [[nodiscard]] auto ties() const -> const std::vector<std::pair<std::size_t, std::vector<project_index>>>& { return ties_; }

 private:
  struct group {
    std::uint32_t cls;
    std::int64_t k;
    std::uint64_t w;
  };
  // ρ = num / den, exact and not reduced; `approx` only orders the scan.
  struct rho_value {
    mpz_int num, den;
    double approx = 0;
    bool computed = false;  // evaluated at least once in this run
    mpz_int paid;           // at the last evaluation: what the supporters who pay all they have pay (× D)
    std::uint64_t rich_k = 0;  // and Σ k·w of those who pay the full share
  };

  static auto to_rational(const mpz_int& num, const mpz_int& den) -> rational {
    rational q;
    mpq_set_num(q.backend().data(), num.backend().data());
    mpq_set_den(q.backend().data(), den.backend().data());
    mpq_canonicalize(q.backend().data());
    return q;
  }

  static auto approx(const rho_value& r) -> double {
    if (r.num.is_zero()) return 0;
    long en = 0, ed = 0;
    const double mn = mpz_get_d_2exp(&en, r.num.backend().data());
    const double md = mpz_get_d_2exp(&ed, r.den.backend().data());
    return std::ldexp(mn / md, static_cast<int>(en - ed));
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
      total_k_.assign(n, mpz_int(0));
      for (project_index p = 0; p < n; ++p) {
        std::uint64_t t = 0;
        for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s)
          t = checked_sum(t, checked_product(in_.k[s], in_.weight[in_.row[s]]));
        total_k_[p] = t;
      }
      rho_.resize(n);
    }
    // Class 0 is "no money left"; class 1 holds every voter at the start.
    x_.assign(2, mpz_int(0));
    x_[1] = boost::multiprecision::numerator(endowment);
    epoch_.assign(2, 0);
    d_.assign(1, boost::multiprecision::denominator(endowment));
    factor_.assign(1, std::nullopt);
    row_class_.assign(in_.rows, x_[1].is_zero() ? 0 : 1);
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

  // Class c's numerator over the current denominator.
  void bring_up(std::uint32_t c) {
    const auto now = static_cast<std::uint32_t>(d_.size() - 1);
    if (epoch_[c] == now) return;
    if (!x_[c].is_zero()) {
      auto& f = factor_[epoch_[c]];
      if (!f) {
        f.emplace();
        mpz_divexact(f->backend().data(), d_[now].backend().data(), d_[epoch_[c]].backend().data());
      }
      x_[c] *= *f;
    }
    epoch_[c] = now;
  }

  // p's supporters grouped by (class, k), voters with no money left dropped, numerators current.
  void gather(project_index p) {
    groups_.clear();
    if (in_.unit_k) {
      touched_.clear();
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        const auto r = in_.row[s];
        const auto c = row_class_[r];
        if (acc_[c] == 0) touched_.push_back(c);
        acc_[c] += in_.weight[r];
      }
      for (auto c : touched_) {
        if (c != 0) groups_.push_back({c, 1, acc_[c]});
        acc_[c] = 0;
      }
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
    for (const auto& g : groups_) bring_up(g.cls);
  }

  // The smallest ρ at which p's supporters can pay for it (into rho_[p]), or false if they cannot.
  // Those who cannot pay the equal share pay everything they have, poorest first.
  auto evaluate(project_index p) -> bool {
    gather(p);
    auto& r = rho_[p];
    mpz_t& total = t1_.backend().data();
    mpz_set_ui(total, 0);
    std::uint64_t den = 0;
    for (const auto& g : groups_) {
      mpz_addmul_ui(total, x_[g.cls].backend().data(), g.w);
      den = checked_sum(den, checked_product(g.k, g.w));
    }
    mpz_mul_si(cost_d_.backend().data(), d_.back().backend().data(), inst_[p].cost);
    if (mpz_cmp(total, cost_d_.backend().data()) < 0) return false;
    std::sort(groups_.begin(), groups_.end(), [&](const group& a, const group& b) {
      if (a.k == b.k) return x_[a.cls] < x_[b.cls];
      mpz_mul_si(t1_.backend().data(), x_[a.cls].backend().data(), b.k);
      mpz_mul_si(t2_.backend().data(), x_[b.cls].backend().data(), a.k);
      return mpz_cmp(t1_.backend().data(), t2_.backend().data()) < 0;
    });
    mpz_set_ui(r.paid.backend().data(), 0);
    for (const auto& g : groups_) {
      // Rich iff (cost·D − paid) / den · k ≤ x, i.e. (cost·D − paid)·k ≤ x·den.
      mpz_sub(t1_.backend().data(), cost_d_.backend().data(), r.paid.backend().data());
      if (g.k != 1) mpz_mul_si(t1_.backend().data(), t1_.backend().data(), g.k);
      mpz_mul_ui(t2_.backend().data(), x_[g.cls].backend().data(), den);
      if (mpz_cmp(t1_.backend().data(), t2_.backend().data()) <= 0) {
        mpz_sub(r.num.backend().data(), cost_d_.backend().data(), r.paid.backend().data());
        mpz_mul_ui(r.den.backend().data(), d_.back().backend().data(), den);
        mpz_mul_ui(r.den.backend().data(), r.den.backend().data(), static_cast<unsigned long>(in_.scale[p]));
        r.rich_k = den;
        r.approx = approx(r);
        r.computed = true;
        return true;
      }
      mpz_addmul_ui(r.paid.backend().data(), x_[g.cls].backend().data(), g.w);
      den -= static_cast<std::uint64_t>(g.k) * g.w;
    }
    PPB_ASSERT(false && "supporters with enough money always find a share");
    return false;
  }

  // p's supporters pay: ρ·scale·k each, or all they have. Uses p's evaluation of this round.
  void pay(project_index p, mes_round* record) {
    const auto& r = rho_[p];
    gather(p);
    // share × D = (cost·D − paid) / rich_k; a rich voter's new money over D' = D·rich_k is
    // x·rich_k − (cost·D − paid)·k.
    mpz_int due_d;  // (cost·D − paid)
    mpz_mul_si(due_d.backend().data(), d_.back().backend().data(), inst_[p].cost);
    due_d -= r.paid;
    mpz_int next_d = d_.back();
    next_d *= static_cast<unsigned long>(r.rich_k);
    d_.push_back(next_d);
    factor_.assign(d_.size(), std::nullopt);
    const auto now = static_cast<std::uint32_t>(d_.size() - 1);
    mpz_int poor_paid = 0;
    std::uint64_t rich_k = 0, rich_w = 0, poor_w = 0;
    moved_.clear();
    for (const auto& g : groups_) {
      mpz_mul_si(t1_.backend().data(), due_d.backend().data(), g.k);
      mpz_mul_ui(t2_.backend().data(), x_[g.cls].backend().data(), r.rich_k);
      std::uint32_t to = 0;
      if (mpz_cmp(t1_.backend().data(), t2_.backend().data()) <= 0) {
        to = static_cast<std::uint32_t>(x_.size());
        x_.emplace_back(t2_ - t1_);
        epoch_.push_back(now);
        acc_.push_back(0);
        rich_k += static_cast<std::uint64_t>(g.k) * g.w;
        rich_w += g.w;
      } else {
        mpz_addmul_ui(poor_paid.backend().data(), x_[g.cls].backend().data(), g.w);
        poor_w += g.w;
      }
      moved_.push_back({g.cls, g.k, to});
    }
    // The same split as the evaluation: the cost is paid exactly, nobody pays more than they have.
    PPB_ASSERT(rich_k == r.rich_k && poor_paid == r.paid);
    std::sort(moved_.begin(), moved_.end());
    for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
      const auto row = in_.row[s];
      const auto c = row_class_[row];
      if (c == 0) continue;
      const auto it = std::lower_bound(moved_.begin(), moved_.end(), std::make_tuple(c, in_.k[s], std::uint32_t{0}));
      PPB_ASSERT(it != moved_.end() && std::get<0>(*it) == c && std::get<1>(*it) == in_.k[s]);
      row_class_[row] = std::get<2>(*it);
    }
    if (record) {
      record->project = p;
      record->rho = to_rational(r.num, r.den);
      record->share = to_rational(due_d, d_[now - 1] * mpz_int(r.rich_k));
      record->full_payers = rich_w;
      record->all_in_payers = poor_w;
      record->all_in_paid = to_rational(poor_paid, d_[now - 1]);
    }
  }

  const instance& inst_;
  const mes_input& in_;
  std::span<const std::uint32_t> priority_;
  std::vector<mpz_int> total_k_;
  std::vector<rho_value> rho_;
  std::vector<mpz_int> x_;              // per class: numerator
  std::vector<std::uint32_t> epoch_;    // per class: the round whose denominator x is over
  std::vector<mpz_int> d_;              // per round: the common denominator
  std::vector<std::optional<mpz_int>> factor_;  // d_.back() / d_[e], computed when first needed
  std::vector<std::uint32_t> row_class_;
  std::vector<std::uint64_t> acc_;
  std::vector<std::uint32_t> touched_;
  std::vector<group> groups_;
  std::vector<std::tuple<std::uint32_t, std::int64_t, std::uint32_t>> moved_;
  mpz_int t1_, t2_, cost_d_;
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
  const auto t = totals(inst, prof);
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
      endowment += unit;
      ++res.budget_steps;
    }
    notes.insert(notes.begin(), "add1-exhaustive: every voter started at B/n = " + rational_text(start) + ", raised " +
                                    std::to_string(res.budget_steps) + " times by 1 to " + rational_text(endowment));
  }
  // The run the result comes from, again with the details only it needs.
  run = engine.run(endowment, true);
  res.per_voter_budget = endowment;

  outcome& out = res.result;
  out.rule = "mes";
  out.satisfaction = std::string(satisfaction_name(opts.satisfaction));
  out.tie_break = opts.tie.name();
  out.budget = inst.budget;
  out.projects.resize(n);
  for (project_index p = 0; p < n; ++p) {
    auto& r = out.projects[p];
    r.project = p;
    r.votes = t.supporters[p];
    r.points = t.points[p];
    r.support = to_small_fraction(run.last_rho[p]).value_or(fraction{0, 1});
  }
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
    r.reason = "round " + std::to_string(i + 1) + ": lowest ρ = " + rd.rho.str() + "; its supporters paid its cost " +
               money_text(inst[p].cost) + ": " + pays;
    out.selected.push_back(p);
    out.trace.push_back({rank, p, project_status::funded, left, "ρ = " + rd.rho.str() + "; " + pays});
  }
  res.mes_selected = out.selected;
  for (const auto& [round, projects] : engine.ties()) {
    tie_record tr;
    tr.projects = projects;
    std::sort(tr.projects.begin(), tr.projects.end(), [&](project_index a, project_index b) { return priority[a] < priority[b]; });
    tr.support = to_small_fraction(run.rounds[round - 1].rho).value_or(fraction{0, 1});
    for (std::size_t k = 1; k < tr.projects.size(); ++k)
      tr.decided_by.push_back(opts.tie.deciding(inst, t.supporters, tr.projects[k - 1], tr.projects[k]));
    out.ties.push_back(std::move(tr));
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
    if (!run.last_rho[p].is_zero()) r.reason += "; the last ρ it needed was " + run.last_rho[p].str();
  }
  res.rounds = run.rounds;
  res.supporters_left = run.supporters_left;
  res.last_rho = run.last_rho;

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
  for (auto& tr : out.ties) {
    bool some_funded = false, some_not = false;
    for (auto p : tr.projects) (out.is_funded(p) ? some_funded : some_not) = true;
    tr.changed_outcome = some_funded && some_not;
  }
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
