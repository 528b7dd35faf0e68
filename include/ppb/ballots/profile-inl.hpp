// Definitions for ballots/profile.hpp.
#ifndef PPB_BALLOTS_PROFILE_INL_HPP
#define PPB_BALLOTS_PROFILE_INL_HPP

#include <algorithm>
#include <map>

#include "ppb/ballots/profile.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC void voter_table::set_columns(std::vector<std::string> names) {
  if (!codes_.empty()) throw usage_error("voter columns are set before the first row", errc::misuse);
  columns_ = std::move(names);
  values_.assign(columns_.size(), {});
  lookup_.assign(columns_.size(), {});
}

PPB_FUNC void voter_table::add_row(std::span<const std::string_view> cells) {
  if (cells.size() != columns_.size()) throw usage_error("voter row has the wrong number of cells");
  for (std::size_t c = 0; c < cells.size(); ++c) {
    auto [it, inserted] = lookup_[c].try_emplace(std::string(cells[c]), static_cast<std::uint32_t>(values_[c].size()));
    if (inserted) values_[c].emplace_back(cells[c]);
    codes_.push_back(it->second);
  }
}

PPB_FUNC auto voter_table::cell(std::size_t r, std::size_t c) const -> std::string_view {
  return values_.at(c).at(codes_.at(r * columns_.size() + c));
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
  if (!weights_.empty() || weight != 1) weights_.push_back(weight);  // the first row too
  offsets_.push_back(items_.size());
  total_weight_ += weight;
}

PPB_FUNC auto profile::merge_identical() const -> profile {
  // Key: the ballot's items and points; ordered map keeps the build deterministic.
  std::map<std::pair<std::vector<project_index>, std::vector<std::int64_t>>, std::size_t> seen;
  std::vector<std::pair<const std::pair<std::vector<project_index>, std::vector<std::int64_t>>*, std::uint64_t>> rows;
  for (std::size_t i = 0; i < size(); ++i) {
    const auto b = (*this)[i];
    auto key = std::make_pair(std::vector<project_index>(b.items.begin(), b.items.end()),
                              std::vector<std::int64_t>(b.points.begin(), b.points.end()));
    auto [it, inserted] = seen.try_emplace(std::move(key), rows.size());
    if (inserted) rows.emplace_back(&it->first, b.weight);
    else rows[it->second].second += b.weight;
  }
  profile merged(kind_);
  for (const auto& [key, weight] : rows) merged.add(key->first, key->second, weight);
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

PPB_FUNC auto totals(const instance& inst, const profile& prof) -> project_totals {
  project_totals t{std::vector<std::uint64_t>(inst.size(), 0), std::vector<std::int64_t>(inst.size(), 0)};
  const bool ordinal = prof.kind() == vote_type::ordinal;
  for (std::size_t i = 0; i < prof.size(); ++i) {
    const auto b = prof[i];
    const auto w = static_cast<std::int64_t>(b.weight);
    const auto k = static_cast<std::int64_t>(b.items.size());
    for (std::size_t j = 0; j < b.items.size(); ++j) {
      const auto p = b.items[j];
      PPB_ASSERT(p < inst.size());
      t.supporters[p] += b.weight;
      const std::int64_t score = !b.points.empty() ? b.points[j] : ordinal ? k - static_cast<std::int64_t>(j) : 1;
      t.points[p] = checked_add(t.points[p], checked_mul(score, w));
    }
  }
  return t;
}

PPB_END_NAMESPACE

#endif
