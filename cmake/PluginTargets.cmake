# mltrend_plugin_targets(<out_var>): every plugin module built under plugins/
# (found, not listed, so a new plugin needs no edit where this is used).
# Call it after add_subdirectory(plugins).
function(mltrend_plugin_targets out_var)
  set(_found "")
  get_property(_plugin_dirs DIRECTORY ${PROJECT_SOURCE_DIR}/plugins PROPERTY SUBDIRECTORIES)
  foreach(_dir IN LISTS _plugin_dirs)
    get_property(_targets DIRECTORY ${_dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(_target IN LISTS _targets)
      get_target_property(_type ${_target} TYPE)
      if(_type STREQUAL "MODULE_LIBRARY")
        list(APPEND _found ${_target})
      endif()
    endforeach()
  endforeach()
  set(${out_var} ${_found} PARENT_SCOPE)
endfunction()
