# Registers a bounded run of each fuzzer (built beforehand with clang by scripts/fuzz.sh --build-only)
# as a CTest test of the main build, so that every test run also fuzzes for a while.
set(LINTEL_FUZZ_SECONDS 15 CACHE STRING "Seconds each fuzzer runs as a test")
# libFuzzer writes the inputs it finds into its first corpus folder: a scratch folder in the
# build tree, so that the checked-in seeds (read from the folders after it) stay as they are.
function(lintel_fuzz_smoke name)
  set(scratch ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
  file(MAKE_DIRECTORY ${scratch})
  add_test(NAME fuzz_${name}
           COMMAND ${LINTEL_FUZZ_BINARIES_DIR}/${name} -max_total_time=${LINTEL_FUZZ_SECONDS} -timeout=10
                   -rss_limit_mb=2048 ${scratch} ${ARGN})
  set_tests_properties(fuzz_${name} PROPERTIES TIMEOUT 120 LABELS fuzz)
endfunction()
lintel_fuzz_smoke(decode_manifests_fuzzer ${PROJECT_SOURCE_DIR}/examples/seed ${PROJECT_SOURCE_DIR}/examples/gateway-api
                  ${PROJECT_SOURCE_DIR}/examples/seed/mistakes ${PROJECT_SOURCE_DIR}/controller/test/testdata/translate
                  ${PROJECT_SOURCE_DIR}/api/test/testdata)
lintel_fuzz_smoke(listener_router_fuzzer ${PROJECT_SOURCE_DIR}/fuzz/corpus/listener_router)
lintel_fuzz_smoke(http1_request_parser_fuzzer ${PROJECT_SOURCE_DIR}/fuzz/corpus/http1_request)
lintel_fuzz_smoke(kubeconfig_fuzzer ${PROJECT_SOURCE_DIR}/fuzz/corpus/kubeconfig)
lintel_fuzz_smoke(message_frames_fuzzer ${PROJECT_SOURCE_DIR}/fuzz/corpus/message_frames)
