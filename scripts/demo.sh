#!/usr/bin/env bash
# Command 1 of the README: install, build, and run the seed walkthrough.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh
exec scripts/seed-walkthrough.sh "${LINTEL_BUILD_DIR:-build}/cmd/lintel/lintel"
