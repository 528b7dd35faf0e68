// The C ABI's one exception guard, the thread-local last error, and the errc → status map.
// Internal to libppb-c (and its guard test); never installed.
#ifndef PPB_BINDINGS_C_GUARD_HPP
#define PPB_BINDINGS_C_GUARD_HPP

#include <cstdint>
#include <cstdlib>
#include <cstring>
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
/// crypto_init → CRYPTO_INIT, log_closed, box_stopped and misuse → MISUSE, invalid_argument → INVALID_ARGUMENT. A code this map does not know is
/// reported as INTERNAL, so that a new errc range shows up as a loud failure until it is mapped.
constexpr auto to_status(errc code) noexcept -> ppb_status {
  const auto v = static_cast<std::int32_t>(code);
  if (code == errc::io) return PPB_ERR_IO;
  if (code == errc::crypto_init) return PPB_ERR_CRYPTO_INIT;
  if (code == errc::log_closed || code == errc::box_stopped) return PPB_ERR_MISUSE;
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

// ---- handles and arguments, shared by every source of libppb-c ------------------------------
// Each handle struct starts with `std::uint32_t magic` and has `static constexpr std::uint32_t
// live`; in PPB_API_ARMOR builds every entry point checks it (SQLite's sqlite3SafetyCheckOk), so
// that a wrong or freed handle is refused instead of used.

inline constexpr std::uint32_t dead_magic = 0xdeadbeefU;

/// A required pointer argument.
template <class T>
void need(const T* p, const char* name) {
  if (p == nullptr) throw usage_error(std::string(name) + " is NULL");
}

/// A handle argument: non-NULL and, in armored builds, alive and of the right type.
template <class H>
auto live(const H* h, const char* name) -> const H& {
  need(h, name);
#ifdef PPB_API_ARMOR
  if (h->magic != H::live)
    throw usage_error(std::string(name) + " is not a live handle of its type (freed, or another type)", errc::misuse);
#endif
  return *h;
}

/// `_free` of a handle: a foreign or already-freed pointer is left alone in armored builds.
template <class H>
void release(H* h) noexcept {
  if (h == nullptr) return;
#ifdef PPB_API_ARMOR
  if (h->magic != H::live) return;
#endif
  h->magic = dead_magic;
  delete h;
}

/// Hands `size` bytes to the caller in memory released by `ppb_free` (malloc), NUL-terminated.
inline auto copy_out_bytes(const void* data, std::size_t size) -> char* {
  auto* p = static_cast<char*>(std::malloc(size + 1));
  if (p == nullptr) throw std::bad_alloc();
  if (size > 0) std::memcpy(p, data, size);
  p[size] = '\0';
  return p;
}

/// `text` as a `char** out_...` result (with its length when `out_len` is not NULL).
inline void copy_out(const std::string& text, char** out, std::size_t* out_len) {
  *out = copy_out_bytes(text.data(), text.size());
  if (out_len != nullptr) *out_len = text.size();
}

}  // namespace ppb::capi

#endif
