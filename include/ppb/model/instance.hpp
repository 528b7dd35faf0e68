/// @file
/// An instance: one budget unit's ballot — its budget, projects, ballot rules and metadata.
/// Ballots are not part of it; they live in a `profile` (pabutools' best idea).
#ifndef PPB_MODEL_INSTANCE_HPP
#define PPB_MODEL_INSTANCE_HPP

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ppb/model/project.hpp"

PPB_BEGIN_NAMESPACE

/// pabulib's vote types.
enum class vote_type : std::uint8_t { approval, choose_1, cumulative, scoring, ordinal };

/// pabulib name of a vote type (`"choose-1"`).
PPB_API auto vote_type_name(vote_type t) noexcept -> std::string_view;
/// Vote type from its pabulib name; nothing if unknown.
PPB_API auto parse_vote_type(std::string_view name) noexcept -> std::optional<vote_type>;

/// Whether ballots of this type carry points (cumulative, scoring).
constexpr auto has_points(vote_type t) noexcept -> bool {
  return t == vote_type::cumulative || t == vote_type::scoring;
}

/// What a valid ballot looks like (pabulib META limits). Absent = the format's default for the
/// vote type, which is no limit except for cumulative points (see `effective_rules`).
struct ballot_rules {
  std::optional<std::int64_t> min_length, max_length;   ///< number of projects on a ballot
  std::optional<money> min_sum_cost, max_sum_cost;       ///< total cost of approved projects
  std::optional<std::int64_t> min_points, max_points;   ///< points given to one project
  std::optional<std::int64_t> min_sum_points, max_sum_points;  ///< points on one ballot
  friend auto operator==(const ballot_rules&, const ballot_rules&) -> bool = default;
};

/// One budget unit's election: budget, projects in file order, ballot rules, metadata.
class PPB_API instance {
 public:
  money budget = 0;              ///< in smallest units at `money_places`
  int money_places = 0;          ///< money is counted in units of 10^-money_places
  vote_type kind = vote_type::approval;
  ballot_rules rules;
  /// Every META pair as text, in file order (including budget, vote_type, rule, limits).
  using meta_type = std::vector<std::pair<std::string, std::string>>;
  meta_type meta;
  /// PROJECTS column names in file order (empty for instances built in code).
  std::vector<std::string> project_columns;

  /// The projects, in file order; a profile's indices point into this.
  [[nodiscard]] auto projects() const noexcept -> const std::vector<project>& { return projects_; }
  [[nodiscard]] auto size() const noexcept -> std::size_t { return projects_.size(); }
  [[nodiscard]] auto operator[](project_index i) const -> const project& { return projects_.at(i); }
  /// Mutable access; changing `id` here is not allowed (use a new instance).
  auto cost_of(project_index i) -> money& { return projects_.at(i).cost; }
  /// Appends a project; throws `usage_error(invalid_argument)` if its id is empty or taken.
  auto add(project p) -> project_index;
  /// The index of the project with this id, if any. O(1).
  [[nodiscard]] auto find(std::string_view id) const -> std::optional<project_index>;
  /// The META value for `key`, or nullptr.
  [[nodiscard]] auto meta_value(std::string_view key) const -> const std::string*;
  /// Sets (or appends) a META pair.
  void set_meta(std::string_view key, std::string value);

  friend auto operator==(const instance& a, const instance& b) -> bool {
    return a.budget == b.budget && a.money_places == b.money_places && a.kind == b.kind &&
           a.rules == b.rules && a.meta == b.meta && a.project_columns == b.project_columns &&
           a.projects_ == b.projects_;
  }

 private:
  std::vector<project> projects_;
  std::unordered_map<std::string, project_index> by_id_;
};

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/model/instance-inl.hpp"
#endif

#endif
