/// @file
/// Outcomes as JSON (Boost.JSON), the format `ppb tally --json`, the C ABI and the Python module
/// share.
#ifndef PPB_IO_JSON_HPP
#define PPB_IO_JSON_HPP

#include <boost/json/object.hpp>
#include <string>

#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE
namespace io {

/// `{"rule", "satisfaction", "tie_break", "money_places", "budget", "spent", "selected": [ids in
/// selection order], "projects": [{id, name, votes, points, support, cost, status, reason, rank}],
/// "ties": [...]}`, plus `"notes"` when there are any, `"seed"` (a number) when the tie-break draws
/// lots, `"optimal"` (bool) for rules that prove optimality (max-welfare: false when a node limit
/// stopped it), `"trace"` when `with_trace`. Money is an integer count of
/// 10^-money_places units (exact; money_places is 0 for whole-unit budgets).
PPB_API auto outcome_to_json(const instance& inst, const outcome& out, bool with_trace = false) -> boost::json::object;

/// The same, serialised on one line.
PPB_API auto outcome_to_json_text(const instance& inst, const outcome& out, bool with_trace = false) -> std::string;

}  // namespace io
PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/json-inl.hpp"
#endif

#endif
