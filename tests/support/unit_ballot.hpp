// The ballot of one unit of an election definition, with made-up projects: what the ballot-box
// tests and the ledger bench give a box for each unit.
#ifndef PPB_TESTS_UNIT_BALLOT_HPP
#define PPB_TESTS_UNIT_BALLOT_HPP

#include <string>

#include "ppb/model/election.hpp"
#include "ppb/model/instance.hpp"

namespace support {

/// The ballot of `unit`: its budget and rules, and `projects` projects p1, p2, … costing
/// `first_cost`, `first_cost + cost_step`, ….
inline auto unit_ballot(const ppb::election_definition& def, const std::string& unit, int projects = 5,
                        ppb::money first_cost = 5000000, ppb::money cost_step = 0) -> ppb::instance {
  ppb::instance inst;
  inst.budget = *def.find_unit(unit)->budget;
  inst.kind = def.ballot_of(unit).kind;
  inst.rules = def.ballot_of(unit).rules;
  inst.set_meta("description", unit);
  inst.set_meta("unit", unit);
  for (int i = 1; i <= projects; ++i) {
    ppb::project p;
    p.id = "p" + std::to_string(i);
    p.name = "Project " + std::to_string(i);
    p.cost = first_cost + cost_step * (i - 1);
    inst.add(std::move(p));
  }
  return inst;
}

}  // namespace support

#endif  // PPB_TESTS_UNIT_BALLOT_HPP
