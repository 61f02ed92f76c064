# Use ccache when present. Precompiled headers need the sloppiness below, or ccache never hits;
# the base directory makes paths relative, so a fresh clone elsewhere (CI) hits the same cache.
find_program(HZ_CCACHE ccache)
if(HZ_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} ${HZ_CCACHE})
endif()
