/// @file
/// What a tally returns: the funded projects in selection order, the money spent, every
/// project's fate with its reason, every tie and how it was broken, and a step-by-step trace.
#ifndef PPB_TALLY_OUTCOME_HPP
#define PPB_TALLY_OUTCOME_HPP

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ppb/ballots/profile.hpp"
#include "ppb/model/instance.hpp"
#include "ppb/tally/tie_break.hpp"

PPB_BEGIN_NAMESPACE

/// A project's fate in one tally.
enum class project_status : std::uint8_t {
  funded,      ///< selected and paid for
  skipped,     ///< considered, not funded (reason says why: did not fit, not affordable, …)
  excluded,    ///< never considered (below a support threshold)
  not_reached  ///< the rule stopped before considering it (greedy-no-skip)
};

/// Stable name of a status (`"funded"`).
PPB_API auto project_status_name(project_status s) noexcept -> std::string_view;

/// One project's result.
struct project_result {
  project_index project = 0;
  project_status status = project_status::skipped;
  std::string reason;          ///< plain words: why funded or not
  std::uint64_t votes = 0;     ///< ballots listing the project (weighted)
  std::int64_t points = 0;     ///< total points/score (approval: = votes; ordinal: k…1 by rank)
  fraction support;            ///< the value the rule ranked it by
  std::uint32_t rank = 0;      ///< 1-based position in the rule's order of consideration; 0 if none
};

/// Projects the rule could not tell apart, in the order the tie-break put them.
struct tie_record {
  std::vector<project_index> projects;
  fraction support;                     ///< their common value
  std::vector<tie_criterion> decided_by;  ///< for each adjacent pair, the deciding criterion
  bool changed_outcome = false;         ///< some of them were funded and some not
};

/// One step of a rule's run.
struct trace_step {
  std::uint32_t round = 0;
  project_index project = 0;
  project_status action = project_status::skipped;
  money budget_left = 0;  ///< after this step
  std::string detail;     ///< rule-specific numbers in words (ρ, payments, support)
};

/// The result of a tally.
struct outcome {
  std::string rule;                       ///< e.g. `"greedy"`, `"greedy-cost"`
  std::string satisfaction;               ///< e.g. `"points"`
  std::string tie_break;                  ///< policy name
  /// The lot's seed when the policy draws lots (`lot`), so that anyone can replay the draw.
  std::optional<std::uint64_t> seed;
  money budget = 0;
  money spent = 0;
  std::vector<project_index> selected;    ///< funded projects, in selection order
  std::vector<project_result> projects;   ///< one per project, in instance order
  std::vector<tie_record> ties;
  std::vector<trace_step> trace;
  std::vector<std::string> notes;         ///< anything else worth telling (stopping rule, limits)
  /// Rules that search for an optimum (max-welfare): whether the outcome was proven optimal
  /// (false when a node limit stopped the search). Unset for other rules.
  std::optional<bool> optimal;

  [[nodiscard]] auto is_funded(project_index p) const -> bool {
    return p < projects.size() && projects[p].status == project_status::funded;
  }
  /// Sets each tie's `changed_outcome`: some of its projects funded and some not. Rules call it
  /// once their selection is final.
  void mark_ties_that_changed_outcome() {
    for (auto& t : ties) {
      bool some_funded = false, some_not = false;
      for (auto p : t.projects) (is_funded(p) ? some_funded : some_not) = true;
      t.changed_outcome = some_funded && some_not;
    }
  }
};

namespace tally {
/// An outcome before a rule has decided anything: its names, the budget, and one result per
/// project (votes and points from `t`, status skipped, support 0), for the rule to fill in.
PPB_API auto start_outcome(const instance& inst, const project_totals& t, std::string rule, std::string satisfaction,
                           const tie_break& tie) -> outcome;
/// A tie among `ordered` (already in the order `tie` puts them) at `support`, with the criterion
/// that decided each adjacent pair; `changed_outcome` is set by `mark_ties_that_changed_outcome`.
PPB_API auto make_tie(const instance& inst, std::span<const std::uint64_t> votes, const tie_break& tie,
                      std::vector<project_index> ordered, fraction support) -> tie_record;
}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/outcome-inl.hpp"
#endif

#endif
