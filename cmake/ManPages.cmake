# The man pages mltrendd(8), mltrend(1), mltrend.toml(5), generated at build
# time by packaging/man/make_man.py from the built programs' --help and
# --help-config (the text docs/CONFIG.md is checked against): one source of
# truth. Installed gzip -9n'd (Debian policy) into share/man/man<section>.
include(${PROJECT_SOURCE_DIR}/cmake/PluginTargets.cmake)
mltrend_plugin_targets(_man_plugins)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(MLTREND_MAN_DIR ${PROJECT_BINARY_DIR}/man)
set(_man_pages mltrendd.8 mltrend.1 mltrend.toml.5)
set(_man_outputs "")
foreach(_page IN LISTS _man_pages)
  list(APPEND _man_outputs ${MLTREND_MAN_DIR}/${_page} ${MLTREND_MAN_DIR}/${_page}.gz)
endforeach()
list(TRANSFORM _man_pages PREPEND ${MLTREND_MAN_DIR}/ OUTPUT_VARIABLE _man_files)
add_custom_command(OUTPUT ${_man_outputs}
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/packaging/man/make_man.py
          $<TARGET_FILE:mltrendd> $<TARGET_FILE:mltrend> ${MLTREND_MAN_DIR} ${PROJECT_VERSION}
  COMMAND gzip -9nkf ${_man_files}
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/man/make_man.py mltrendd mltrend ${_man_plugins}
  COMMENT "Generating the man pages from --help and --help-config" VERBATIM)
add_custom_target(mltrend_man ALL DEPENDS ${_man_outputs})
foreach(_page IN LISTS _man_pages)
  string(REGEX MATCH "[0-9]$" _section ${_page})
  install(FILES ${MLTREND_MAN_DIR}/${_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${_section})
endforeach()
