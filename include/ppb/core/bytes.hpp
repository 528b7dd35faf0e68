/// @file
/// Byte strings and their hex form: keys, digests and signatures are printed and read as
/// lowercase hex (upper case is accepted on input).
#ifndef PPB_CORE_BYTES_HPP
#define PPB_CORE_BYTES_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE

/// Read-only bytes.
using byte_span = std::span<const std::uint8_t>;
/// Owned bytes.
using byte_buffer = std::vector<std::uint8_t>;

/// The bytes of `text`, viewed as bytes.
inline auto as_bytes(std::string_view text) noexcept -> byte_span {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/// Lowercase hex of `b`.
inline auto to_hex(byte_span b) -> std::string {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 * b.size());
  for (auto x : b) {
    s += digits[x >> 4];
    s += digits[x & 15];
  }
  return s;
}

namespace detail {
constexpr auto hex_value(char c) noexcept -> int {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
/// Decodes `hex` (exactly 2·out.size() digits) into `out`; false on a bad digit or length.
inline auto decode_hex(std::string_view hex, std::span<std::uint8_t> out) noexcept -> bool {
  if (hex.size() != 2 * out.size()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return true;
}
}  // namespace detail

/// The bytes of `hex` (an even number of digits 0-9, a-f, A-F), or nothing.
inline auto from_hex(std::string_view hex) -> std::optional<byte_buffer> {
  if (hex.size() % 2 != 0) return std::nullopt;
  byte_buffer out(hex.size() / 2);
  if (!detail::decode_hex(hex, out)) return std::nullopt;
  return out;
}

/// Exactly `N` bytes from `hex` (2N digits), or nothing.
template <std::size_t N>
auto from_hex_array(std::string_view hex) noexcept -> std::optional<std::array<std::uint8_t, N>> {
  std::array<std::uint8_t, N> out{};
  if (!detail::decode_hex(hex, out)) return std::nullopt;
  return out;
}

/// Writes `v` to `out` (which must hold sizeof(T) bytes), big-endian (the byte order of every ppb
/// wire format).
template <class T>
constexpr void put_be(std::uint8_t* out, T v) noexcept {
  static_assert(std::is_unsigned_v<T>);
  for (std::size_t i = 0; i < sizeof(T); ++i) out[i] = static_cast<std::uint8_t>(v >> (8 * (sizeof(T) - 1 - i)));
}

/// Appends `v` to `out`, big-endian.
template <class T>
void put_be(byte_buffer& out, T v) {
  const std::size_t at = out.size();
  out.resize(at + sizeof(T));  // resize and store: GCC 12 misreports push_back here (-Wstringop-overflow)
  put_be(out.data() + at, v);
}

/// Appends `b` to `out`.
inline void append(byte_buffer& out, byte_span b) {
  if (b.empty()) return;
  const std::size_t at = out.size();
  out.resize(at + b.size());
  std::memcpy(out.data() + at, b.data(), b.size());
}

/// Reads a big-endian `T` from `p` (which must hold sizeof(T) bytes).
template <class T>
constexpr auto get_be(const std::uint8_t* p) noexcept -> T {
  static_assert(std::is_unsigned_v<T>);
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>((v << 8) | p[i]);
  return v;
}

PPB_END_NAMESPACE

#endif
