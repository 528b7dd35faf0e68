include(GNUInstallDirs)

# Warnings (and -Werror with PPB_WERROR) and sanitizers for any target of this project.
function(ppb_setup_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
                         -Wno-missing-field-initializers)  # C++20 designated initialisers name only what they set
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports -Wrestrict on `"text" + std::string` inside libstdc++ (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
    if(PPB_PCH)
      # Through a precompiled header, GCC 12 no longer treats libstdc++'s inlined string code as a
      # system header and reports its known false positives of these two middle-end warnings
      # (clang's -Warray-bounds and the ASan build still cover ppb's own code).
      target_compile_options(${target} PRIVATE -Wno-stringop-overflow -Wno-array-bounds)
    endif()
  endif()
  if(PPB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(PPB_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${PPB_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${PPB_SANITIZE})
  endif()
endfunction()

# Include dirs, C++20, version, hidden visibility (as fmt's setup_target()).
function(ppb_setup_target target)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON POSITION_INDEPENDENT_CODE ON)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "SHARED_LIBRARY")
    target_compile_definitions(${target} INTERFACE PPB_SHARED)
  endif()
  ppb_setup_warnings(${target})
  if(PPB_SANITIZE)
    target_link_options(${target} INTERFACE -fsanitize=${PPB_SANITIZE})
  endif()
endfunction()

# Parsing ppb.hpp (Boost.Multiprecision's gmp.hpp, Boost.JSON, fmt) costs more than compiling most
# of ppb's files, so with PPB_PCH each target parses it once: `ppb_precompile(target)` gives the
# target its own precompiled header (plus EXTRA headers), `ppb_precompile(target REUSE_FROM other)`
# shares other's, for single-file programs built with the same flags.
function(ppb_precompile target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "REUSE_FROM" "EXTRA")
  if(NOT PPB_PCH)
    return()
  endif()
  if(arg_REUSE_FROM)
    target_precompile_headers(${target} REUSE_FROM ${arg_REUSE_FROM})
  else()
    target_precompile_headers(${target} PRIVATE <ppb/ppb.hpp> <fmt/format.h> ${arg_EXTRA})
  endif()
endfunction()
