/// @file
/// Tie-breaking as an explicit, ordered, named policy. Every policy ends in file order, so it is
/// total and can never fail: a resolute rule always gets an answer.
#ifndef PPB_TALLY_TIE_BREAK_HPP
#define PPB_TALLY_TIE_BREAK_HPP

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/model/instance.hpp"

PPB_BEGIN_NAMESPACE

/// One criterion of a tie-break policy.
enum class tie_criterion : std::uint8_t {
  min_cost,       ///< cheaper project first
  max_votes,      ///< project on more ballots first
  file_order,     ///< earlier in the file first (pabulib's checker)
  lexicographic,  ///< smaller id string first, by code point (pabutools' default)
  lot,            ///< a public seeded lot: order by splitmix64(seed ^ fnv1a64(id))
};

/// Stable name of a criterion (`"min-cost"`).
PPB_API auto tie_criterion_name(tie_criterion c) noexcept -> std::string_view;

/// An ordered list of criteria; the first that tells two projects apart decides.
struct tie_break {
  std::vector<tie_criterion> criteria;
  std::uint64_t seed = 0;  ///< used by `lot`

  /// ppb's default: lower cost, then more votes, then the file's project order.
  static auto standard() -> tie_break { return {{tie_criterion::min_cost, tie_criterion::max_votes, tie_criterion::file_order}, 0}; }
  /// Ties keep the file's project order, as pabulib's checker ranks them.
  static auto file_order() -> tie_break { return {{tie_criterion::file_order}, 0}; }
  /// pabutools' default: project ids compared as strings, by code point.
  static auto lexicographic() -> tie_break { return {{tie_criterion::lexicographic}, 0}; }

  /// Parses `default`, `file-order`, `lexicographic`, `lot`, or a comma list of
  /// `min-cost,max-votes,file-order,lexicographic,lot`. Throws `usage_error` on anything else.
  static auto parse(std::string_view spec, std::uint64_t seed = 0) -> tie_break;
  /// The policy as text, e.g. `"min-cost,max-votes,file-order"`.
  [[nodiscard]] auto name() const -> std::string;
  /// Whether the policy draws lots (so `seed` decides something).
  [[nodiscard]] auto draws_lots() const -> bool {
    return std::find(criteria.begin(), criteria.end(), tie_criterion::lot) != criteria.end();
  }

  /// A total priority over the instance's projects: `rank[p]` smaller wins ties.
  /// `votes[p]` is the number of ballots listing p (for `max-votes`). O(n log n).
  [[nodiscard]] auto priority(const instance& inst, std::span<const std::uint64_t> votes) const
      -> std::vector<std::uint32_t>;
  /// The criterion that puts `a` and `b` in their order, or `file_order` if none tells them apart.
  [[nodiscard]] auto deciding(const instance& inst, std::span<const std::uint64_t> votes, project_index a,
                              project_index b) const -> tie_criterion;
};

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/tie_break-inl.hpp"
#endif

#endif
