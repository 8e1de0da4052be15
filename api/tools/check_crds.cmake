# The crds_up_to_date test: generates the CRDs into a scratch folder and fails, printing the diff,
# when crds/ differs from them.
#   cmake -DCRDGEN=<lintel_crdgen> -DCOMMITTED=<source>/crds -DSCRATCH=<dir> -P check_crds.cmake
file(REMOVE_RECURSE "${SCRATCH}")
file(MAKE_DIRECTORY "${SCRATCH}")
execute_process(COMMAND "${CRDGEN}" --out "${SCRATCH}" RESULT_VARIABLE generated)
if(NOT generated EQUAL 0)
  message(FATAL_ERROR "lintel_crdgen failed: ${generated}")
endif()
# The diff goes straight to the test's output; message() would rewrap it.
execute_process(COMMAND diff -ru --exclude=README.md "${COMMITTED}" "${SCRATCH}"
  RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "crds/ is not what lintel_crdgen generates from api/proto now (diff above: "
    "committed, then generated). Run `cmake --build <build dir> --target crds` and commit crds/.")
endif()
