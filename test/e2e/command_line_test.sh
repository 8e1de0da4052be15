#!/usr/bin/env bash
# The command line: usage errors exit 2 with a reason; a folder with nothing valid exits 1
# with the API server's words for each mistake, file and document included.
set -uo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

out="$LINTEL_WORKDIR/out.txt"
"$LINTEL_BIN" >"$out" 2>&1; check "no command" $? 2
"$LINTEL_BIN" frobnicate >"$out" 2>&1; check "unknown command" $? 2
"$LINTEL_BIN" run >"$out" 2>&1; check "run without --manifests" $? 2
check_contains "run without --manifests says what it needs" "$out" "give either --manifests"
"$LINTEL_BIN" run --manifests "$SEED_DIR" --http-port 70000 >"$out" 2>&1; check "bad port" $? 2
check_contains "bad port says why" "$out" 'flag --http-port: "70000" is not a whole number from 1 to 65535'
"$LINTEL_BIN" echo --listen 127.0.0.1:0 >"$out" 2>&1; check "echo without --name" $? 2
"$LINTEL_BIN" proxy >"$out" 2>&1; check "proxy without --controller" $? 2
check_contains "proxy without --controller says what to give" "$out" "give --controller HOST:PORT"
"$LINTEL_BIN" proxy --controller localhost >"$out" 2>&1; check "proxy --controller without a port" $? 2
check_contains "proxy --controller without a port says so" "$out" '--controller: "localhost" is not HOST:PORT'
"$LINTEL_BIN" controller --manifests "$SEED_DIR" --snapshot-listen 127.0.0.1:99999 >"$out" 2>&1
check "controller --snapshot-listen with a bad port" $? 2
"$LINTEL_BIN" controller --snapshot-listen 127.0.0.1:0 >"$out" 2>&1; check "controller without sources" $? 2
check_contains "controller without sources names both" "$out" "lintel controller: give either --manifests"
"$LINTEL_BIN" controller --manifests "$SEED_DIR" --workers 2 >"$out" 2>&1
check "controller refuses data-plane flags" $? 2
"$LINTEL_BIN" version >"$out" 2>&1; check "version" $? 0

cat "$SEED_DIR/mistakes/simple-ingress-v1.yaml" >"$LINTEL_WORKDIR/both.yaml"
echo "---" >>"$LINTEL_WORKDIR/both.yaml"
cat "$SEED_DIR/mistakes/simple-ingress-v2.yaml" >>"$LINTEL_WORKDIR/both.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$LINTEL_WORKDIR/both.yaml"
check "nothing valid: lintel run exits 1" "${LINTEL_EXIT:-running}" 1
check_contains "first document's error" "$LINTEL_WORKDIR/lintel.log" \
  "both.yaml: document 0 (ingress simple-ingress): no kind \"ingress\" is registered for version \"networking.k8s.io/v1\" in scheme"
check_contains "second document's error" "$LINTEL_WORKDIR/lintel.log" \
  "both.yaml: document 1 (Ingress default/simple-ingress): Ingress in version \"v1\" cannot be handled as a Ingress: strict decoding error: unknown field \"spec.service\""

# lintel validate: offline checks with the same words, for CI before kubectl apply.
"$LINTEL_BIN" validate -f "$SEED_DIR/simple-ingress.yaml" -f "$SEED_DIR/backends.yaml" >"$out" 2>&1
check "validate: valid manifests exit 0" $? 0
check_contains "validate: summary" "$out" "7 object(s) valid in 2 file(s); 0 error(s) in 0 file(s)"
"$LINTEL_BIN" validate -f "$SEED_DIR" >"$out" 2>&1
check "validate: the seed folder holds the two mistakes" $? 1
check_contains "validate: the kind mistake" "$out" 'simple-ingress-v1.yaml: document 0 (ingress simple-ingress): no kind "ingress" is registered'
check_contains "validate: the field mistake" "$out" 'strict decoding error: unknown field "spec.service"'
check_contains "validate: summary with errors" "$out" "2 error(s) in 2 file(s)"
"$LINTEL_BIN" validate >"$out" 2>&1; check "validate without -f" $? 2
cat >"$LINTEL_WORKDIR/retry.yaml" <<'EOF_ROUTE'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: retried}
spec:
  rules: [{retry: {attempts: 2}, backendRefs: [{name: web, port: 80}]}]
EOF_ROUTE
"$LINTEL_BIN" validate -f "$LINTEL_WORKDIR/retry.yaml" >"$out" 2>&1
check "validate: the experimental channel (the default) has retry" $? 0
"$LINTEL_BIN" validate --channel standard -f "$LINTEL_WORKDIR/retry.yaml" >"$out" 2>&1
check "validate --channel standard refuses an experimental field" $? 1
check_contains "validate --channel standard: unknown field" "$out" 'unknown field "spec.rules[0].retry"'
"$LINTEL_BIN" validate --channel beta -f "$LINTEL_WORKDIR/retry.yaml" >"$out" 2>&1
check "validate --channel beta" $? 2

# lintel migrate: the Gateway API objects Lintel serves, as YAML that validates again.
"$LINTEL_BIN" migrate -f "$SEED_DIR/backends.yaml" -f "$SEED_DIR/path-ingress.yaml" >"$LINTEL_WORKDIR/gw.yaml" 2>"$out"
check "migrate: exit 0" $? 0
check_contains "migrate: an HTTPRoute for the Ingress host" "$LINTEL_WORKDIR/gw.yaml" "name: path-ingress-bandicoot-example-com"
check_contains "migrate: the Ingress prefix kept" "$LINTEL_WORKDIR/gw.yaml" "value: /a/"
"$LINTEL_BIN" validate -f "$LINTEL_WORKDIR/gw.yaml" >"$out" 2>&1
check "migrate output validates" $? 0
"$LINTEL_BIN" migrate -f "$SEED_DIR/mistakes" >"$out" 2>&1
check "migrate refuses broken input" $? 1
"$LINTEL_BIN" migrate -f "$ROOT/conversion/test/testdata/migrate/named-ports-and-wildcards.in.yaml" >/dev/null 2>"$out"
check "migrate: approximations exit 3" $? 3
check_contains "migrate: approximations named" "$out" "approximated: Ingress host *.shop.example.com matched exactly one label"

finish
