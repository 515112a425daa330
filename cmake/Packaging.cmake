# The Debian package: `cmake --build BUILD --target package` writes
# BUILD/mltrend_<version>_<arch>.deb (docs/PACKAGING.md). Everything `cmake
# --install` lays out goes in, under /usr; the config and the rules land in
# /etc/mltrend (InstallSystemFiles.cmake) and are conffiles.

# Docs, the copyright file and the changelog Debian policy asks for
# (compressed with gzip -9n so the package builds reproducibly).
set(_pkg_dir ${PROJECT_SOURCE_DIR}/packaging/debian)
set(_changelog_gz ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
add_custom_command(OUTPUT ${_changelog_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/packaging
  COMMAND gzip -9n -c ${_pkg_dir}/changelog > ${_changelog_gz}
  DEPENDS ${_pkg_dir}/changelog VERBATIM)
add_custom_target(mltrend_changelog ALL DEPENDS ${_changelog_gz})
install(FILES README.md docs/CONFIG.md docs/DESIGN.md docs/METRICS.md docs/PLUGINS.md docs/PACKAGING.md
  ${_pkg_dir}/copyright ${_changelog_gz} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES config/rules/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME rules-README.md)
# For metrics_listen: an example Prometheus scrape config and a Grafana dashboard.
install(FILES config/prometheus/prometheus.yml config/grafana/mltrend-dashboard.json
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mltrend)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "mltrend maintainers <maintainers@users.noreply.r-seed-3f3587d0.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "daemon tracking which ML framework is winning, where, and since when")
# The synopsis is the summary above; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "mltrendd pulls records from the Hugging Face Hub, Papers with Code's archive
and GitHub, stores them in an embedded RocksDB and computes the share of
PyTorch, TensorFlow, JAX and the rest per period from graded evidence.
The mltrend client queries the trends over a local Unix socket and draws
charts and an HTML report. The package also carries the plugin SDK
headers and its CMake package for third-party plugins.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # mltrend_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # Depends from the binaries' and plugins' libraries
# Packaged under /usr with DESTDIR: the install scripts then see the real
# prefix (/usr), not the staging directory, and put the unit's ExecStart
# and the conffiles in the right places.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${_pkg_dir}/conffiles ${_pkg_dir}/postinst ${_pkg_dir}/prerm ${_pkg_dir}/postrm)
include(CPack)
