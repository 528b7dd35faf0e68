// Reads a pabulib election and tallies it the way Kazakhstan's People's Participation Budget does:
// most votes win while the money lasts. Usage: 01_tally_greedy FILE.pb
#include <cstdio>

#include "ppb/ppb.hpp"

auto main(int argc, char** argv) -> int {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.pb\n", argv[0]);
    return 2;
  }
  try {
    const ppb::election e = ppb::io::read_pabulib(argv[1]);
    ppb::greedy_options opts;  // points satisfaction, ties: lower cost, more votes, file order
    const ppb::outcome out = ppb::tally::greedy(e.inst, e.prof, opts);
    for (auto p : out.selected)
      std::printf("funded %-8s %12s  %s\n", e.inst[p].id.c_str(),
                  ppb::format_units(e.inst[p].cost, e.inst.money_places).c_str(), e.inst[p].name.c_str());
    std::printf("spent %s of %s\n", ppb::format_units(out.spent, e.inst.money_places).c_str(),
                ppb::format_units(out.budget, e.inst.money_places).c_str());
  } catch (const ppb::error& err) {
    std::fprintf(stderr, "%s\n", err.what());
    return 1;
  }
  return 0;
}
