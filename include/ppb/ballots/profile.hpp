/// @file
/// A profile: every ballot of one instance, stored as compressed rows (offsets + project indices,
/// plus points for cumulative/scoring ballots), each row with a multiplicity, and the voters'
/// own columns kept for round trips.
#ifndef PPB_BALLOTS_PROFILE_HPP
#define PPB_BALLOTS_PROFILE_HPP

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ppb/model/instance.hpp"

PPB_BEGIN_NAMESPACE

/// One ballot, borrowed from its profile.
/// - approval, choose-1: `items` strictly increasing; `points` empty.
/// - cumulative, scoring: `items` as listed on the ballot; `points[i]` belongs to `items[i]`.
/// - ordinal: `items` in rank order, most preferred first; `points` empty.
struct ballot_view {
  std::span<const project_index> items;
  std::span<const std::int64_t> points;
  std::uint64_t weight = 1;  ///< how many voters cast exactly this ballot
};

/// The voters' own columns (`voter_id`, `age`, `sex`, …), kept for round trips. A column with few
/// distinct values stores each once (a million rows of `sex;M` cost four bytes each); a column of
/// mostly distinct values (`voter_id`) is stored as one text arena with offsets.
class PPB_API voter_table {
 public:
  /// Column names in file order (always starts with `voter_id` when read from a file).
  [[nodiscard]] auto columns() const noexcept -> const std::vector<std::string>& { return columns_; }
  /// Sets the columns; only allowed while the table is empty.
  void set_columns(std::vector<std::string> names);
  [[nodiscard]] auto rows() const noexcept -> std::size_t { return rows_; }
  /// Appends a row, one cell per column.
  void add_row(std::span<const std::string_view> cells);
  /// Cell of row `r`, column `c`.
  [[nodiscard]] auto cell(std::size_t r, std::size_t c) const -> std::string_view;
  friend auto operator==(const voter_table& a, const voter_table& b) -> bool;

 private:
  struct column {
    // Interned while distinct values are few; switched to an arena once they are not.
    bool arena = false;
    std::vector<std::string> values;
    std::unordered_map<std::string, std::uint32_t> lookup;
    std::vector<std::uint32_t> codes;
    std::string text;
    std::vector<std::uint64_t> ends;  // arena: end offset of each row's text
  };
  static constexpr std::size_t max_interned = 4096;
  void to_arena(column& col);
  std::vector<std::string> columns_;
  std::vector<column> data_;
  std::size_t rows_ = 0;
  std::string key_;  // scratch for look-ups, to avoid an allocation per cell
};

/// All ballots of one instance. Indices refer to the instance's projects.
class PPB_API profile {
 public:
  explicit profile(vote_type kind = vote_type::approval) : kind_(kind) {}

  [[nodiscard]] auto kind() const noexcept -> vote_type { return kind_; }
  /// Number of stored rows (distinct ballots after `merge_identical`, else one per voter).
  [[nodiscard]] auto size() const noexcept -> std::size_t { return offsets_.size() - 1; }
  /// Number of voters: the sum of all weights.
  [[nodiscard]] auto voters() const noexcept -> std::uint64_t { return total_weight_; }
  [[nodiscard]] auto operator[](std::size_t i) const -> ballot_view {
    const auto b = offsets_[i], e = offsets_[i + 1];
    return {std::span(items_).subspan(b, e - b),
            points_.empty() ? std::span<const std::int64_t>() : std::span(points_).subspan(b, e - b),
            weights_.empty() ? 1 : weights_[i]};
  }
  /// Appends a ballot. Approval items are sorted here; `points` must be empty or match `items`.
  /// Throws `usage_error` on a size mismatch or a zero weight. Does not check ballot rules
  /// (see `validate`).
  void add(std::span<const project_index> items, std::span<const std::int64_t> points = {},
           std::uint64_t weight = 1);
  /// Identical ballots found without copying any: for each distinct ballot, the row where it
  /// first appears and the total weight of its copies, in order of first appearance. O(size).
  struct distinct_rows {
    std::vector<std::size_t> first;
    std::vector<std::uint64_t> weight;
  };
  [[nodiscard]] auto find_distinct() const -> distinct_rows;
  /// Merges identical ballots into one row with their total weight; voter columns are dropped
  /// (the result is for tallying, not for writing back). Order of first appearance is kept.
  [[nodiscard]] auto merge_identical() const -> profile;

  /// The voters' own columns, one row per ballot row (empty after `merge_identical`).
  voter_table voters_data;

  /// Memory held by the ballot arrays, in bytes (for benchmarks).
  [[nodiscard]] auto memory_bytes() const noexcept -> std::size_t {
    return offsets_.capacity() * sizeof(std::uint64_t) + items_.capacity() * sizeof(project_index) +
           points_.capacity() * sizeof(std::int64_t) + weights_.capacity() * sizeof(std::uint64_t);
  }
  void reserve(std::size_t ballots, std::size_t items);

  friend auto operator==(const profile& a, const profile& b) -> bool;

 private:
  vote_type kind_;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<project_index> items_;
  std::vector<std::int64_t> points_;
  std::vector<std::uint64_t> weights_;  // empty while every weight is 1
  std::uint64_t total_weight_ = 0;
};

/// Per-project totals every greedy-style rule needs, weighted by multiplicity.
struct project_totals {
  std::vector<std::uint64_t> supporters;  ///< ballots listing the project
  std::vector<std::int64_t> points;       ///< approval: supporters; cumulative/scoring: Σ points;
                                          ///< ordinal: Σ (k − rank) for a ballot of length k (k…1)
};
/// Computes `project_totals` in one pass over the profile. O(total ballot length).
PPB_API auto totals(const instance& inst, const profile& prof) -> project_totals;
/// The same totals from the profile's distinct rows (`profile::find_distinct`): O(their length).
PPB_API auto totals(const instance& inst, const profile& prof, const profile::distinct_rows& distinct) -> project_totals;

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/ballots/profile-inl.hpp"
#endif

#endif
