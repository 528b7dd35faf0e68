/// @file
/// Umbrella header: everything in ppb's public C++ API.
#ifndef PPB_PPB_HPP
#define PPB_PPB_HPP

#include "ppb/ballots/profile.hpp"
#include "ppb/ballots/validation.hpp"
#include "ppb/config.hpp"
#include "ppb/core/lang.hpp"
#include "ppb/core/money.hpp"
#include "ppb/core/rational.hpp"
#include "ppb/eligibility/checker.hpp"
#include "ppb/eligibility/iin.hpp"
#include "ppb/eligibility/roll.hpp"
#include "ppb/error.hpp"
#include "ppb/io/archive.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/io/json.hpp"
#include "ppb/io/pabulib.hpp"
#include "ppb/io/proposals_json.hpp"
#include "ppb/io/roll_csv.hpp"
#include "ppb/model/calendar.hpp"
#include "ppb/model/election.hpp"
#include "ppb/model/instance.hpp"
#include "ppb/model/project.hpp"
#include "ppb/proposals/ballot.hpp"
#include "ppb/proposals/proposal.hpp"
#include "ppb/proposals/registry.hpp"
#include "ppb/tally/greedy.hpp"
#include "ppb/tally/max_welfare.hpp"
#include "ppb/tally/mes.hpp"
#include "ppb/tally/meta_rule.hpp"
#include "ppb/tally/outcome.hpp"
#include "ppb/tally/phragmen.hpp"
#include "ppb/tally/rule.hpp"
#include "ppb/tally/tie_break.hpp"
#include "ppb/version.hpp"

#endif
