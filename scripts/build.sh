#!/usr/bin/env bash
# Configures and builds everything (Release, warnings as errors, ccache) into ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${LINTEL_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINTEL_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
