// A C++ program built against an installed ppb through find_package(ppb) → ppb::ppb.
#include <cstdio>

#include <ppb/ppb.hpp>

auto main(int argc, char** argv) -> int {
  if (argc != 2) return 2;
  const ppb::election e = ppb::io::read_pabulib(argv[1]);
  const ppb::outcome out = ppb::tally::run(e.inst, e.prof, ppb::rule_options{});
  std::printf("c++: spent %lld of %lld\n", static_cast<long long>(out.spent), static_cast<long long>(out.budget));
  return 0;
}
