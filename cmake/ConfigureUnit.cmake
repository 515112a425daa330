# mltrend_configure_unit(<template> <output> <prefix> <bindir> <datadir>):
# writes the systemd unit with ExecStart=<prefix>/<bindir>/mltrendd. Used at
# configure time for the build tree's copy and again at install time
# (InstallUnits.cmake), where the prefix is the one `cmake --install
# --prefix X` or CPack actually installs to, not the configure-time one.
function(mltrend_configure_unit template output prefix bindir datadir)
  set(CMAKE_INSTALL_FULL_BINDIR "${prefix}/${bindir}")
  set(CMAKE_INSTALL_FULL_DATADIR "${prefix}/${datadir}")
  configure_file("${template}" "${output}" @ONLY)
endfunction()
