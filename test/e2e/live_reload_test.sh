#!/usr/bin/env bash
# Live reload: edits to the manifest folder take effect without a restart; a broken edit leaves
# the last good configuration serving; no request fails while configurations swap.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
cp "$SEED_DIR/host-ingress.yaml" "$folder/ingress.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder"

check "host-ingress: alpaca host" "$(backend_of alpaca.example.com /)" alpaca
check "host-ingress: other host" "$(backend_of bandicoot.example.com /)" be-default

# Swap the Ingress while a client keeps sending requests: none may fail.
load_log="$LINTEL_WORKDIR/load.txt"
(
  for _ in $(seq 1 300); do backend_of bandicoot.example.com /; done >"$load_log"
) &
load_pid=$!
sleep 0.2
cp "$SEED_DIR/path-ingress.yaml" "$folder/ingress.yaml.tmp"
mv "$folder/ingress.yaml.tmp" "$folder/ingress.yaml"
eventually "path-ingress after an edit: /a" alpaca backend_of bandicoot.example.com /a
check "path-ingress after an edit: /" "$(backend_of bandicoot.example.com /)" bandicoot
check "path-ingress after an edit: alpaca host has no rule" "$(backend_of alpaca.example.com /)" 404
wait "$load_pid"
check "requests during the swap that were not answered by a backend" \
  "$(grep -cvE '^(be-default|bandicoot)$' "$load_log" || true)" 0
check "requests sent during the swap" "$(wc -l <"$load_log")" 300

# A broken edit: reported, and the last good configuration keeps serving.
cp "$SEED_DIR/mistakes/simple-ingress-v2.yaml" "$folder/ingress.yaml"
sleep 0.5
check "after a broken edit, the last good config serves /a" "$(backend_of bandicoot.example.com /a)" alpaca
check_contains "the broken edit is reported" "$LINTEL_WORKDIR/lintel.log" 'unknown field \"spec.service\"'
curl -s "http://127.0.0.1:$ADMIN_PORT/status" >"$LINTEL_WORKDIR/status.json"
check_contains "/status names the broken file" "$LINTEL_WORKDIR/status.json" '"file": "'"$folder"'/ingress.yaml", "document": 0, "object": "Ingress default/simple-ingress"'
check_contains "/status gives the API server's words" "$LINTEL_WORKDIR/status.json" 'strict decoding error: unknown field \"spec.service\"'

# Fixing it applies at once; deleting it takes its routes away.
cp "$SEED_DIR/simple-ingress.yaml" "$folder/ingress.yaml"
eventually "simple-ingress after the fix" alpaca backend_of bandicoot.example.com /
curl -s "http://127.0.0.1:$ADMIN_PORT/status" >"$LINTEL_WORKDIR/status.json"
check_contains "/status is clear after the fix" "$LINTEL_WORKDIR/status.json" '"manifestErrors": [],'
rm "$folder/ingress.yaml"
eventually "no Ingress left: 404" 404 backend_of bandicoot.example.com /

finish
