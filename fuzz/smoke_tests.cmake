# Registers a bounded run of each fuzzer (built beforehand with clang by scripts/fuzz.sh --build-only)
# as a CTest test of the main build, so that every test run also fuzzes for a while.
set(LINTEL_FUZZ_SECONDS 15 CACHE STRING "Seconds each fuzzer runs as a test")
function(lintel_fuzz_smoke name)
  add_test(NAME fuzz_${name}
           COMMAND ${LINTEL_FUZZ_BINARIES_DIR}/${name} -max_total_time=${LINTEL_FUZZ_SECONDS} -timeout=10
                   -rss_limit_mb=2048 ${ARGN})
  set_tests_properties(fuzz_${name} PROPERTIES TIMEOUT 120 LABELS fuzz)
endfunction()
lintel_fuzz_smoke(decode_manifests_fuzzer ${PROJECT_SOURCE_DIR}/examples/seed
                  ${PROJECT_SOURCE_DIR}/examples/seed/mistakes ${PROJECT_SOURCE_DIR}/controller/test/testdata/translate
                  ${PROJECT_SOURCE_DIR}/api/test/testdata)
lintel_fuzz_smoke(listener_router_fuzzer ${PROJECT_SOURCE_DIR}/fuzz/corpus/listener_router)
