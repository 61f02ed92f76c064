# Use ccache when present. Precompiled headers need the sloppiness below, or ccache never hits.
find_program(HZ_CCACHE ccache)
if(HZ_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${HZ_CCACHE})
endif()
