# Dependencies, all from Debian 12 packages (see README.md). ppb-config.cmake.in repeats these.
find_package(Boost 1.81 REQUIRED COMPONENTS json serialization)
find_package(fmt REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_library(PPB_GMP_LIBRARY NAMES gmp REQUIRED)
find_path(PPB_GMP_INCLUDE_DIR NAMES gmp.h REQUIRED)
find_package(Threads REQUIRED)
if(NOT TARGET ppb::gmp)
  add_library(ppb::gmp UNKNOWN IMPORTED)
  set_target_properties(ppb::gmp PROPERTIES IMPORTED_LOCATION "${PPB_GMP_LIBRARY}"
                                            INTERFACE_INCLUDE_DIRECTORIES "${PPB_GMP_INCLUDE_DIR}")
endif()
set(PPB_DEPENDENCY_TARGETS Boost::json Boost::serialization fmt::fmt PkgConfig::SODIUM ppb::gmp Threads::Threads)
