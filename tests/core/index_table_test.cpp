#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

#include "ppb/core/index_table.hpp"

using namespace ppb;

TEST_CASE("index_table finds every row filed and nothing else, across growth, against std::unordered_map") {
  std::mt19937_64 rng(7);
  std::vector<std::uint64_t> keys;  // row r holds keys[r]
  std::unordered_map<std::uint64_t, std::uint32_t> model;
  index_table table;  // starts small: grows many times
  const auto find = [&](std::uint64_t key) {
    return table.find(index_table::mix(key), [&](std::uint32_t r) { return keys[r] == key; });
  };
  for (int i = 0; i < 20000; ++i) {
    const auto key = rng() % 30000;  // repeats: find_or_insert must return the row filed first
    const auto next = static_cast<std::uint32_t>(keys.size());
    const auto row = table.find_or_insert(index_table::mix(key), next, [&](std::uint32_t r) { return keys[r] == key; });
    const auto [it, inserted] = model.emplace(key, next);
    CHECK(row == it->second);
    if (inserted) keys.push_back(key);
  }
  CHECK(table.size() == model.size());
  for (std::uint64_t key = 0; key < 30000; ++key) {
    const auto it = model.find(key);
    CHECK(find(key) == (it == model.end() ? index_table::npos : it->second));
  }
}

TEST_CASE("index_table tells rows apart that share a whole hash") {
  // Every row under one hash: the comparison with the caller's row is what decides.
  const std::vector<int> values{10, 20, 30, 40, 50};
  index_table table(2);
  for (std::uint32_t r = 0; r < values.size(); ++r) table.insert(42, r);
  for (std::uint32_t r = 0; r < values.size(); ++r)
    CHECK(table.find(42, [&](std::uint32_t other) { return values[other] == values[r]; }) == r);
  CHECK(table.find(42, [&](std::uint32_t other) { return values[other] == 60; }) == index_table::npos);
  CHECK(table.find(43, [](std::uint32_t) { return true; }) == index_table::npos);
}

TEST_CASE("index_table::likely_row names the row a find will compare first, and nothing for an absent key") {
  index_table table;
  CHECK(table.likely_row(index_table::mix(1)) == index_table::npos);  // nothing filed yet
  table.prefetch(index_table::mix(1));                                 // a hint: harmless on an empty table
  // 20,000 keys of 30,000 filed: their 32 hash bits are distinct (seed fixed), so the first tag
  // match is the row itself, and an absent key matches no tag.
  std::vector<std::uint32_t> row_of(30000, index_table::npos);
  for (std::uint32_t k = 0; k < 30000; ++k) {
    if (k % 3 == 2) continue;
    row_of[k] = static_cast<std::uint32_t>(table.size());
    table.insert(index_table::mix(k), row_of[k]);
  }
  for (std::uint32_t k = 0; k < 30000; ++k) {
    table.prefetch(index_table::mix(k));
    CHECK(table.likely_row(index_table::mix(k)) == row_of[k]);
  }
  // Rows that share a whole hash: the first filed is the likely one.
  index_table shared(4);
  shared.insert(42, 7);
  shared.insert(42, 9);
  CHECK(shared.likely_row(42) == 7);
}

TEST_CASE("index_table refuses the one row number it reserves") {
  index_table table;
  CHECK_THROWS_AS(table.insert(1, index_table::npos), usage_error);
  CHECK(table.size() == 0);
}
