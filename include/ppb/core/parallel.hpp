/// @file
/// `parallel_for`: the one way ppb spreads independent work (signature checks, key derivation)
/// over the machine's cores.
#ifndef PPB_CORE_PARALLEL_HPP
#define PPB_CORE_PARALLEL_HPP

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE

/// Every core the machine reports (at least 1).
inline auto hardware_threads() noexcept -> unsigned { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls `f(i)` for every i in [0, n), on `threads` threads (the caller's among them), handing
/// out indices one at a time so uneven work balances. Returns when every call has returned; if
/// any call throws, the remaining indices are skipped and the first exception is rethrown.
template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
  threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), n));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&] {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) f(i);
    } catch (...) {
      next = n;
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

PPB_END_NAMESPACE

#endif
