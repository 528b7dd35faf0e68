/// @file
/// Rules by name: one entry point that the CLI, the C ABI and the Python module share, so that a
/// rule spelled the same way gives the same outcome everywhere.
#ifndef PPB_TALLY_RULE_HPP
#define PPB_TALLY_RULE_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ppb/tally/greedy.hpp"

PPB_BEGIN_NAMESPACE

/// A rule and its options, as the CLI spells them (`--rule greedy --satisfaction cost ...`).
struct rule_options {
  std::string rule = "greedy";  ///< see `rule_names()`
  satisfaction_kind satisfaction = satisfaction_kind::points;
  bool satisfaction_given = false;  ///< rules with another default (MES: cost) look at this
  tie_break tie = tie_break::standard();
  bool tie_given = false;  ///< `--rule meta` uses the checker's ties unless one is given
  /// MES completion: `none`, `add1`, `add1-exhaustive`, `greedy`, or a `+` chain (`add1+greedy`).
  std::string completion = "none";
  /// equalshares.net's comparison step: keep MES(+completion) unless strictly more voters
  /// prefer the greedy outcome.
  bool comparison = false;
  /// max-welfare: branch-and-bound nodes the search may visit (0 = no limit; unset: the default
  /// of `max_welfare_options`). The outcome's `optimal` says whether optimality was proven.
  std::optional<std::uint64_t> node_limit;
};

namespace tally {

/// Names `run` accepts, in the order `ppb tally --help` lists them.
PPB_API auto rule_names() -> std::vector<std::string>;

/// Throws `usage_error` for an unknown rule or options it does not take, before any data is
/// read: completion or comparison with a rule other than mes (or meta); a satisfaction with
/// phragmen; a satisfaction other than points with greedy-cost, which *is* greedy by points per
/// cost (supporters per cost is `greedy` with satisfaction `cardinality`, issues 2 and 3).
PPB_API void check_options(const rule_options& opts);

/// Runs the named rule. Throws `usage_error` as `check_options` does.
PPB_API auto run(const instance& inst, const profile& prof, const rule_options& opts) -> outcome;

}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/rule-inl.hpp"
#endif

#endif
