// Definitions for ballots/profile.hpp.
#ifndef PPB_BALLOTS_PROFILE_INL_HPP
#define PPB_BALLOTS_PROFILE_INL_HPP

#include <algorithm>
#include <map>

#include <limits>

#include "ppb/ballots/profile.hpp"
#include "ppb/core/index_table.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC void voter_table::set_columns(std::vector<std::string> names) {
  if (rows_ != 0) throw usage_error("voter columns are set before the first row", errc::misuse);
  columns_ = std::move(names);
  data_.assign(columns_.size(), {});
}

PPB_FUNC void voter_table::to_arena(column& col) {
  for (auto code : col.codes) {
    col.text += col.values[code];
    col.ends.push_back(col.text.size());
  }
  col.arena = true;
  col.values = {};
  col.lookup = {};
  col.codes = {};
}

PPB_FUNC void voter_table::add_row(std::span<const std::string_view> cells) {
  if (cells.size() != columns_.size()) throw usage_error("voter row has the wrong number of cells");
  for (std::size_t c = 0; c < cells.size(); ++c) {
    auto& col = data_[c];
    if (!col.arena) {
      key_.assign(cells[c]);
      if (const auto it = col.lookup.find(key_); it != col.lookup.end()) {
        col.codes.push_back(it->second);
        continue;
      }
      if (col.values.size() < max_interned) {
        const auto code = static_cast<std::uint32_t>(col.values.size());
        col.lookup.emplace(key_, code);
        col.values.push_back(key_);
        col.codes.push_back(code);
        continue;
      }
      to_arena(col);
    }
    col.text.append(cells[c]);
    col.ends.push_back(col.text.size());
  }
  ++rows_;
}

PPB_FUNC auto voter_table::cell(std::size_t r, std::size_t c) const -> std::string_view {
  const auto& col = data_.at(c);
  if (!col.arena) return col.values.at(col.codes.at(r));
  const std::uint64_t begin = r == 0 ? 0 : col.ends.at(r - 1);
  return std::string_view(col.text).substr(begin, col.ends.at(r) - begin);
}

PPB_FUNC auto operator==(const voter_table& a, const voter_table& b) -> bool {
  if (a.columns_ != b.columns_ || a.rows() != b.rows()) return false;
  for (std::size_t r = 0; r < a.rows(); ++r)
    for (std::size_t c = 0; c < a.columns_.size(); ++c)
      if (a.cell(r, c) != b.cell(r, c)) return false;
  return true;
}

PPB_FUNC void profile::reserve(std::size_t ballots, std::size_t items) {
  offsets_.reserve(ballots + 1);
  items_.reserve(items);
  if (has_points(kind_)) points_.reserve(items);
}

PPB_FUNC void profile::add(std::span<const project_index> items, std::span<const std::int64_t> points,
                           std::uint64_t weight) {
  if (weight == 0) throw usage_error("a ballot's weight must be positive");
  if (has_points(kind_) ? points.size() != items.size() : !points.empty())
    throw usage_error("points must be given for each project of a cumulative or scoring ballot, and only there");
  const auto start = items_.size();
  items_.insert(items_.end(), items.begin(), items.end());
  if (kind_ == vote_type::approval || kind_ == vote_type::choose_1)
    std::sort(items_.begin() + static_cast<std::ptrdiff_t>(start), items_.end());
  points_.insert(points_.end(), points.begin(), points.end());
  if (weight != 1 && weights_.empty()) weights_.assign(size(), 1);
  if (!weights_.empty() || weight != 1) weights_.push_back(weight);
  offsets_.push_back(items_.size());
  total_weight_ += weight;
}

PPB_FUNC auto profile::find_distinct() const -> distinct_rows {
  // An index over row numbers, keyed by the row's items and points: no copy of any ballot, and
  // the first appearance of each distinct ballot fixes its place, so the result is deterministic.
  const auto hash_of = [&](std::size_t i) {
    std::uint64_t h = 1469598103934665603ULL;
    const auto b = (*this)[i];
    for (auto p : b.items) h = (h ^ p) * 1099511628211ULL;
    for (auto q : b.points) h = (h ^ static_cast<std::uint64_t>(q)) * 1099511628211ULL;
    return index_table::mix(h);
  };
  // 32-bit row numbers halve the table; a profile of 2^32 distinct rows would not fit in memory anyway.
  if (size() >= index_table::npos) throw usage_error("profile too large to merge");
  // Of distinct rows, by their place in `first`. Sized for a few thousand distinct ballots, not
  // one per row: it grows from its stored hash bits, without hashing any ballot again.
  index_table index(std::min<std::size_t>(size(), 4096));
  distinct_rows d;
  for (std::size_t i = 0; i < size(); ++i) {
    const auto b = (*this)[i];
    const auto place = static_cast<std::uint32_t>(d.first.size());
    const auto found = index.find_or_insert(hash_of(i), place, [&](std::uint32_t r) {
      const auto other = (*this)[d.first[r]];
      return std::ranges::equal(other.items, b.items) && std::ranges::equal(other.points, b.points);
    });
    if (found == place) {
      d.first.push_back(i);
      d.weight.push_back(b.weight);
    } else {
      d.weight[found] += b.weight;
    }
  }
  return d;
}

PPB_FUNC auto profile::merge_identical() const -> profile {
  const auto d = find_distinct();
  profile merged(kind_);
  merged.reserve(d.first.size(), items_.size());
  for (std::size_t k = 0; k < d.first.size(); ++k) {
    const auto b = (*this)[d.first[k]];
    merged.add(b.items, b.points, d.weight[k]);
  }
  return merged;
}

PPB_FUNC auto operator==(const profile& a, const profile& b) -> bool {
  if (a.kind_ != b.kind_ || a.size() != b.size() || a.voters_data != b.voters_data) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = a[i], y = b[i];
    if (x.weight != y.weight || !std::ranges::equal(x.items, y.items) || !std::ranges::equal(x.points, y.points))
      return false;
  }
  return true;
}

namespace detail {
// Adds one row (of weight w) to the totals.
inline void add_to_totals(project_totals& t, const instance& inst, const ballot_view& b, std::uint64_t weight, bool ordinal) {
  const auto w = static_cast<std::int64_t>(weight);
  const auto k = static_cast<std::int64_t>(b.items.size());
  for (std::size_t j = 0; j < b.items.size(); ++j) {
    const auto p = b.items[j];
    PPB_ASSERT(p < inst.size());
    t.supporters[p] += weight;
    const std::int64_t score = !b.points.empty() ? b.points[j] : ordinal ? k - static_cast<std::int64_t>(j) : 1;
    t.points[p] = checked_add(t.points[p], checked_mul(score, w));
  }
}
}  // namespace detail

PPB_FUNC auto totals(const instance& inst, const profile& prof) -> project_totals {
  project_totals t{std::vector<std::uint64_t>(inst.size(), 0), std::vector<std::int64_t>(inst.size(), 0)};
  const bool ordinal = prof.kind() == vote_type::ordinal;
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto b = prof[i];
    detail::add_to_totals(t, inst, b, b.weight, ordinal);
  }
  return t;
}

PPB_FUNC auto totals(const instance& inst, const profile& prof, const profile::distinct_rows& distinct) -> project_totals {
  project_totals t{std::vector<std::uint64_t>(inst.size(), 0), std::vector<std::int64_t>(inst.size(), 0)};
  const bool ordinal = prof.kind() == vote_type::ordinal;
  for (std::size_t i = 0; i < distinct.first.size(); ++i) detail::add_to_totals(t, inst, prof[distinct.first[i]], distinct.weight[i], ordinal);
  return t;
}

PPB_END_NAMESPACE

#endif
