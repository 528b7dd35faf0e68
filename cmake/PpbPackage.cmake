# A Debian package of the whole install (`cpack -G DEB` in the build tree): the CLI, both libraries,
# the headers, the CMake and pkg-config files and the Python package, under /usr.
set(CPACK_PACKAGE_NAME "ppb")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "ppb authors")
set(CPACK_PACKAGE_CONTACT "ppb maintainers <ppb@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "participatory budgeting from proposal to verifiable result")
set(CPACK_PACKAGE_DESCRIPTION "ppb tallies participatory budgets exactly (greedy, Phragmén, maximum welfare, \
MES) and explains every project's fate. This package holds the `ppb` program, libppb (C++20, static, \
header-first), libppb-c (the C ABI), their headers, CMake and pkg-config files, and the Python module.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # ppb_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_LICENSE "Apache-2.0")
# Run-time dependencies from the binaries (dpkg-shlibdeps), a shlibs file and the ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# Building against the C++ library needs the dependencies' headers; the Python module needs python3.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "libboost-json1.81-dev, libboost-serialization1.81-dev, libfmt-dev, libsodium-dev, libgmp-dev, pkg-config, cmake")
include(CPack)
