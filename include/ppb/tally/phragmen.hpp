/// @file
/// Sequential Phragmén for approval (and choose-1) ballots, with exact rational loads.
#ifndef PPB_TALLY_PHRAGMEN_HPP
#define PPB_TALLY_PHRAGMEN_HPP

#include "ppb/ballots/profile.hpp"
#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

/// Options of `sequential_phragmen`.
struct phragmen_options {
  /// Orders projects whose new maximal load is exactly equal. pabutools' default is
  /// `tie_break::lexicographic()`.
  tie_break tie = tie_break::standard();
};

namespace tally {

/// Sequential Phragmén (Phragmén 1894; for PB as in pabutools' `sequential_phragmen`).
///
/// Every voter carries a load, initially 0. In each round, for every project p not yet funded the
/// rule computes the maximal load its supporters would carry if they shared its cost so that they
/// all end at the same load: `(Σ_{i supports p} load_i + cost(p)) / supporters(p)`. The project
/// with the smallest such load is funded and its supporters' loads are set to that value. The
/// rule stops as soon as a project with the smallest load (or one of several tied ones) does not
/// fit in the remaining budget — it does not skip it and go on. Projects that cost more than the
/// whole budget are never considered. A project nobody approves has infinite load; such
/// projects are only funded while every remaining project still fits (pabutools' behaviour).
///
/// Ties (exactly equal loads) are ordered by `opts.tie` and recorded in `outcome.ties`.
/// Exact: loads are rationals (GMP); floating point never decides. Identical ballots share their
/// load, so the work per round is O(#projects × #distinct loads) rational operations plus
/// O(length of the ballots that change load).
///
/// The trace has one step per round: the project funded and the new load of its supporters.
/// Throws `usage_error` unless `prof` holds approval or choose-1 ballots.
///
/// ```cpp
/// auto out = ppb::tally::sequential_phragmen(inst, prof, {ppb::tie_break::lexicographic()});
/// ```
PPB_API auto sequential_phragmen(const instance& inst, const profile& prof, const phragmen_options& opts = {})
    -> outcome;

}  // namespace tally

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/tally/phragmen-inl.hpp"
#endif

#endif
