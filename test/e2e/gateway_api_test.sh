#!/usr/bin/env bash
# Native Gateway API: GatewayClass, Gateway and HTTPRoutes from a folder are served on the
# Gateway's listener port; what Lintel does not serve yet is reported, not silently dropped; a
# bad HTTPRoute is refused with the API server's words and the last good routes keep serving.
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
# The Gateway's listener says port 80; the test moves it to a free port.
listener_port=$(free_port)
sed "s/port: 80$/port: $listener_port/" "$ROOT/examples/gateway-api/zoo.yaml" >"$folder/zoo.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder"
HTTP_PORT=$listener_port

check "HTTPRoute by host" "$(backend_of alpaca.example.com /)" alpaca
check "HTTPRoute by path prefix" "$(backend_of bandicoot.example.com /a/b)" alpaca
check "HTTPRoute prefix matches whole segments" "$(backend_of bandicoot.example.com /ab)" bandicoot
check "HTTPRoute rest of the host" "$(backend_of bandicoot.example.com /)" bandicoot
check "HTTPRoute header match" \
  "$(curl -s -H 'Host: bandicoot.example.com' -H 'x-tester: yes' "http://127.0.0.1:$HTTP_PORT/" | sed -n 's/.*"service": *"\([^"]*\)".*/\1/p')" alpaca
check "HTTPRoute without hostnames takes other hosts" "$(backend_of other.example.com /)" be-default

# A field Lintel does not serve yet is reported by name in /status and in the log.
cat >"$folder/sticky.yaml" <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: old-site}
spec:
  parentRefs: [{name: zoo}]
  hostnames: ["old.example.com"]
  rules:
  - sessionPersistence: {sessionName: sticky}
    backendRefs: [{name: alpaca, port: 8080}]
YAML
eventually "route with a field not served yet is reported" 1 \
  bash -c "curl -s http://127.0.0.1:$ADMIN_PORT/status | grep -c 'HTTPRoute default/old-site spec.rules\[0\].sessionPersistence'"

# A bad edit is refused with the API server's words; the last good routes keep serving.
cat >"$folder/zoo-bad.yaml" <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: broken}
spec:
  parentRefs: [{name: zoo}]
  hostnames: ["Broken.Example.com"]
  rules:
  - matches: [{path: {type: Prefix, value: /}}]
    backendRefs: [{name: alpaca, port: 8080}]
YAML
eventually "the bad HTTPRoute is reported" 1 \
  bash -c "curl -s http://127.0.0.1:$ADMIN_PORT/status | grep -c 'The HTTPRoute \\\\\"broken\\\\\" is invalid'"
curl -s "http://127.0.0.1:$ADMIN_PORT/status" >"$LINTEL_WORKDIR/status.json"
check_contains "/status names the enum" "$LINTEL_WORKDIR/status.json" 'spec.rules[0].matches[0].path.type: Unsupported value: \"Prefix\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"'
check "after a bad edit, the good routes serve" "$(backend_of alpaca.example.com /)" alpaca

# lintel validate checks the same offline, with a non-zero exit.
validate_exit=0
"$LINTEL_BIN" validate -f "$folder/zoo-bad.yaml" >"$LINTEL_WORKDIR/validate.out" 2>&1 || validate_exit=$?
check "lintel validate fails on the bad HTTPRoute" "$validate_exit" 1
check_contains "lintel validate gives the pattern" "$LINTEL_WORKDIR/validate.out" "spec.hostnames[0]: Invalid value: \"Broken.Example.com\""

# Deleting the Gateway takes every route of it away.
rm "$folder/zoo-bad.yaml" "$folder/sticky.yaml"
awk 'BEGIN { RS = "\n---\n"; ORS = "\n---\n" } !/\nkind: Gateway\n/' "$folder/zoo.yaml" \
  >"$folder/zoo.yaml.tmp"
mv "$folder/zoo.yaml.tmp" "$folder/zoo.yaml"
eventually "no Gateway: nothing listens" no-answer backend_of alpaca.example.com /

finish
