include(CMakePackageConfigHelpers)
set(PPB_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ppb")

install(DIRECTORY include/ppb DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ppb ppb-header-only EXPORT ppb-targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ppb-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT ppb-targets NAMESPACE ppb:: DESTINATION ${PPB_CMAKE_DIR})
export(TARGETS ppb ppb-header-only NAMESPACE ppb:: FILE "${PROJECT_BINARY_DIR}/ppb-targets.cmake")

configure_package_config_file(cmake/ppb-config.cmake.in "${PROJECT_BINARY_DIR}/ppb-config.cmake"
                              INSTALL_DESTINATION ${PPB_CMAKE_DIR})
# 0.x: minor versions may break, so only the same minor is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/ppb-config-version.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/ppb-config.cmake" "${PROJECT_BINARY_DIR}/ppb-config-version.cmake"
              cmake/PpbDependencies.cmake
        DESTINATION ${PPB_CMAKE_DIR})

configure_file(cmake/ppb.pc.in "${PROJECT_BINARY_DIR}/ppb.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/ppb.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
