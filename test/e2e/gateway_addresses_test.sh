#!/usr/bin/env bash
# `lintel run --gateway-addresses BLOCK`: every Gateway gets an address of its own, so two
# Gateways with the same listener port serve their own routes only (as behind two load
# balancers); a Gateway may ask for an address of the block; a deleted Gateway's socket closes.
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
port=$(free_port)
block="127.$(shuf -i 16-250 -n 1).$(shuf -i 0-255 -n 1)"
{
  http_gateway first "$port"
  cat <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: to-alpaca}
spec:
  parentRefs: [{name: first}]
  rules: [{backendRefs: [{name: alpaca, port: 8080}]}]
YAML
} >"$folder/gateways.yaml"
cat >"$folder/second.yaml" <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: second}
spec:
  gatewayClassName: lintel
  addresses: [{value: $block.9}]
  listeners: [{name: http, port: $port, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: to-bandicoot}
spec:
  parentRefs: [{name: second}]
  rules: [{backendRefs: [{name: bandicoot, port: 8080}]}]
YAML
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder" --gateway-addresses "$block.0/24"

service_at() {  # service_at ADDRESS: the backend that answers on ADDRESS:$port, or the failure
  local body
  body=$(curl -s --max-time 5 "http://$1:$port/") || { echo "refused"; return; }
  sed -n 's/.*"service": *"\([^"]*\)".*/\1/p' <<<"$body" | head -n 1
}

check "the first Gateway's address serves its own route" "$(service_at "$block.1")" alpaca
check "the second Gateway's requested address serves its own route" "$(service_at "$block.9")" bandicoot
check "no Gateway listens on the shared bind address" "$(service_at 127.0.0.1)" refused
status=$(curl -s "http://127.0.0.1:$ADMIN_PORT/status.yaml")
check_contains_text "the first Gateway reports its address" "value: \"$block.1\"" "$status"
check_contains_text "the second Gateway reports its address" "value: \"$block.9\"" "$status"

rm "$folder/second.yaml"
eventually "a deleted Gateway's address stops answering" refused service_at "$block.9"
check "the other Gateway keeps serving" "$(service_at "$block.1")" alpaca
finish
