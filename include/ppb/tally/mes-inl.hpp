// Definitions for tally/mes.hpp.
#ifndef PPB_TALLY_MES_INL_HPP
#define PPB_TALLY_MES_INL_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <tuple>
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

// The profile as MES sees it: for each project its supporters (distinct ballots, "rows") with k,
// the voter's satisfaction from it divided by the project's `scale` (cost satisfaction: scale =
// cost, k = 1; cardinality: 1, 1; points: 1, the points). ρ = share / scale, where `share` is what
// a supporter pays per unit of k.
struct mes_input {
  const profile* prof = nullptr;
  std::vector<std::uint32_t> first;   // per row: its first ballot in the profile
  std::vector<std::uint64_t> weight;  // per row
  std::vector<std::size_t> start;     // per project, into row and k
  std::vector<std::uint32_t> row;
  std::vector<std::int64_t> k;         // empty unless satisfaction is points (k = 1 for all)
  bool unit_k = true;
  bool by_points = false;              // k is the points, and only positive points support
  [[nodiscard]] auto k_at(std::size_t s) const -> std::int64_t { return k.empty() ? 1 : k[s]; }
  // f(project, k) for every project row r supports.
  template <class F>
  void for_each_support(std::uint32_t r, F&& f) const {
    const auto b = (*prof)[first[r]];
    for (std::size_t j = 0; j < b.items.size(); ++j)
      if (!by_points) f(b.items[j], std::int64_t{1});
      else if (b.points[j] > 0) f(b.items[j], b.points[j]);
  }
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
  auto distinct = prof.find_distinct();
  const auto n = inst.size();
  if (prof.size() > std::numeric_limits<std::uint32_t>::max())
    throw usage_error("MES: more than 2^32 ballots");
  mes_input in;
  in.prof = &prof;
  in.voters = prof.voters();
  in.rows = distinct.first.size();
  in.totals = totals(inst, prof, distinct);
  in.first.assign(distinct.first.begin(), distinct.first.end());
  std::vector<std::size_t>().swap(distinct.first);
  in.weight = std::move(distinct.weight);
  in.by_points = sat == satisfaction_kind::points && has_points(prof.kind());
  in.start.assign(n + 1, 0);
  for (std::uint32_t r = 0; r < in.rows; ++r) in.for_each_support(r, [&](project_index p, std::int64_t) { ++in.start[p + 1]; });
  for (std::size_t p = 0; p < n; ++p) in.start[p + 1] += in.start[p];
  in.row.resize(in.start[n]);
  if (in.by_points) in.k.assign(in.start[n], 1);
  in.supporters.assign(n, 0);
  auto fill = in.start;
  for (std::uint32_t r = 0; r < in.rows; ++r)
    in.for_each_support(r, [&](project_index p, std::int64_t k) {
      in.supporters[p] += in.weight[r];
      in.row[fill[p]] = r;
      if (in.by_points) {
        in.k[fill[p]] = k;
        in.unit_k = in.unit_k && k == 1;
      }
      ++fill[p];
    });
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

// MES at a fixed endowment, exactly. A voter who has not run out of money has the endowment e
// less the full share of every funded project on their ballot (one who falls short of a share
// pays all they have and has nothing from then on). So distinct ballots ("rows") that paid the
// same shares have the same money: they form a class, and a row that pays a share moves to a
// child of its class (one per class and k). Nobody's money needs storing exactly: each class
// keeps it as a double within a proven error bound, and its ancestors are the shares it paid.
// Exact sums over any set of classes come from counting how often each round's share was paid:
// Σ money = W·e − Σ_t count_t · share_t. Share t is due_t / D_t, with D_t = D_{t−1} · (the full
// payers' Σ k·w), so all exact work is integer arithmetic over one common denominator. The
// doubles decide who is short of a share; integers settle the few too close to call. Every walk
// over a project's supporters goes over its groups (class, k), found in one pass over its rows.
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
    any_poor_ = false;
    until_known_ = false;
    skip_possible_ = !endowment.is_zero();
    std::vector<project_index> remaining;
    for (project_index p = 0; p < n; ++p)
      if (in_.candidate[p]) {
        remaining.push_back(p);
        // ρ before anyone has paid: cost / (scale · Σ k·w), the same at every endowment; made
        // exact (nobody poor) only if it is ever needed.
        auto& r = rho_[p];
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
      const auto now = rounds_paid();
      mpz_int total;
      const bool at_once = every_supporters_money(out.supporters_left);
      for (project_index p = 0; p < n; ++p) {
        forget_groups();  // one project's at a time
        if (funded[p] && rho_[p].computed) {
          PPB_ASSERT(rho_[p].exact);  // every winner was made exact in its round
          out.last_rho[p] = to_rational(rho_[p].num, rho_[p].den);
        } else if (!funded[p] && in_.candidate[p]) {
          if (auto last = last_affordable(p)) std::tie(out.last_affordable[p], out.last_rho[p]) = std::move(*last);
        }
        if (at_once) continue;
        supporters_money(p, now, total);
        out.supporters_left[p] = to_rational(total, d_[now]);
      }
    }
    return out;
  }

  // While nobody has run out of money, each voter has e minus the full shares they paid, and
  // shares do not depend on e; so p, unaffordable now with money T among its S supporters
  // (weighted), stays unaffordable for every endowment below e + (cost − T) / S, and nothing
  // else in the run can change below the smallest such bound.
  void note_unaffordable(project_index p) {
    if (!skip_possible_ || any_poor_) return;
    const auto& d = d_.back();
    const auto supporters = supporters_money(p, rounds_paid(), t3_);  // T × D
    if (supporters == 0) {
      skip_possible_ = false;
      return;
    }
    // bound − e = (cost·D − T·D) / (D·S), kept as an unreduced fraction: one gcd per run, not
    // per project.
    mpz_mul_si(t1_.backend().data(), d.backend().data(), inst_[p].cost);
    mpz_sub(t1_.backend().data(), t1_.backend().data(), t3_.backend().data());
    mpz_mul_ui(t2_.backend().data(), d.backend().data(), supporters);
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
  // A project's ρ: bounds lo ≤ ρ ≤ hi always; num / den (not reduced) once `exact`.
  struct rho_value {
    mpz_int num, den;
    double lo = 0, hi = 0;
    bool exact = false;
    bool computed = false;     // evaluated at least once in this run
    std::uint64_t rich_k = 0;  // Σ k·w of those who pay the full share
    bool by_bounds = false;    // found by split_by_bounds, whose verdicts poor_below keeps
    double poor_below = 0;
  };
  static constexpr std::uint32_t never = std::numeric_limits<std::uint32_t>::max();
  // The rows that paid the same shares so far, in 16 bytes. Class 0 holds every row at the
  // start; a class born in round t from `parent` holds rows of the parent that paid t's share
  // k_of times, or (money out_of_money) paid all they had then. Classes are never reused within
  // a run: a class's ancestors are the shares its rows paid.
  struct money_class {
    double money;          // within eps_at of the exact value, or out_of_money
    std::uint32_t parent;
    std::uint32_t round;   // born in
  };
  static constexpr double out_of_money = -std::numeric_limits<double>::infinity();  // never a class's money
  // A project's supporters in one class with the same k for it: their Σ w, and the split that
  // last found them short of a share (== mark_: the split under way).
  struct group {
    std::uint32_t cls;
    std::uint32_t mark;
    std::int64_t k;
    std::uint64_t w;
  };
  // Every exact value after t rounds is a numerator over D_t: e's and each earlier round's share.
  struct exact_scale {
    const mpz_int* e;
    const mpz_int* share;  // [j] for rounds 1..t
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

  [[nodiscard]] auto rounds_paid() const -> std::uint32_t { return static_cast<std::uint32_t>(d_.size() - 1); }

  // A row's money is a sum of at most t + 1 terms each below e, each rounded once, with the
  // shares converted once: t + 2 steps of e·2⁻⁴⁸ is far above that rounding.
  [[nodiscard]] auto eps_at(std::uint32_t t) const -> double { return (static_cast<double>(t) + 2) * e_d_ * 0x1p-48; }

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
    e_num_ = boost::multiprecision::numerator(endowment);
    e_now_ = e_num_;
    d_.assign(1, boost::multiprecision::denominator(endowment));
    e_d_ = endowment.convert_to<double>();
    const bool broke = e_num_.is_zero();  // nobody has any money, from the start
    classes_.assign(1, money_class{broke ? out_of_money : e_d_, 0, 0});
    class_k_.assign(in_.unit_k ? 0 : 1, 0);
    row_class_.assign(in_.rows, 0);
    grouped_in_.resize(n);
    group_span_.resize(n);
    forget_groups();
    mark_ = 0;
    replayed_ = {};
    due_.resize(1);
    share_now_.resize(1);
    share_d_.assign(1, 0.0);
    count_.assign(1, 0);
    scaled_t_ = never;
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

  // e and the shares of rounds 1..t as numerators over D_t (the current ones kept up to date,
  // an earlier round's computed on demand and kept until another is asked for).
  auto scale_to(std::uint32_t t) -> exact_scale {
    if (t == rounds_paid()) return {&e_now_, share_now_.data()};
    if (t != scaled_t_) {
      scaled_t_ = t;
      share_at_.resize(t + 1);
      mpz_divexact(t1_.backend().data(), d_[t].backend().data(), d_[0].backend().data());
      mpz_mul(e_at_.backend().data(), e_num_.backend().data(), t1_.backend().data());
      for (std::uint32_t j = 1; j <= t; ++j) {
        mpz_divexact(t1_.backend().data(), d_[t].backend().data(), d_[j].backend().data());
        mpz_mul(share_at_[j].backend().data(), due_[j].backend().data(), t1_.backend().data());
      }
    }
    return {&e_at_, share_at_.data()};
  }

  // Calls f(j, k) for each share class c's rows paid in full in a round j <= t (k times); their
  // money is e minus these, while they had enough.
  template <class F>
  void for_each_paid_share(std::uint32_t c, std::uint32_t t, F&& f) const {
    for (; c != 0; c = classes_[c].parent)
      if (const auto& x = classes_[c]; x.round <= t && x.money != out_of_money) f(x.round, k_of(c));
  }
  // Class c's money after t rounds (it still had some then), as a double and exactly (× D_t).
  auto money_at(std::uint32_t c, std::uint32_t t) -> double {
    if (t == rounds_paid()) return classes_[c].money;
    double m = e_d_;
    for_each_paid_share(c, t, [&](std::uint32_t j, std::int64_t k) { m -= share_d_[j] * static_cast<double>(k); });
    return m;
  }
  void exact_money_at(const exact_scale& at, std::uint32_t c, std::uint32_t t, mpz_int& out) {
    mpz_set(out.backend().data(), at.e->backend().data());
    for_each_paid_share(c, t, [&](std::uint32_t j, std::int64_t k) {
      mpz_submul_ui(out.backend().data(), at.share[j].backend().data(), static_cast<unsigned long>(k));
    });
  }
  // Exact sums: count a class (weight w, money after t rounds), then the sum of all counted is
  // W·e − Σ_j count_j · share_j over D_t.
  void count_class(std::uint32_t c, std::uint64_t w, std::uint32_t t) {
    for_each_paid_share(c, t, [&](std::uint32_t j, std::int64_t k) { count_[j] += static_cast<std::uint64_t>(k) * w; });
  }
  // The round class c's rows paid all they had in, or never (only classes born out are out).
  [[nodiscard]] auto out_round(std::uint32_t c) const -> std::uint32_t {
    return classes_[c].money == out_of_money ? classes_[c].round : never;
  }
  [[nodiscard]] auto out_by(std::uint32_t c, std::uint32_t t) const -> bool { return out_round(c) <= t; }
  // How many times class c's rows paid the share of the round it was born in.
  [[nodiscard]] auto k_of(std::uint32_t c) const -> std::int64_t { return in_.unit_k ? 1 : class_k_[c]; }

  // p's supporters by (class, k) as they are now: grouped once per round it is walked in (one
  // pass over its rows), then every walk goes over the groups. They serve any earlier round too
  // (a row's class now descends from the one it was in then). Kept until the round ends (or
  // forget_groups), so only the groups of one round's projects take memory; the span lasts until
  // another project is grouped.
  auto groups(project_index p) -> std::span<group> {
    auto& at = group_span_[p];
    if (grouped_in_[p] == arena_epoch_) return {arena_.data() + at.first, at.second};
    grouped_in_[p] = arena_epoch_;
    const auto begin = arena_.size();
    const auto first = in_.start[p], last = in_.start[p + 1];
    if (in_.unit_k) {
      if (class_scratch_.size() < classes_.size()) class_scratch_.resize(classes_.size(), 0);
      touched_.clear();
      for (auto s = first; s < last; ++s) {
        const auto r = in_.row[s];
        const auto c = row_class_[r];
        if (class_scratch_[c] == 0) touched_.push_back(c);
        class_scratch_[c] += in_.weight[r];
      }
      for (const auto c : touched_) {
        arena_.push_back({c, 0, 1, class_scratch_[c]});
        class_scratch_[c] = 0;
      }
    } else {
      for (auto s = first; s < last; ++s) arena_.push_back({row_class_[in_.row[s]], 0, in_.k[s], in_.weight[in_.row[s]]});
      const auto gs = arena_.begin() + static_cast<std::ptrdiff_t>(begin);
      std::sort(gs, arena_.end(), [](const group& a, const group& b) { return std::tie(a.cls, a.k) < std::tie(b.cls, b.k); });
      auto kept = begin;
      for (auto i = begin; i < arena_.size(); ++i) {
        const auto g = arena_[i];
        if (kept > begin && arena_[kept - 1].cls == g.cls && arena_[kept - 1].k == g.k) arena_[kept - 1].w += g.w;
        else arena_[kept++] = g;
      }
      arena_.resize(kept);
    }
    at = {begin, arena_.size() - begin};
    return {arena_.data() + begin, at.second};
  }
  // Drops every project's groups (they are found again when next needed): at each new round,
  // since payments move rows to new classes.
  void forget_groups() {
    arena_.clear();
    ++arena_epoch_;
  }
  void counted_sum(const exact_scale& at, std::uint64_t w, std::uint32_t t, mpz_int& out) {
    mpz_mul_ui(out.backend().data(), at.e->backend().data(), w);
    for (std::uint32_t j = 1; j <= t; ++j)
      if (count_[j] != 0) mpz_submul_ui(out.backend().data(), at.share[j].backend().data(), count_[j]);
  }
  // The money p's supporters have after t rounds, × D_t; returns their weight (those with money).
  auto supporters_money(project_index p, std::uint32_t t, mpz_int& out) -> std::uint64_t {
    const auto at = scale_to(t);
    std::fill(count_.begin(), count_.begin() + t + 1, 0);
    std::uint64_t w = 0;
    for (const auto& g : groups(p)) {
      if (out_by(g.cls, t)) continue;
      w += g.w;
      count_class(g.cls, g.w, t);
    }
    counted_sum(at, w, t, out);
    return w;
  }

  // Every project's supporters_money at the end, in one pass over the rows (each row's paid
  // shares counted for every project it supports), when the counts (projects × rounds) are small.
  auto every_supporters_money(std::vector<rational>& left) -> bool {
    const auto n = inst_.size();
    const std::size_t t = rounds_paid(), stride = t + 1;
    if (n * stride > (std::size_t{1} << 20)) return false;
    std::vector<std::uint64_t> weight(n, 0), counts(n * stride, 0);
    std::vector<std::pair<std::uint32_t, std::uint64_t>> paid;  // (round, k·w) of one row
    for (std::uint32_t r = 0; r < in_.rows; ++r) {
      if (out_by(row_class_[r], static_cast<std::uint32_t>(t))) continue;
      const auto w = in_.weight[r];
      paid.clear();
      for_each_paid_share(row_class_[r], static_cast<std::uint32_t>(t),
                          [&](std::uint32_t j, std::int64_t k) { paid.emplace_back(j, static_cast<std::uint64_t>(k) * w); });
      in_.for_each_support(r, [&](project_index q, std::int64_t) {
        weight[q] += w;
        for (const auto& [j, c] : paid) counts[q * stride + j] += c;
      });
    }
    const auto at = scale_to(static_cast<std::uint32_t>(t));
    mpz_int total;
    for (project_index q = 0; q < n; ++q) {
      std::copy_n(counts.begin() + static_cast<std::ptrdiff_t>(q * stride), stride, count_.begin());
      counted_sum(at, weight[q], static_cast<std::uint32_t>(t), total);
      left[q] = to_rational(total, d_[t]);
    }
    return true;
  }

  // Who of p's supporters (those with money after t rounds) cannot pay the share, exactly: they
  // get mark_ and pay all they have, paid_ (× D_t), which raises the share; repeat until nobody
  // else falls short (pabutools' affordability_poor_rich). rich_k_ is the others' Σ k·w. False
  // if nobody can pay the full share: p is unaffordable. Doubles decide each row unless it is too
  // close to call.
  auto split_exact(project_index p, std::uint32_t t) -> bool {
    const auto at = scale_to(t);
    ++mark_;
    std::fill(count_.begin(), count_.begin() + t + 1, 0);
    std::uint64_t rich_k = 0, poor_w = 0;
    someone_poor_ = false;
    // Money after an earlier round is a sum over the class's shares: once per group, not per pass.
    const auto gs = groups(p);
    const bool earlier = t != rounds_paid();
    if (earlier) then_.resize(gs.size());
    for (std::size_t i = 0; i < gs.size(); ++i) {
      const auto& g = gs[i];
      if (out_by(g.cls, t)) continue;
      rich_k = checked_sum(rich_k, checked_product(g.k, g.w));
      if (earlier) then_[i] = money_at(g.cls, t);
    }
    const double eps = eps_at(t);
    mpz_mul_si(cost_d_.backend().data(), d_[t].backend().data(), inst_[p].cost);
    mpz_set_ui(paid_.backend().data(), 0);
    mpz_t& due = due_now_.backend().data();  // cost·D − paid
    for (;;) {
      if (rich_k == 0) return false;
      mpz_sub(due, cost_d_.backend().data(), paid_.backend().data());
      PPB_ASSERT(mpz_sgn(due) > 0);  // each who fell short had less than the share: the rest remains
      mpz_mul_ui(t2_.backend().data(), d_[t].backend().data(), rich_k);
      const auto [share_lo, share_hi] = value_bounds(due_now_, t2_);  // the share, in money
      bool fell = false;
      for (std::size_t i = 0; i < gs.size(); ++i) {
        auto& g = gs[i];
        if (out_by(g.cls, t) || g.mark == mark_) continue;
        const double m = earlier ? then_[i] : classes_[g.cls].money, kd = static_cast<double>(g.k);
        bool poor = false;
        if (m + eps < share_lo * kd * (1 - 0x1p-50)) {
          poor = true;
        } else if (!(m - eps >= share_hi * kd * (1 + 0x1p-50))) {  // too close: x·K < due·k?
          exact_money_at(at, g.cls, t, t3_);
          mpz_mul_ui(t3_.backend().data(), t3_.backend().data(), rich_k);
          mpz_mul_si(t4_.backend().data(), due, g.k);
          poor = mpz_cmp(t3_.backend().data(), t4_.backend().data()) < 0;
        }
        if (!poor) continue;
        g.mark = mark_;
        rich_k -= checked_product(g.k, g.w);
        poor_w += g.w;
        count_class(g.cls, g.w, t);
        fell = someone_poor_ = true;
      }
      if (!fell) break;
      counted_sum(at, poor_w, t, paid_);
    }
    rich_k_ = rich_k;
    return true;
  }

  // The same split with the poor's money known only within bounds (no integers at all), into r.
  // Answers `unsure`, deciding nothing, when some row is too close to the share to tell; the
  // exact split then decides. Why it is exact when it answers: a row is called poor only if even
  // the largest share the bounds allow is above its money, and rich only if the smallest share
  // is below; and the share only grows as rows turn out poor, so earlier verdicts stay right.
  // (Everyone poor means the supporters have less than the cost together: unaffordable.) The
  // verdicts are kept as one threshold, r.poor_below: row r is poor iff its money + eps is below
  // poor_below · k (the largest threshold used; every row left rich is surely above it).
  enum class verdict : std::uint8_t { affordable, unaffordable, unsure };
  auto split_by_bounds(project_index p, rho_value& r, bool& someone_poor) -> verdict {
    const auto t = rounds_paid();
    const double cost = static_cast<double>(inst_[p].cost), eps = eps_at(t);
    ++mark_;
    std::uint64_t rich_k = 0;
    std::size_t alive = 0;
    double money_hi = 0;  // all their money, at most
    const auto gs = groups(p);
    for (const auto& g : gs) {
      if (out_by(g.cls, t)) continue;
      rich_k = checked_sum(rich_k, checked_product(g.k, g.w));
      money_hi += (classes_[g.cls].money + eps) * static_cast<double>(g.w);
      ++alive;
    }
    const double slack = sum_slack(alive);
    // Less than the cost together: unaffordable, without finding who would be short.
    if (money_hi * (1 + slack) < cost) return verdict::unaffordable;
    double paid_lo = 0, paid_hi = 0, poor_below = 0;
    // The least money per unit of k (lower bound) among those the last pass left: when even that
    // is surely above the grown share, another pass would find nobody new.
    double least_left = -1;
    someone_poor = false;
    for (;;) {
      if (rich_k == 0) return verdict::unaffordable;
      const double k_all = static_cast<double>(rich_k);
      const double share_lo = (cost - paid_hi * (1 + slack)) / k_all * (1 - slack);
      const double share_hi = (cost - paid_lo * (1 - slack)) / k_all * (1 + slack);
      if (!(share_lo > 0)) return verdict::unsure;
      const double below = share_lo * (1 - slack), above = share_hi * (1 + slack);
      if (least_left * (1 - 0x1p-50) >= above) break;
      poor_below = std::max(poor_below, below);
      bool unsure = false, fell = false;
      least_left = std::numeric_limits<double>::infinity();
      for (auto& g : gs) {
        if (out_by(g.cls, t) || g.mark == mark_) continue;
        const double k = static_cast<double>(g.k), money = classes_[g.cls].money;
        const double hi = money + eps, lo = money - eps;
        if (hi < below * k) {
          const auto w = static_cast<double>(g.w);
          g.mark = mark_;
          rich_k -= checked_product(g.k, g.w);
          paid_lo += std::max(lo, 0.0) * w;
          paid_hi += hi * w;
          fell = true;
        } else {
          if (!(lo >= above * k)) unsure = true;
          least_left = std::min(least_left, lo / k);
        }
      }
      if (!fell) {
        if (unsure) return verdict::unsure;
        break;
      }
      someone_poor = true;
    }
    r.rich_k = rich_k;
    r.poor_below = poor_below;
    r.by_bounds = true;
    // ρ = share / scale within bounds: the share's, widened for the division and K's conversion.
    const double scale = static_cast<double>(in_.scale[p]), k = static_cast<double>(rich_k);
    r.lo = (cost - paid_hi * (1 + slack)) / k / scale * (1 - slack);
    r.hi = (cost - paid_lo * (1 - slack)) / k / scale * (1 + slack);
    r.exact = false;
    return r.lo > 0 ? verdict::affordable : verdict::unsure;
  }

  // The split rho_[p] was found with this round, again (nobody's money has changed since): the
  // poor get mark_, paid_ what they pay (× D), rich_k_ the others' Σ k·w.
  // Without `paying`, only the marks (and rich_k_).
  void replay_split(project_index p, bool paying = true) {
    const auto& r = rho_[p];
    const auto t = rounds_paid();
    if (!r.by_bounds) {
      const bool affordable = split_exact(p, t);
      PPB_ASSERT(affordable && rich_k_ == r.rich_k);
      return;
    }
    const double eps = eps_at(t);
    ++mark_;
    std::fill(count_.begin(), count_.end(), 0);
    std::uint64_t rich_k = 0, poor_w = 0;
    for (auto& g : groups(p)) {
      if (out_by(g.cls, t)) continue;
      if (classes_[g.cls].money + eps < r.poor_below * static_cast<double>(g.k)) {
        g.mark = mark_;
        if (paying) {
          poor_w += g.w;
          count_class(g.cls, g.w, t);
        }
      } else {
        rich_k += checked_product(g.k, g.w);
      }
    }
    PPB_ASSERT(rich_k == r.rich_k);  // the same verdicts as the bounds' split
    rich_k_ = rich_k;
    if (!paying) return;
    counted_sum(scale_to(t), poor_w, t, paid_);
    mpz_mul_si(cost_d_.backend().data(), d_[t].backend().data(), inst_[p].cost);
    replayed_ = {p, mark_};
  }
  // Whether the marks, rich_k_, paid_ and cost_d_ still hold p's split of this round, from
  // make_exact's replay (any later split bumps mark_): pay then need not walk it again.
  [[nodiscard]] auto split_still_held(project_index p) const noexcept -> bool {
    return replayed_.project == p && replayed_.mark == mark_;
  }

  // ρ exactly from the exact split after t rounds: (cost·D_t − paid) / (D_t · rich_k · scale).
  void exact_rho(project_index p, std::uint32_t t, mpz_int& num, mpz_int& den) {
    mpz_sub(num.backend().data(), cost_d_.backend().data(), paid_.backend().data());
    mpz_mul_ui(den.backend().data(), d_[t].backend().data(), rich_k_);
    mpz_mul_ui(den.backend().data(), den.backend().data(), static_cast<unsigned long>(in_.scale[p]));
  }

  // The smallest ρ at which p's supporters can pay for it (into rho_[p]), or false if they cannot.
  auto evaluate(project_index p) -> bool {
    auto& r = scratch_;
    bool someone_poor = false;
    switch (split_by_bounds(p, r, someone_poor)) {
      case verdict::unaffordable: return false;
      case verdict::affordable: break;
      case verdict::unsure:
        if (!split_exact(p, rounds_paid())) return false;
        r.rich_k = rich_k_;
        r.by_bounds = false;
        exact_rho(p, rounds_paid(), r.num, r.den);
        set_exact_bounds(r);
        someone_poor = someone_poor_;
        break;
    }
    // Someone short of the share makes ρ depend on the endowment: no skipping ahead (see note_unaffordable).
    if (someone_poor) any_poor_ = true;
    r.computed = true;
    std::swap(rho_[p], r);
    return true;
  }

  // Exact ρ for a project evaluated this round.
  void make_exact(project_index p) {
    auto& r = rho_[p];
    if (r.exact) return;
    replay_split(p);
    exact_rho(p, rounds_paid(), r.num, r.den);
    PPB_ASSERT(r.num > 0);
    const auto [lo, hi] = value_bounds(r.num, r.den);
    PPB_ASSERT(lo <= r.hi && hi >= r.lo);  // the exact value lies within the bounds it had
    set_exact_bounds(r);
  }

  // p's supporters pay: ρ·scale·k each, or all they have. Uses p's exact evaluation of this round.
  void pay(project_index p, mes_round* record) {
    const auto& r = rho_[p];
    const auto t = rounds_paid();
    if (!split_still_held(p)) replay_split(p, record != nullptr);  // the marks; what the poor pay only for the record
    const auto gs = groups(p);  // as grouped this round, with the marks
    mpz_int due = r.num;                 // cost·D_t − what the poor pay: share × D_t × rich_k
    std::uint64_t rich_w = 0, poor_w = 0;
    if (record) {
      PPB_ASSERT(cost_d_ - paid_ == due);  // the same split as the evaluation
      const auto at = scale_to(t);
      const double eps = eps_at(t);
      for (const auto& g : gs) {
        if (out_by(g.cls, t)) continue;
        if (g.mark != mark_) {
          rich_w += g.w;
          continue;
        }
        // Who paid in full down to 0 before pays nothing now, and is not counted.
        bool has_money = classes_[g.cls].money - eps > 0;
        if (!has_money) {
          exact_money_at(at, g.cls, t, t3_);
          has_money = !t3_.is_zero();
        }
        if (has_money) poor_w += g.w;
      }
      record->project = p;
      record->rho = to_rational(r.num, r.den);
      record->share = to_rational(due, d_[t] * mpz_int(r.rich_k));
      record->full_payers = rich_w;
      record->full_units = r.rich_k;
      record->all_in_payers = poor_w;
      record->all_in_paid = to_rational(paid_, d_[t]);
    }
    // The new round: D_{t+1} = D_t · rich_k, over which the share is `due` itself.
    const auto round = t + 1;
    mpz_int next_d = d_[t] * mpz_int(r.rich_k);
    const auto [lo, hi] = value_bounds(due, next_d);
    const double share = (lo + hi) / 2;
    for (std::uint32_t j = 1; j < share_now_.size(); ++j) mpz_mul_ui(share_now_[j].backend().data(), share_now_[j].backend().data(), r.rich_k);
    mpz_mul_ui(e_now_.backend().data(), e_now_.backend().data(), r.rich_k);
    share_now_.push_back(due);
    due_.push_back(std::move(due));
    d_.push_back(std::move(next_d));
    share_d_.push_back(share);
    count_.push_back(0);
    scaled_t_ = never;
    // Each group's rows move to a class of their own: those short of the share are out.
    // (class 0 is never a child: 0 means the group's rows stay, being out already).
    if (class_scratch_.size() < classes_.size()) class_scratch_.resize(classes_.size(), 0);
    group_child_.assign(gs.size(), 0);
    for (std::size_t i = 0; i < gs.size(); ++i) {
      const auto& g = gs[i];
      if (out_by(g.cls, t)) continue;
      group_child_[i] = static_cast<std::uint32_t>(classes_.size());
      const bool poor = g.mark == mark_;
      classes_.push_back({poor ? out_of_money : classes_[g.cls].money - share * static_cast<double>(g.k), g.cls, round});
      if (in_.unit_k) class_scratch_[g.cls] = group_child_[i];
      else class_k_.push_back(poor ? 0 : g.k);
    }
    if (in_.unit_k) {
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s)
        if (const auto to = class_scratch_[row_class_[in_.row[s]]]; to != 0) row_class_[in_.row[s]] = static_cast<std::uint32_t>(to);
      for (const auto& g : gs) class_scratch_[g.cls] = 0;
    } else {  // gs is sorted by (class, k)
      for (auto s = in_.start[p]; s < in_.start[p + 1]; ++s) {
        auto& c = row_class_[in_.row[s]];
        const auto it = std::lower_bound(gs.begin(), gs.end(), std::pair{c, in_.k[s]},
                                         [](const group& g, const std::pair<std::uint32_t, std::int64_t>& key) {
                                           return std::tie(g.cls, g.k) < std::tie(key.first, key.second);
                                         });
        PPB_ASSERT(it != gs.end() && it->cls == c && it->k == in_.k[s]);
        if (const auto to = group_child_[static_cast<std::size_t>(it - gs.begin())]; to != 0) c = to;
      }
    }
    forget_groups();
  }

  // Where p's supporters last could afford it, for the explanation of an unfunded p (details
  // only): (rounds paid then, the ρ it needed then), or none if they never could. The scan skips
  // projects whose ρ cannot win, so this is found afterwards: money only falls, so the
  // supporters' total after t rounds falls with t; it is found for every t at once in doubles
  // (each row adds e at the start and takes away each share it paid, or all it had, in the round
  // it paid it), with the rounding bounded; exact integers decide only rounds too close to call.
  // ρ in the last affordable round is computed as `direct` MES does (those short of the share
  // pay all they have).
  auto last_affordable(project_index p) -> std::optional<std::pair<std::uint32_t, rational>> {
    const auto rounds = rounds_paid();
    std::vector<double> step(rounds + 1, 0.0);
    double magnitude = 0, weight = 0;  // Σ |terms|, Σ w
    std::size_t terms = 0;
    for (const auto& g : groups(p)) {
      const auto out_in = out_round(g.cls);
      if (out_in == 0) continue;  // never had money
      const double w = static_cast<double>(g.w);
      double left = e_d_;
      // The shares it paid in full: those of rounds before the one it ran out in.
      for_each_paid_share(g.cls, std::min(out_in - 1, rounds), [&](std::uint32_t j, std::int64_t k) {
        const double paid = share_d_[j] * static_cast<double>(k);
        left -= paid;
        step[j] -= paid * w;
        magnitude += paid * w;
        ++terms;
      });
      step[0] += e_d_ * w;
      weight += w;
      magnitude += e_d_ * w;
      if (out_in <= rounds) {  // all it had left, in the round it ran out
        step[out_in] -= left * w;
        magnitude += std::abs(left) * w;
      }
      terms += 2;
    }
    const double err = sum_slack(terms + rounds + 2) * 4 * magnitude + 2 * weight * eps_at(rounds);
    const double cost = static_cast<double>(inst_[p].cost);
    const double cost_lo = cost * (1 - 0x1p-50), cost_hi = cost * (1 + 0x1p-50);
    // Affordable surely up to `sure` rounds (−1: not even at the start), surely not from `never`.
    std::int64_t sure = -1;
    std::uint32_t never_from = rounds + 1;
    double total = 0;
    for (std::uint32_t t = 0; t <= rounds; ++t) {
      total += step[t];
      if (total - err >= cost_hi) sure = t;
      if (total + err < cost_lo) {
        never_from = t;
        break;
      }
    }
    mpz_int have;
    const auto affordable_exactly = [&](std::uint32_t t) {  // Σ money ≥ cost after t rounds
      supporters_money(p, t, have);
      mpz_mul_si(t4_.backend().data(), d_[t].backend().data(), inst_[p].cost);
      return have >= t4_;
    };
    if (sure < 0) {
      if (never_from == 0 || !affordable_exactly(0)) return std::nullopt;
      sure = 0;
    }
    auto lo = static_cast<std::uint32_t>(sure), hi = never_from;  // affordable after lo rounds, not after hi
    while (hi - lo > 1) {
      const auto mid = lo + (hi - lo) / 2;
      (affordable_exactly(mid) ? lo : hi) = mid;
    }
    const bool affordable = split_exact(p, lo);
    PPB_ASSERT(affordable);
    mpz_int num, den;
    exact_rho(p, lo, num, den);
    PPB_ASSERT(num > 0);
    return std::pair{lo, to_rational(num, den)};
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
  std::vector<money_class> classes_;
  std::vector<std::uint32_t> row_class_;             // per row
  std::vector<group> arena_;                         // the groups of this round's projects (see groups)
  std::vector<std::pair<std::size_t, std::size_t>> group_span_;  // per project: its groups in arena_
  std::vector<std::uint64_t> grouped_in_;            // per project: the arena_epoch_ its groups are of
  std::uint64_t arena_epoch_ = 0;
  std::vector<std::uint32_t> group_child_;           // per group of the winner: pay's scratch
  std::vector<std::int64_t> class_k_;                // per class, unless every k is 1: see k_of
  std::vector<std::uint64_t> class_scratch_;         // per class: groups' weights, pay's children (0 between uses)
  std::vector<std::uint32_t> touched_;               // groups' scratch
  std::uint32_t mark_ = 0;
  double e_d_ = 0;                     // the endowment, as a double
  mpz_int e_num_, e_now_;              // the endowment × D_0, × D_now
  std::vector<mpz_int> d_;             // per round: the common denominator after it
  std::vector<mpz_int> due_;           // per round: its share × its D ([0] unused)
  std::vector<mpz_int> share_now_;     // per round: its share × D_now ([0] unused)
  std::vector<double> share_d_;        // per round: its share as a double ([0] unused)
  std::vector<std::uint64_t> count_;   // per round: Σ k·w of the rows counted that paid its share
  std::vector<double> then_;           // split_exact after an earlier round: each group's money
  std::uint32_t scaled_t_ = never;     // the round e_at_ and share_at_ are over
  mpz_int e_at_;
  std::vector<mpz_int> share_at_;
  // The last split: what those short of the share pay (× D_t), the others' Σ k·w, and whether
  // anyone fell short (split_exact).
  mpz_int paid_, due_now_;
  std::uint64_t rich_k_ = 0;
  struct {
    project_index project = std::numeric_limits<project_index>::max();
    std::uint32_t mark = 0;
  } replayed_;  // the last full replay_split (see split_still_held)
  bool someone_poor_ = false;
  mpz_int t1_, t2_, t3_, t4_, cost_d_;
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
