include(CMakePackageConfigHelpers)
set(PPB_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ppb")

install(DIRECTORY include/ppb DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES bindings/c/include/ppb/ppb.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ppb)
install(TARGETS ppb ppb-header-only ppb-c EXPORT ppb-targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ppb-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT ppb-targets NAMESPACE ppb:: DESTINATION ${PPB_CMAKE_DIR})
export(TARGETS ppb ppb-header-only ppb-c NAMESPACE ppb:: FILE "${PROJECT_BINARY_DIR}/ppb-targets.cmake")

configure_package_config_file(cmake/ppb-config.cmake.in "${PROJECT_BINARY_DIR}/ppb-config.cmake"
                              INSTALL_DESTINATION ${PPB_CMAKE_DIR})
# 0.x: minor versions may break, so only the same minor is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/ppb-config-version.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/ppb-config.cmake" "${PROJECT_BINARY_DIR}/ppb-config-version.cmake"
              cmake/PpbDependencies.cmake
        DESTINATION ${PPB_CMAKE_DIR})

# pkg-config files find the prefix from their own place, however deep the libdir is (lib or
# lib/x86_64-linux-gnu), so an installed tree can be moved.
file(RELATIVE_PATH PPB_PC_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/ppb.pc.in "${PROJECT_BINARY_DIR}/ppb.pc" @ONLY)
configure_file(cmake/ppb-c.pc.in "${PROJECT_BINARY_DIR}/ppb-c.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/ppb.pc" "${PROJECT_BINARY_DIR}/ppb-c.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The Python package, with the path from it to libppb-c (relative, so the tree can move too).
file(RELATIVE_PATH PPB_PYTHON_LIBDIR "/prefix/${PPB_PYTHON_INSTALL_DIR}/ppb" "/prefix/${CMAKE_INSTALL_LIBDIR}")
file(WRITE "${PROJECT_BINARY_DIR}/python/_install.py"
     "# Written by `cmake --install`: where libppb-c is, relative to this package.\nLIBDIR = \"${PPB_PYTHON_LIBDIR}\"\n")
install(DIRECTORY bindings/python/ppb DESTINATION ${PPB_PYTHON_INSTALL_DIR} PATTERN "__pycache__" EXCLUDE)
install(FILES "${PROJECT_BINARY_DIR}/python/_install.py" DESTINATION ${PPB_PYTHON_INSTALL_DIR}/ppb)
