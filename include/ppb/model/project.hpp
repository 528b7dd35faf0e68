/// @file
/// A project on the ballot: its id (identity), name, cost and descriptive columns.
#ifndef PPB_MODEL_PROJECT_HPP
#define PPB_MODEL_PROJECT_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ppb/core/money.hpp"

PPB_BEGIN_NAMESPACE

/// Position of a project in its instance (0-based, file order). Profiles store these.
using project_index = std::uint32_t;

/// One project. Identity is `id`, never `name` (pabutools compares by name; we do not).
struct project {
  std::string id;                        ///< pabulib `project_id`: any non-empty string
  std::string name;                      ///< display name, UTF-8
  money cost = 0;                        ///< in the instance's smallest unit, ≥ 0
  std::vector<std::string> categories;   ///< pabulib `category`/`categories`
  std::vector<std::string> targets;      ///< pabulib `beneficiaries`/`target`/`targets`
  std::string district;                  ///< from `district`, `subunit` or `neighborhood`, if any
  std::optional<int> selected;           ///< official outcome column (`selected`), if the file has one
  /// Every other column, in file order, as text (`votes`, `score`, `description`, `latitude`, …),
  /// including the raw district/subunit/neighborhood cells.
  std::vector<std::pair<std::string, std::string>> extra;

  /// The extra column `column`, or nullptr.
  [[nodiscard]] auto extra_value(std::string_view column) const -> const std::string* {
    for (const auto& [k, v] : extra)
      if (k == column) return &v;
    return nullptr;
  }
  friend auto operator==(const project&, const project&) -> bool = default;
};

PPB_END_NAMESPACE

#endif
