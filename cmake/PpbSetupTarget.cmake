include(GNUInstallDirs)

# Warnings (and -Werror with PPB_WERROR) and sanitizers for any target of this project.
function(ppb_setup_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
                         -Wno-missing-field-initializers)  # C++20 designated initialisers name only what they set
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports -Wrestrict on `"text" + std::string` inside libstdc++ (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
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
