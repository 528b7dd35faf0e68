/// @file
/// ppb's version, the one place it is written (CMake reads it from here).
#ifndef PPB_VERSION_HPP
#define PPB_VERSION_HPP

#define PPB_VERSION_MAJOR 0
#define PPB_VERSION_MINOR 1
#define PPB_VERSION_PATCH 0
/// major·10⁴ + minor·10² + patch, as fmt does.
#define PPB_VERSION_NUMBER (PPB_VERSION_MAJOR * 10000 + PPB_VERSION_MINOR * 100 + PPB_VERSION_PATCH)
#define PPB_VERSION_STRING "0.1.0"

#endif
