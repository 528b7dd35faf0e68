// libFuzzer target: pabulib .pb text (io::parse_pabulib).
// Properties: malformed text is refused with a ppb::error and nothing else; a file that parses
// writes back (io::to_pabulib) to text that parses to the same profile and the same instance, and
// writing that again gives the same text. "The same instance" leaves out the META keys the writer
// rewrites from the model (budget, vote_type, num_projects, num_votes): "100" and "100.00",
// "Approval" and "approval", "+2" and "2" are one amount, one type and one count, spelled apart.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/error.hpp"
#include "ppb/io/pabulib.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "pabulib_fuzz: property violated: %s%s%s\n", what, detail.empty() ? "" : ": ", detail.c_str());
  __builtin_trap();
}

// The instance with the META keys that to_pabulib rewrites from the model taken out.
auto without_model_keys(ppb::instance inst) -> ppb::instance {
  std::erase_if(inst.meta, [](const auto& kv) {
    return kv.first == "budget" || kv.first == "vote_type" || kv.first == "num_projects" || kv.first == "num_votes";
  });
  return inst;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ppb::election e;
  try {
    e = ppb::io::parse_pabulib(text, "fuzz.pb");
  } catch (const ppb::error&) {
    return 0;
  }
  const std::string written = ppb::io::to_pabulib(e);
  ppb::election again;
  try {
    again = ppb::io::parse_pabulib(written, "written.pb");
  } catch (const ppb::error& err) {
    fail("to_pabulib wrote text that parse_pabulib refuses", err.what());
  }
  if (!(again.prof == e.prof)) fail("parse_pabulib(to_pabulib(e)) has another profile");
  if (!(without_model_keys(again.inst) == without_model_keys(e.inst))) fail("parse_pabulib(to_pabulib(e)) has another instance");
  if (ppb::io::to_pabulib(again) != written) fail("to_pabulib is not stable under a round trip");
  return 0;
}
