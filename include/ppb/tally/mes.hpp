/// @file
/// The Method of Equal Shares (Peters and Skowron 2020; for PB: Peters, Pierczyński and
/// Skowron 2021), exact, with the completions cities and pabutools use.
#ifndef PPB_TALLY_MES_HPP
#define PPB_TALLY_MES_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/core/rational.hpp"
#include "ppb/tally/greedy.hpp"

PPB_BEGIN_NAMESPACE

/// One stage of a completion chain (`add1+greedy`).
enum class mes_completion : std::uint8_t {
  /// equalshares.net's Add1 and pabulib's `equalshares/add1`: start every voter at ⌊B/n⌋ whole
  /// currency units, raise by one unit per voter while the outcome still costs at most B, keep
  /// the last outcome that fits.
  add1,
  /// pabutools' `voter_budget_increment=1`: start at B/n, raise by one unit per voter until the
  /// outcome is exhaustive (returned) or costs more than B (the previous one is returned).
  add1_exhaustive,
  /// Utilitarian greedy on the budget MES left: the remaining projects by the same satisfaction
  /// per cost (cost: supporters; cardinality: supporters per cost; points: points per cost),
  /// each that still fits.
  greedy,
};

/// Stable name (`"add1-exhaustive"`).
PPB_API auto mes_completion_name(mes_completion c) noexcept -> std::string_view;

/// Parses `none`, `add1`, `add1-exhaustive`, `greedy`, `add1+greedy`, `add1-exhaustive+greedy`.
/// At most one budget increase, and `greedy` only last. Throws `usage_error` otherwise.
PPB_API auto parse_mes_completion(std::string_view spec) -> std::vector<mes_completion>;

/// Options of `method_of_equal_shares`.
struct mes_options {
  /// `cost` (equalshares.net's default: a voter's satisfaction is the cost of the approved funded
  /// projects), `cardinality` (their number) or `points` (the points or score the voter gave;
  /// cumulative and scoring ballots, and approval where it equals cardinality).
  satisfaction_kind satisfaction = satisfaction_kind::cost;
  /// Orders projects of exactly equal ρ. pabutools' default is lexicographic; pabulib's official
  /// MES outcomes use min-cost, max-votes, file-order.
  tie_break tie = tie_break::lexicographic();
  /// Completion stages, in order (empty = none).
  std::vector<mes_completion> completion;
  /// equalshares.net's comparison step: compute greedy by votes (satisfaction cost, `tie`) as
  /// well and return it instead when strictly more voters have more funded projects on their
  /// ballot under greedy than under MES (+completion).
  bool comparison = false;
};

/// One round of MES: the project funded and who paid what.
struct mes_round {
  project_index project = 0;
  rational rho;                  ///< price per unit of satisfaction
  rational share;                ///< what a supporter who pays in full pays per unit of their k
                                 ///< (cost, cardinality: the payment itself)
  std::uint64_t full_payers = 0; ///< supporters (weighted) who paid the full share
  std::uint64_t full_units = 0;  ///< their Σ k (= full_payers unless satisfaction is points):
                                 ///< share × full_units + all_in_paid == the project's cost
  std::uint64_t all_in_payers = 0;  ///< supporters who paid everything they had left (and had
                                    ///< something: those with nothing left are not counted)
  rational all_in_paid;          ///< what those paid together
};

/// The outcome with what only MES knows.
struct mes_result {
  outcome result;
  /// The per-voter endowment of the MES run the result comes from (after any add1 stage), in
  /// units of 10^-money_places.
  rational per_voter_budget;
  std::uint32_t budget_steps = 0;       ///< add1 stages: how many times the endowment was raised
  std::vector<mes_round> rounds;        ///< the MES rounds (not the greedy completion)
  std::vector<project_index> mes_selected;  ///< what MES (+ add1) funded, before greedy completion
  /// Per project: the supporters' money left at the end of MES (what an unfunded project could
  /// have had), and its ρ: for a funded project the ρ it was funded at (0 if free); for an
  /// unfunded one the ρ it needed in the last round its supporters could still afford it (0 if
  /// they never could).
  std::vector<rational> supporters_left, last_rho;
  /// Per unfunded project: the rounds already paid when its supporters could last afford it
  /// (`rounds[*last_affordable]` is the round whose payments put it out of reach); none for
  /// funded projects and those never affordable.
  std::vector<std::optional<std::uint32_t>> last_affordable;
  bool comparison_chose_greedy = false;  ///< the comparison step replaced MES by greedy
  std::uint64_t prefer_mes = 0, prefer_greedy = 0;  ///< voters on each side of the comparison
};

namespace tally {

/// The Method of Equal Shares, as pabutools' `method_of_equal_shares` computes it, exactly.
///
/// Every voter gets an equal share B/n of the budget. Each round, for every project not yet
/// funded, MES finds the smallest ρ such that its supporters can pay its cost when each pays
/// ρ × (their satisfaction from it), or all they have left if that is less. The project of
/// smallest ρ is funded (ties by `opts.tie`) and its supporters pay. Projects whose supporters
/// together have less than their cost drop out; MES ends when no project remains. Projects of
/// cost 0 that someone supports are funded first; projects nobody supports never are.
///
/// Exact: ρ and every payment are exact integers over a common denominator; each funded project
/// is paid exactly in full and no voter pays more than they have (both checked by `PPB_ASSERT`).
/// Voters with identical ballots are one row. A voter's money is the endowment less the shares
/// of the funded projects on their ballot (or nothing, once they paid all they had), so rows
/// that paid the same shares form a class whose money is kept only as a double within a proven
/// error bound; exact sums come from counting which shares were paid, and integers decide only
/// what the doubles cannot. Memory: 4 bytes per distinct ballot and 16 per class (one per group
/// of payers per round), besides the supporter lists. ρ is only recomputed for projects whose
/// previous ρ could still win (ρ never falls); re-evaluating one costs a pass over its distinct
/// supporters (to group them by class) and then steps per class, so a round costs
/// O(Σ supporters of the projects re-evaluated).
///
/// The trace has one step per round (ρ, the payments) and one per completion step; every
/// unfunded project's reason says how short its supporters were at the end and, if they could
/// ever afford it, the ρ it needed in the last round they could and the round that put it out
/// of reach (found after the run from the payments, so the pruned scan stays as fast).
/// Throws `usage_error` for satisfaction `points` on ordinal ballots (pabutools defines none).
///
/// ```cpp
/// ppb::mes_options o;
/// o.completion = ppb::parse_mes_completion("add1+greedy");  // equalshares.net's "add1u"
/// auto out = ppb::tally::method_of_equal_shares(inst, prof, o);
/// ```
PPB_API auto method_of_equal_shares_detailed(const instance& inst, const profile& prof, const mes_options& opts = {})
    -> mes_result;

/// `method_of_equal_shares_detailed(...).result`.
PPB_API auto method_of_equal_shares(const instance& inst, const profile& prof, const mes_options& opts = {})
    -> outcome;

}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/mes-inl.hpp"
#endif

#endif
