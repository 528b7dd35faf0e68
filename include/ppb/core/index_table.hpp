/// @file
/// `index_table`: the one hash index ppb keeps over rows that live in the caller's arrays
/// (credential keys, ballot ids, counted ballots, distinct profile rows).
#ifndef PPB_CORE_INDEX_TABLE_HPP
#define PPB_CORE_INDEX_TABLE_HPP

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "ppb/config.hpp"
#include "ppb/core/huge_pages.hpp"
#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

/// Asks the CPU to start loading the cache line at `p` (a hint: never faults, may do nothing).
/// For loops that know a few steps ahead which rows of a large table they will read.
inline void prefetch_cache_line(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// An open-addressing hash index of 32-bit row numbers. The rows stay in the caller's array; the
/// table holds only each row's number and 32 bits of its hash, in one flat array. A lookup is
/// one linear probe, which compares the caller's row only where those bits match: about one cache
/// miss, and no allocation per entry (a node-based map costs two or three misses and ~60 bytes
/// per entry). Rows are never removed.
class index_table {
 public:
  /// What `find` returns when no row matches.
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();

  /// A table sized for `expected` rows without growing.
  explicit index_table(std::size_t expected = 0) { reserve(expected); }

  /// Grows, if needed, so that `rows` rows fit under the load limit (3/4).
  void reserve(std::size_t rows) {
    std::size_t capacity = 16;
    while (capacity / 4 * 3 < rows) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  /// The row filed under `hash` for which `same(row)` holds, or `npos`.
  template <class Same>
  [[nodiscard]] auto find(std::uint64_t hash, Same&& same) const -> std::uint32_t {
    const auto tag = tag_of(hash);
    for (std::size_t i = tag & mask_;; i = (i + 1) & mask_) {
      const auto& s = slots_[i];
      if (s.row == npos) return npos;
      if (s.tag == tag && same(s.row)) return s.row;
    }
  }

  /// The row filed under `hash` for which `same(row)` holds; if there is none, files `row` under
  /// `hash` and returns it.
  template <class Same>
  auto find_or_insert(std::uint64_t hash, std::uint32_t row, Same&& same) -> std::uint32_t {
    if (size_ + 1 > slots_.size() / 4 * 3) rehash(slots_.size() * 2);
    const auto tag = tag_of(hash);
    for (std::size_t i = tag & mask_;; i = (i + 1) & mask_) {
      auto& s = slots_[i];
      if (s.row == npos) {
        s = {check_row(row), tag};
        ++size_;
        return row;
      }
      if (s.tag == tag && same(s.row)) return s.row;
    }
  }

  /// Starts loading the slot where a lookup of `hash` begins (see `prefetch_cache_line`).
  void prefetch(std::uint64_t hash) const noexcept {
    if (!slots_.empty()) prefetch_cache_line(&slots_[tag_of(hash) & mask_]);
  }

  /// The first row filed with the same 32 hash bits as `hash`, or `npos`: the row a `find` will
  /// most likely compare, for prefetching it before the `find`. Reads only slots.
  [[nodiscard]] auto likely_row(std::uint64_t hash) const noexcept -> std::uint32_t {
    return find(hash, [](std::uint32_t) noexcept { return true; });
  }

  /// Files `row` under `hash`; the caller knows that no equal row is filed.
  void insert(std::uint64_t hash, std::uint32_t row) {
    find_or_insert(hash, row, [](std::uint32_t) { return false; });
  }

  /// How many rows are filed.
  [[nodiscard]] auto size() const noexcept -> std::size_t { return size_; }

  /// A 64-bit hash of an integer key (the SplitMix64 finalizer): keys such as
  /// (credential << 32 | unit) are far from uniform, and the table needs every bit mixed.
  static constexpr auto mix(std::uint64_t x) noexcept -> std::uint64_t {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }

 private:
  struct slot {
    std::uint32_t row = npos;
    std::uint32_t tag = 0;
  };

  // The bits the table keeps: they choose the first slot and filter the comparisons, and growing
  // re-files every row from them alone (so a table holds at most 2^32 slots, as rows are 32-bit).
  static constexpr auto tag_of(std::uint64_t hash) noexcept -> std::uint32_t {
    return static_cast<std::uint32_t>(hash ^ (hash >> 32));
  }
  static auto check_row(std::uint32_t row) -> std::uint32_t {
    if (row == npos) throw usage_error("index_table: more rows than 32-bit row numbers can name");
    return row;
  }

  void rehash(std::size_t capacity) {
    if (capacity > (std::size_t{1} << 32)) throw usage_error("index_table: more than 2^32 slots");
    std::vector<slot> old;
    old.reserve(capacity);
    advise_huge_pages(old);  // before the slots are written, so that they are faulted in as huge pages
    old.resize(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (const auto& s : old) {
      if (s.row == npos) continue;
      std::size_t i = s.tag & mask_;
      while (slots_[i].row != npos) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

PPB_END_NAMESPACE

#endif  // PPB_CORE_INDEX_TABLE_HPP
