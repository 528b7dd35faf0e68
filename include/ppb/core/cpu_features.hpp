/// @file
/// `cpu_features`: which x86 instruction-set extensions this CPU has, asked once per process, for
/// the code paths that run on them (SHA-256 on the SHA extensions, CRC-32C on SSE 4.2's crc32).
#ifndef PPB_CORE_CPU_FEATURES_HPP
#define PPB_CORE_CPU_FEATURES_HPP

#include "ppb/config.hpp"

// 1 where ppb may compile x86 code paths chosen at run time (GCC or clang on x86 or x86-64).
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#  define PPB_X86_DISPATCH 1
#  include <cpuid.h>
#else
#  define PPB_X86_DISPATCH 0
#endif

PPB_BEGIN_NAMESPACE

/// The CPU extensions ppb has code paths for. All false off x86 or with another compiler.
struct cpu_feature_set {
  bool sse4_2 = false;          ///< SSE 4.2 (the crc32 instruction).
  bool sha_extensions = false;  ///< SHA-NI, with the SSSE3 and SSE 4.1 its code path also uses.
};

namespace detail {
inline auto detect_cpu_features() noexcept -> cpu_feature_set {
  cpu_feature_set f;
#if PPB_X86_DISPATCH
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d) == 0) return f;
  f.sse4_2 = (c & bit_SSE4_2) != 0;
  const bool ssse3_and_sse41 = (c & bit_SSSE3) != 0 && (c & bit_SSE4_1) != 0;
  if (__get_cpuid_max(0, nullptr) >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    f.sha_extensions = ssse3_and_sse41 && (b & bit_SHA) != 0;
  }
#endif
  return f;
}
}  // namespace detail

/// This CPU's extensions, detected on the first call (`cpuid`) and then remembered.
inline auto cpu_features() noexcept -> const cpu_feature_set& {
  static const cpu_feature_set features = detail::detect_cpu_features();
  return features;
}

PPB_END_NAMESPACE

#endif  // PPB_CORE_CPU_FEATURES_HPP
