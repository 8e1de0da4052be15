#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz; then, unless --build-only, runs each
# for a bounded time over its seed corpus.
# Usage: scripts/fuzz.sh [--build-only] [SECONDS_PER_TARGET]   (default 60)
# A crash or timeout leaves its input as crash-* / timeout-* in build-fuzz/; turn it into a
# unit test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
if [[ "${1:-}" == "--build-only" ]]; then build_only=true; shift; fi
seconds=${1:-60}
build_dir=build-fuzz
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DLINTEL_FUZZ=ON -DLINTEL_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target decode_manifests_fuzzer listener_router_fuzzer \
  http1_request_parser_fuzzer kubeconfig_fuzzer message_frames_fuzzer
$build_only && exit 0

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
run() {  # run TARGET SEED_DIR...
  local target=$1; shift
  mkdir -p "$scratch/$target"
  echo "== $target for ${seconds}s"
  (cd "$build_dir" && "./fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     "$scratch/$target" "$@") >"$scratch/$target.log" 2>&1 || { status=1; tail -n 40 "$scratch/$target.log"; }
  grep -E "^Done" "$scratch/$target.log" || true
}
run decode_manifests_fuzzer "$PWD/examples/seed" "$PWD/examples/seed/mistakes" \
  "$PWD/controller/test/testdata/translate" "$PWD/api/test/testdata"
run listener_router_fuzzer "$PWD/fuzz/corpus/listener_router"
run http1_request_parser_fuzzer "$PWD/fuzz/corpus/http1_request"
run kubeconfig_fuzzer "$PWD/fuzz/corpus/kubeconfig"
run message_frames_fuzzer "$PWD/fuzz/corpus/message_frames"
exit $status
