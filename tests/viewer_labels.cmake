# Read by ctest after the viewer tests are discovered (tests/CMakeLists.txt): each gets the
# labels `fast` (offline, seconds) and `viewer` (the real window under xvfb-run).
set_tests_properties(${ink_viewer_tests_TESTS} PROPERTIES LABELS "fast;viewer")
