// The C ABI's one exception guard, the thread-local last error, and the errc → status map.
// Internal to libppb-c (and its guard test); never installed.
#ifndef PPB_BINDINGS_C_GUARD_HPP
#define PPB_BINDINGS_C_GUARD_HPP

#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "ppb/error.hpp"
#include "../include/ppb/ppb.h"  // relative: the guard test includes this header too

namespace ppb::capi {

/// What `ppb_last_error()` and `ppb_last_error_code()` report on this thread.
struct last_error_state {
  std::string message;
  /// Set instead of `message` when even copying the message failed (no memory).
  const char* fixed = nullptr;
  std::int32_t code = 0;
  [[nodiscard]] auto text() const noexcept -> const char* { return fixed != nullptr ? fixed : message.c_str(); }
};

inline auto last_error() noexcept -> last_error_state& {
  thread_local last_error_state state;
  return state;
}

/// Records a failure and returns its status. Never throws.
inline auto fail(ppb_status status, errc code, const char* message) noexcept -> ppb_status {
  auto& s = last_error();
  s.code = static_cast<std::int32_t>(code);
  try {
    s.message = message;
    s.fixed = nullptr;
  } catch (...) {
    s.fixed = "[ppb.nomem] out of memory (while recording an error)";
  }
  return status;
}

/// The status for a C++ error code: 100 (io) → IO, other 1xx (malformed input) → PARSE,
/// crypto_init → CRYPTO_INIT, log_closed and misuse → MISUSE, invalid_argument → INVALID_ARGUMENT. A code this map does not know is
/// reported as INTERNAL, so that a new errc range shows up as a loud failure until it is mapped.
constexpr auto to_status(errc code) noexcept -> ppb_status {
  const auto v = static_cast<std::int32_t>(code);
  if (code == errc::io) return PPB_ERR_IO;
  if (code == errc::crypto_init) return PPB_ERR_CRYPTO_INIT;
  if (code == errc::log_closed) return PPB_ERR_MISUSE;
  if (v > 100 && v < 200) return PPB_ERR_PARSE;
  if (code == errc::invalid_argument) return PPB_ERR_INVALID_ARGUMENT;
  if (code == errc::misuse) return PPB_ERR_MISUSE;
  return PPB_ERR_INTERNAL;
}

/// Runs `f` (which returns a `ppb_status`), mapping every exception to its status and message, so
/// that no exception crosses into C. Every `extern "C"` body that can fail is one call to this.
template <class F>
auto guard(F&& f) noexcept -> ppb_status {
  try {
    return f();
  } catch (const ppb::error& e) {
    return fail(to_status(e.code()), e.code(), e.what());
  } catch (const std::bad_alloc&) {
    return fail(PPB_ERR_NOMEM, errc::internal, "[ppb.nomem] out of memory");
  } catch (const std::exception& e) {
    try {
      return fail(PPB_ERR_INTERNAL, errc::internal, ("[ppb.internal.900] " + std::string(e.what())).c_str());
    } catch (...) {
      return fail(PPB_ERR_INTERNAL, errc::internal, "[ppb.internal.900] exception");
    }
  } catch (...) {
    return fail(PPB_ERR_INTERNAL, errc::internal, "[ppb.internal.900] unknown exception");
  }
}

}  // namespace ppb::capi

#endif
