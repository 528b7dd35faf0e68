/// @file
/// Umbrella header: everything in ppb's public C++ API.
#ifndef PPB_PPB_HPP
#define PPB_PPB_HPP

#include "ppb/ballots/profile.hpp"
#include "ppb/ballots/validation.hpp"
#include "ppb/config.hpp"
#include "ppb/core/money.hpp"
#include "ppb/core/rational.hpp"
#include "ppb/error.hpp"
#include "ppb/io/json.hpp"
#include "ppb/io/pabulib.hpp"
#include "ppb/io/report.hpp"
#include "ppb/model/instance.hpp"
#include "ppb/model/project.hpp"
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
