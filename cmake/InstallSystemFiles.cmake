# Install-time script (install(CODE) includes it from cmake_install.cmake), so
# paths follow the prefix actually installed to (`cmake --install --prefix X`,
# or /usr under CPack), not the configure-time CMAKE_INSTALL_PREFIX:
#  - mltrendd.service with ExecStart=<prefix>/<bindir>/mltrendd, and
#    mltrendd.socket, into <prefix>/lib/systemd/system;
#  - the config and rules into <sysconfdir>/mltrend, where <sysconfdir> is
#    /etc for the prefix /usr and <prefix>/etc otherwise (GNUInstallDirs'
#    rule). A config already there is the admin's and is kept: only the
#    package manager (dpkg's conffile handling) may replace it.
# Expects MLTREND_SOURCE_DIR, MLTREND_BINARY_DIR, MLTREND_BINDIR and
# MLTREND_DATADIR from the caller; CMAKE_INSTALL_PREFIX and DESTDIR are the
# install's own.
include("${MLTREND_SOURCE_DIR}/cmake/ConfigureUnit.cmake")
# One staging file per destination: installs to several prefixes may run at
# once (the tests' installs beside CPack's).
string(MD5 _dest "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(_unit "${MLTREND_BINARY_DIR}/install-units/${_dest}/mltrendd.service")
mltrend_configure_unit("${MLTREND_SOURCE_DIR}/config/mltrendd.service.in" "${_unit}"
  "${CMAKE_INSTALL_PREFIX}" "${MLTREND_BINDIR}" "${MLTREND_DATADIR}")
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE
  FILES "${_unit}" "${MLTREND_SOURCE_DIR}/config/mltrendd.socket")

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" OR CMAKE_INSTALL_PREFIX STREQUAL "/usr/")
  set(_etc "/etc/mltrend")
else()
  set(_etc "${CMAKE_INSTALL_PREFIX}/etc/mltrend")
endif()
if(EXISTS "$ENV{DESTDIR}${_etc}/mltrend.toml")
  message(STATUS "Kept: $ENV{DESTDIR}${_etc} (already there; the shipped config is in ${MLTREND_DATADIR}/mltrend)")
else()
  file(INSTALL DESTINATION "${_etc}" TYPE FILE FILES "${MLTREND_SOURCE_DIR}/config/mltrend.toml")
  file(INSTALL DESTINATION "${_etc}" TYPE DIRECTORY FILES "${MLTREND_SOURCE_DIR}/config/rules"
    FILES_MATCHING PATTERN "*.toml")
endif()
