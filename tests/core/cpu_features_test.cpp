#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "ppb/core/cpu_features.hpp"
#include "ppb/crypto/hash.hpp"

using namespace ppb;

namespace {
// The "flags" line of the first processor in /proc/cpuinfo, as " flag1 flag2 ... " (empty if none).
auto linux_cpu_flags() -> std::string {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("flags", 0) == 0) return " " + line.substr(line.find(':') + 1) + " ";
  }
  return {};
}
auto has_flag(const std::string& flags, const char* name) -> bool {
  return flags.find(std::string(" ") + name + " ") != std::string::npos;
}
}  // namespace

TEST_CASE("cpu_features agrees with the kernel's view of the CPU (/proc/cpuinfo flags)") {
  const auto flags = linux_cpu_flags();
  const auto& f = cpu_features();
  CHECK(&f == &cpu_features());  // detected once, then the same answer
#if PPB_X86_DISPATCH
  if (flags.empty()) return;  // not Linux: nothing to compare with
  CHECK(f.sse4_2 == has_flag(flags, "sse4_2"));
  CHECK(f.sha_extensions == (has_flag(flags, "sha_ni") && has_flag(flags, "ssse3") && has_flag(flags, "sse4_1")));
  CHECK(crypto::sha256_uses_cpu_extensions() == f.sha_extensions);
#else
  CHECK_FALSE(f.sse4_2);
  CHECK_FALSE(f.sha_extensions);
  CHECK_FALSE(crypto::sha256_uses_cpu_extensions());
#endif
}
