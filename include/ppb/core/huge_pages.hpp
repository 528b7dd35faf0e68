/// @file
/// `advise_huge_pages`: asks Linux to back a large array with 2 MiB pages, for the tables that
/// are probed at random once per ballot.
#ifndef PPB_CORE_HUGE_PAGES_HPP
#define PPB_CORE_HUGE_PAGES_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ppb/config.hpp"

#if defined(__linux__)
#  include <sys/mman.h>
#endif

PPB_BEGIN_NAMESPACE

/// Advises the kernel to back the 2 MiB-aligned part of [p, p + bytes) with transparent huge
/// pages (`madvise(MADV_HUGEPAGE)`; Debian's default THP mode, `madvise`, uses them only where
/// asked). A random probe into a table of gigabytes then misses the TLB far less often, which a
/// VM's two-level page walk makes costly. Pages touched before the call stay small. Advice only:
/// no effect below 4 MiB, off Linux, or where the kernel refuses; never fails.
inline void advise_huge_pages(const void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  if (p == nullptr || bytes < 2 * huge) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(huge - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

/// Advises huge pages for the whole capacity of `v`: call it after `reserve`, before filling.
template <class T>
void advise_huge_pages(const std::vector<T>& v) noexcept {
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

PPB_END_NAMESPACE

#endif  // PPB_CORE_HUGE_PAGES_HPP
