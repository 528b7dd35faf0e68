/// @file
/// Build-mode macros: PPB_API (symbol visibility), PPB_FUNC (inline in header-only builds),
/// and the versioned inline namespace every public name lives in.
#ifndef PPB_CONFIG_HPP
#define PPB_CONFIG_HPP

#include "ppb/version.hpp"

#if defined(PPB_HEADER_ONLY)
#  define PPB_FUNC inline
#  define PPB_API
#else
#  define PPB_FUNC
#  if defined(PPB_LIB_EXPORT) || defined(PPB_SHARED)
#    define PPB_API __attribute__((visibility("default")))
#  else
#    define PPB_API
#  endif
#endif

// A build option that changes layout or behaviour must change this name, so that mixed builds fail
// to link instead of misbehaving at run time.
#define PPB_BEGIN_NAMESPACE \
  namespace ppb {           \
  inline namespace v0 {
#define PPB_END_NAMESPACE \
  }                       \
  }

#endif
