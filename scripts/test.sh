#!/usr/bin/env bash
# Command 2 of the README: install, build, and run every test; ends with CTest's summary.
# The fuzzers are built with clang first, so that CTest also runs each for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/fuzz.sh --build-only
scripts/build.sh -DLINTEL_FUZZ_BINARIES_DIR="$PWD/build-fuzz/fuzz"
ctest --test-dir "${LINTEL_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" --timeout 300
