// The C ABI's one guard (bindings/c/src/guard.hpp): every exception type maps to its status and
// message, including the ones no C call can provoke on purpose (out of memory, internal errors).
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "../../bindings/c/src/guard.hpp"

namespace {

auto message() -> std::string { return ppb::capi::last_error().text(); }
auto code() -> int { return ppb::capi::last_error().code; }

}  // namespace

TEST_CASE("guard passes a status through and leaves the last error alone on success") {
  ppb::capi::fail(PPB_ERR_IO, ppb::errc::io, "earlier");
  CHECK(ppb::capi::guard([] { return PPB_OK; }) == PPB_OK);
  CHECK(message() == "earlier");
  CHECK(code() == 100);
}

TEST_CASE("guard maps ppb errors by their errc") {
  using ppb::errc;
  CHECK(ppb::capi::guard([]() -> ppb_status { throw ppb::parse_error(errc::unknown_project, "f.pb", 3, "bad"); }) ==
        PPB_ERR_PARSE);
  CHECK(message() == "[ppb.parse_error.103] f.pb:3: bad");
  CHECK(code() == 103);
  CHECK(ppb::capi::guard([]() -> ppb_status { throw ppb::parse_error(errc::io, "f.pb", 0, "cannot open the file"); }) ==
        PPB_ERR_IO);
  CHECK(code() == 100);
  CHECK(ppb::capi::guard([]() -> ppb_status { throw ppb::usage_error("bad option"); }) == PPB_ERR_INVALID_ARGUMENT);
  CHECK(message() == "[ppb.usage_error.200] bad option");
  CHECK(ppb::capi::guard([]() -> ppb_status { throw ppb::usage_error("closed", errc::misuse); }) == PPB_ERR_MISUSE);
  CHECK(code() == 201);
  CHECK(ppb::capi::guard([]() -> ppb_status { throw ppb::error(errc::number_too_large, "overflow"); }) ==
        PPB_ERR_PARSE);
  CHECK(ppb::capi::guard([]() -> ppb_status { throw ppb::error(errc::internal, "broken"); }) == PPB_ERR_INTERNAL);
}

TEST_CASE("every errc maps to a status, codes outside the known ranges are INTERNAL until mapped") {
  using ppb::capi::to_status;
  using ppb::errc;
  CHECK(to_status(errc::ok) == PPB_ERR_INTERNAL);  // never thrown; a thrown 0 is a bug
  CHECK(to_status(errc::io) == PPB_ERR_IO);
  for (int v = 101; v <= 117; ++v) CHECK(to_status(static_cast<errc>(v)) == PPB_ERR_PARSE);
  CHECK(to_status(errc::invalid_argument) == PPB_ERR_INVALID_ARGUMENT);
  CHECK(to_status(errc::misuse) == PPB_ERR_MISUSE);
  CHECK(to_status(errc::log_closed) == PPB_ERR_MISUSE);
  CHECK(to_status(errc::box_stopped) == PPB_ERR_MISUSE);
  CHECK(to_status(errc::internal) == PPB_ERR_INTERNAL);
  CHECK(to_status(static_cast<errc>(650)) == PPB_ERR_INTERNAL);
}

TEST_CASE("guard maps out of memory, other exceptions and non-exceptions") {
  CHECK(ppb::capi::guard([]() -> ppb_status { throw std::bad_alloc(); }) == PPB_ERR_NOMEM);
  CHECK(message() == "[ppb.nomem] out of memory");
  CHECK(code() == 900);
  CHECK(ppb::capi::guard([]() -> ppb_status { throw std::out_of_range("vector::at"); }) == PPB_ERR_INTERNAL);
  CHECK(message() == "[ppb.internal.900] vector::at");
  CHECK(ppb::capi::guard([]() -> ppb_status { throw 42; }) == PPB_ERR_INTERNAL);
  CHECK(message() == "[ppb.internal.900] unknown exception");
}
