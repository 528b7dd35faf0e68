# `cmake --install BUILD --prefix PREFIX` into a fresh prefix, then check that every part of the
# package is there. Run as: cmake -DBUILD=... -DPREFIX=... -DLIBDIR=... -DPYDIR=... -P install_check.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
set(expected
  bin/ppb
  include/ppb/ppb.h include/ppb/ppb.hpp include/ppb/version.hpp include/ppb/io/report.hpp
  include/ppb/io/report-inl.hpp
  ${LIBDIR}/libppb.a ${LIBDIR}/libppb-c.so ${LIBDIR}/libppb-c.so.0
  ${LIBDIR}/cmake/ppb/ppb-config.cmake ${LIBDIR}/cmake/ppb/ppb-config-version.cmake
  ${LIBDIR}/cmake/ppb/ppb-targets.cmake ${LIBDIR}/cmake/ppb/PpbDependencies.cmake
  ${LIBDIR}/pkgconfig/ppb.pc ${LIBDIR}/pkgconfig/ppb-c.pc
  ${PYDIR}/ppb/__init__.py ${PYDIR}/ppb/_native.py ${PYDIR}/ppb/election.py ${PYDIR}/ppb/errors.py
  ${PYDIR}/ppb/_install.py)
set(missing "")
foreach(f ${expected})
  if(NOT EXISTS "${PREFIX}/${f}")
    list(APPEND missing "${f}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "not installed: ${missing}")
endif()
# Nothing private: the C ABI's internals and Python caches stay out.
file(GLOB_RECURSE stray "${PREFIX}/*guard.hpp" "${PREFIX}/*.pyc")
if(stray)
  message(FATAL_ERROR "installed but private: ${stray}")
endif()
list(LENGTH expected n)
message(STATUS "installed into ${PREFIX}: all ${n} expected files")
