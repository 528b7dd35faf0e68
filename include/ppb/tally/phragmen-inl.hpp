// Definitions for tally/phragmen.hpp.
#ifndef PPB_TALLY_PHRAGMEN_INL_HPP
#define PPB_TALLY_PHRAGMEN_INL_HPP

#include <optional>

#include "ppb/core/rational.hpp"
#include "ppb/tally/phragmen.hpp"

PPB_BEGIN_NAMESPACE


PPB_FUNC auto tally::sequential_phragmen(const instance& inst, const profile& prof, const phragmen_options& opts)
    -> outcome {
  if (prof.kind() != vote_type::approval && prof.kind() != vote_type::choose_1)
    throw usage_error("sequential Phragmén applies to approval and choose-1 ballots, not " +
                      std::string(vote_type_name(prof.kind())));
  using q = rational;
  const auto n = inst.size();
  const auto t = totals(inst, prof);
  outcome out;
  out.rule = "phragmen";
  out.satisfaction = "cardinality";
  out.tie_break = opts.tie.name();
  out.budget = inst.budget;
  out.projects.resize(n);
  for (project_index p = 0; p < n; ++p) {
    auto& r = out.projects[p];
    r.project = p;
    r.votes = t.supporters[p];
    r.points = t.points[p];
    r.support = fraction{0, 1};
  }
  const auto priority = opts.tie.priority(inst, t.supporters);

  // Rows (distinct ballots) supporting each project, in compressed form.
  std::vector<std::size_t> start(n + 1, 0);
  for (std::size_t i = 0; i < prof.size(); ++i)
    for (auto p : prof[i].items) {
      PPB_ASSERT(p < n);
      ++start[p + 1];
    }
  for (std::size_t p = 0; p < n; ++p) start[p + 1] += start[p];
  std::vector<std::uint32_t> rows_of(start[n]);
  {
    auto fill = start;
    for (std::size_t i = 0; i < prof.size(); ++i)
      for (auto p : prof[i].items) rows_of[fill[p]++] = static_cast<std::uint32_t>(i);
  }

  // Every row shares one load; rows are grouped in load classes. Class 0 has load 0.
  // Loads are y[c] / d over one common denominator d: sums and comparisons are then integer
  // arithmetic (no gcd). Funding a project with S supporters multiplies d by S, so every y is
  // rescaled then; there is one class per round, so that is cheap.
  using boost::multiprecision::mpz_int;
  std::vector<mpz_int> y{mpz_int(0)};
  mpz_int d = 1;
  std::vector<std::uint64_t> class_weight{prof.voters()};
  std::vector<std::uint32_t> row_class(prof.size(), 0);
  // weight_in[p][c]: supporters of p (weighted) whose load is load[c].
  std::vector<std::vector<std::int64_t>> weight_in(n, std::vector<std::int64_t>(1, 0));
  for (project_index p = 0; p < n; ++p) weight_in[p][0] = static_cast<std::int64_t>(t.supporters[p]);

  std::vector<bool> open(n, false);
  for (project_index p = 0; p < n; ++p) {
    if (inst[p].cost <= inst.budget) {
      open[p] = true;
    } else {
      auto& r = out.projects[p];
      r.status = project_status::skipped;
      r.reason = "costs " + format_units(inst[p].cost, inst.money_places) + ", more than the whole budget " +
                 format_units(inst.budget, inst.money_places) + ": never considered";
    }
  }

  money left = inst.budget;
  std::uint32_t round = 0;
  // The new maximal load of p is num[p] / (d · supporters(p)).
  std::vector<mpz_int> num(n);
  mpz_int lhs, rhs;
  const auto compare_loads = [&](project_index a, project_index b) {
    lhs = num[a];
    lhs *= t.supporters[b];
    rhs = num[b];
    rhs *= t.supporters[a];
    return lhs < rhs ? -1 : (lhs == rhs ? 0 : 1);
  };
  const auto load_of = [&](project_index p) { return q(num[p]) / q(d * t.supporters[p]); };
  std::vector<bool> infinite(n, false);
  std::vector<project_index> tied;
  for (;;) {
    // The new maximal load of each open project, and the smallest.
    tied.clear();
    std::optional<project_index> best;
    for (project_index p = 0; p < n; ++p) {
      if (!open[p]) continue;
      infinite[p] = t.supporters[p] == 0;
      if (!infinite[p]) {
        auto& sum = num[p];
        sum = d;
        sum *= inst[p].cost;
        for (std::size_t c = 1; c < y.size(); ++c)
          if (class_weight[c] != 0 && weight_in[p][c] != 0) sum += y[c] * weight_in[p][c];
      }
      int cmp = 1;  // <0: p is better than best, 0: tie
      if (best) {
        if (infinite[p] || infinite[*best]) cmp = infinite[p] ? (infinite[*best] ? 0 : 1) : -1;
        else cmp = compare_loads(p, *best);
      } else {
        cmp = -1;
      }
      if (cmp < 0) {
        best = p;
        tied.assign(1, p);
      } else if (cmp == 0) {
        tied.push_back(p);
      }
    }
    if (!best) break;
    std::sort(tied.begin(), tied.end(), [&](project_index a, project_index b) { return priority[a] < priority[b]; });
    const bool inf = infinite[tied.front()];
    const q value = inf ? q(0) : load_of(tied.front());
    const std::string load_text = inf ? "inf" : value.str();
    const auto small = inf ? std::nullopt : to_small_fraction(value);
    bool stop = false;
    for (auto p : tied) stop = stop || inst[p].cost > left;
    if (stop) {
      // pabutools stops when any project of smallest load does not fit.
      ++round;
      for (auto p : tied) {
        auto& r = out.projects[p];
        if (small) r.support = *small;
        r.rank = round;
        if (inst[p].cost > left) {
          r.status = project_status::skipped;
          r.reason = "next by load (its supporters would reach " + load_text + ") but costs " +
                     format_units(inst[p].cost, inst.money_places) + ", only " + format_units(left, inst.money_places) +
                     " left; the rule stops here";
          out.trace.push_back({round, p, project_status::skipped, left, "max load " + load_text + "; does not fit, stop"});
        } else {
          r.status = project_status::not_reached;
          r.reason = "tied at load " + load_text + " with a project that does not fit; the rule stops there";
        }
        open[p] = false;
      }
      break;
    }
    const auto chosen = tied.front();
    ++round;
    left -= inst[chosen].cost;
    open[chosen] = false;
    auto& r = out.projects[chosen];
    r.status = project_status::funded;
    r.rank = round;
    if (small) r.support = *small;
    r.reason = "round " + std::to_string(round) + ": its " + std::to_string(t.supporters[chosen]) +
               " supporters' load rises to " + load_text + "; costs " + format_units(inst[chosen].cost, inst.money_places) +
               ", " + format_units(left, inst.money_places) + " left after";
    out.selected.push_back(chosen);
    out.trace.push_back({round, chosen, project_status::funded, left,
                         "max load " + load_text + " for " + std::to_string(t.supporters[chosen]) + " supporters"});
    if (tied.size() > 1) {
      tie_record tr;
      tr.projects = tied;
      if (small) tr.support = *small;
      for (std::size_t k = 1; k < tied.size(); ++k) tr.decided_by.push_back(opts.tie.deciding(inst, t.supporters, tied[k - 1], tied[k]));
      out.ties.push_back(std::move(tr));
    }
    if (inf) continue;  // nobody supports it: no load moves
    // The chosen project's supporters move to a new load class.
    const auto k = static_cast<std::uint32_t>(y.size());
    d *= t.supporters[chosen];
    for (auto& yc : y) yc *= t.supporters[chosen];
    y.push_back(num[chosen]);
    class_weight.push_back(0);
    for (auto& w : weight_in) w.push_back(0);
    for (auto s = start[chosen]; s < start[chosen + 1]; ++s) {
      const auto row = rows_of[s];
      const auto b = prof[row];
      const auto w = static_cast<std::int64_t>(b.weight);
      const auto old = row_class[row];
      for (auto p : b.items) {
        weight_in[p][old] -= w;
        weight_in[p][k] += w;
      }
      class_weight[old] -= b.weight;
      class_weight[k] += b.weight;
      row_class[row] = k;
    }
  }
  for (project_index p = 0; p < n; ++p)
    if (open[p]) {
      auto& r = out.projects[p];
      r.status = project_status::not_reached;
      r.reason = "the rule stopped before it (a project of smaller load did not fit)";
    }
  for (auto& tr : out.ties) {
    bool some_funded = false, some_not = false;
    for (auto p : tr.projects) (out.is_funded(p) ? some_funded : some_not) = true;
    tr.changed_outcome = some_funded && some_not;
  }
  out.spent = inst.budget - left;
  return out;
}

PPB_END_NAMESPACE

#endif
