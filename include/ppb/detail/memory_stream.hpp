/// @file
/// Internal (no stability promise): an `std::istream` source over memory, so readers of
/// in-memory text need no copy. Everything here is inline.
#ifndef PPB_DETAIL_MEMORY_STREAM_HPP
#define PPB_DETAIL_MEMORY_STREAM_HPP

#include <streambuf>
#include <string_view>

#include "ppb/config.hpp"

PPB_BEGIN_NAMESPACE
namespace detail {

/// A read-only stream buffer over `s` (which must outlive it).
class memory_streambuf : public std::streambuf {
 public:
  explicit memory_streambuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());  // NOLINT: read-only use; std::streambuf wants char*
    setg(p, p, p + s.size());
  }
};

}  // namespace detail
PPB_END_NAMESPACE

#endif
