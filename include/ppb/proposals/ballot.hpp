/// @file
/// From approved proposals to ballots: each unit with a budget gets an `instance` whose projects
/// are its approved proposals, ready for `io::write_pabulib` (a `.pb` with META and PROJECTS).
#ifndef PPB_PROPOSALS_BALLOT_HPP
#define PPB_PROPOSALS_BALLOT_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ppb/io/pabulib.hpp"
#include "ppb/proposals/registry.hpp"

PPB_BEGIN_NAMESPACE

/// The ballot of `unit`: budget = its envelope; vote type and limits = its ballot; projects = its
/// approved proposals in submission order (id, name = title, cost = the review's cost, category,
/// address and description as extra columns). META: description (the cycle's English title),
/// country, unit (the root's English name), subunit (this unit's, if not the root), instance
/// (cycle id), currency, budget, vote_type, rule (pabulib's name for the tally rule, or
/// `unknown`), date_begin/date_end (the voting phase's local dates, dd.mm.yyyy), the ballot
/// limits, max_project_cost, num_projects and num_votes (0). Throws `usage_error` if `unit` is
/// not in the election or has no budget.
PPB_API auto ballot_instance(const election_definition& def, const proposal_registry& registry,
                             std::string_view unit) -> instance;

/// `ballot_instance` of every unit with a budget, in definition order, paired with the unit id.
PPB_API auto ballot_instances(const election_definition& def, const proposal_registry& registry)
    -> std::vector<std::pair<std::string, instance>>;

/// The ballot of `unit` as a pabulib election with no votes yet, for `io::write_pabulib`.
PPB_API auto ballot_election(const election_definition& def, const proposal_registry& registry,
                             std::string_view unit) -> election;

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/proposals/ballot-inl.hpp"
#endif

#endif
