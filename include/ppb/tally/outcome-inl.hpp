// Definitions for tally/outcome.hpp.
#ifndef PPB_TALLY_OUTCOME_INL_HPP
#define PPB_TALLY_OUTCOME_INL_HPP

#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto project_status_name(project_status s) noexcept -> std::string_view {
  switch (s) {
    case project_status::funded: return "funded";
    case project_status::skipped: return "skipped";
    case project_status::excluded: return "excluded";
    case project_status::not_reached: return "not_reached";
  }
  return "skipped";
}

PPB_END_NAMESPACE

#endif
