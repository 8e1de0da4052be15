#!/usr/bin/env bash
# The admin listener: health, readiness and the snapshot as JSON, on loopback only.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
render_backends "$LINTEL_WORKDIR/backends.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$LINTEL_WORKDIR/backends.yaml" \
  --manifests "$SEED_DIR/path-ingress.yaml"

admin="http://127.0.0.1:$ADMIN_PORT"
check "/healthz" "$(curl -s -o /dev/null -w '%{http_code}' "$admin/healthz")" 200
check "/readyz" "$(curl -s -o /dev/null -w '%{http_code}' "$admin/readyz")" 200
check "unknown admin path" "$(curl -s -o /dev/null -w '%{http_code}' "$admin/nope")" 404
curl -s "$admin/config_dump" >"$LINTEL_WORKDIR/dump.json"
check_contains "config_dump has the version" "$LINTEL_WORKDIR/dump.json" '"version": "1"'
check_contains "config_dump has the route" "$LINTEL_WORKDIR/dump.json" '"name": "httproute/default/path-ingress-bandicoot-example-com/rule/1/match/0"'
check_contains "config_dump has the cluster" "$LINTEL_WORKDIR/dump.json" "\"port\": $ALPACA_PORT"
check "config_dump content type" \
  "$(curl -s -o /dev/null -w '%{content_type}' "$admin/config_dump")" application/json
if ip -4 -o addr show scope global 2>/dev/null | grep -q inet; then
  address=$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -n 1)
  check "admin is not reachable on $address" \
    "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$address:$ADMIN_PORT/healthz" || true)" 000
fi

finish
