// Proves this executable really is built header-only: no libppb behind it.
#ifndef PPB_HEADER_ONLY
#  error "ppb-tests-header-only must be compiled with PPB_HEADER_ONLY"
#endif
#include <doctest/doctest.h>

#include "ppb/ppb.hpp"

TEST_CASE("header-only build tallies without libppb") {
  ppb::instance inst;
  inst.budget = 10;
  inst.add({.id = "a", .cost = 6});
  inst.add({.id = "b", .cost = 5});
  ppb::profile prof;
  const ppb::project_index a[] = {0}, b[] = {1};
  prof.add(a);
  prof.add(a);
  prof.add(b);
  const auto out = ppb::tally::greedy(inst, prof);
  REQUIRE(out.selected.size() == 1);
  CHECK(inst[out.selected[0]].id == "a");
}
