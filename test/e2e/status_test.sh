#!/usr/bin/env bash
# Status where the user can see it: /status lists every Gateway API object with its conditions,
# `lintel status` prints them as kubectl would, and --status-dir keeps one file per object.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
status_dir="$LINTEL_WORKDIR/status"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
listener_port=$(free_port)
sed "s/port: 80$/port: $listener_port/" "$ROOT/examples/gateway-api/zoo.yaml" >"$folder/zoo.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder" --status-dir "$status_dir"

# One object of /status on one line: its JSON without blanks.
status_object() {  # status_object KIND NAME
  curl -s "http://127.0.0.1:$ADMIN_PORT/status" | tr -d ' \n' | sed 's/{"apiVersion":/\n&/g' |
    grep "\"kind\":\"$1\",\"metadata\":{\"name\":\"$2\"" || true
}
# yes when the object has a condition TYPE with STATUS (and REASON, when given).
condition() {  # condition KIND NAME TYPE STATUS [REASON]
  local pattern="\"type\":\"$3\",\"status\":\"$4\"[^}]*\"reason\":\"${5:-[A-Za-z]*}\""
  if status_object "$1" "$2" | grep -q "$pattern"; then echo yes; else echo no; fi
}

check "Gateway Accepted" "$(condition Gateway zoo Accepted True Accepted)" yes
check "Gateway Programmed" "$(condition Gateway zoo Programmed True Programmed)" yes
check "GatewayClass Accepted" "$(condition GatewayClass lintel Accepted True)" yes
for route in alpaca bandicoot be-default; do
  check "HTTPRoute $route parent Accepted" "$(condition HTTPRoute $route Accepted True Accepted)" yes
  check "HTTPRoute $route parent ResolvedRefs" "$(condition HTTPRoute $route ResolvedRefs True ResolvedRefs)" yes
done
check_contains_text "generation given in standalone mode" '"generation":1' "$(status_object Gateway zoo)"
check_contains_text "listener attachedRoutes" '"attachedRoutes":3' "$(status_object Gateway zoo)"
check_contains_text "the JSON keys stay" '"notServedYet"' "$(curl -s "http://127.0.0.1:$ADMIN_PORT/status")"
check_contains_text "/status.yaml is a YAML stream" 'kind: HTTPRoute' "$(curl -s "http://127.0.0.1:$ADMIN_PORT/status.yaml")"

# --status-dir: one file per object.
check "GatewayClass file" "$(test -f "$status_dir/GatewayClass/lintel.yaml" && echo yes)" yes
check "Gateway file" "$(test -f "$status_dir/Gateway/default/zoo.yaml" && echo yes)" yes
check "HTTPRoute file" "$(test -f "$status_dir/HTTPRoute/default/alpaca.yaml" && echo yes)" yes
check_contains "the file holds the status" "$status_dir/Gateway/default/zoo.yaml" "attachedRoutes: 3"

# A route to a Service that does not exist: ResolvedRefs False, BackendNotFound.
cat >"$folder/lost.yaml" <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: lost}
spec:
  parentRefs: [{name: zoo}]
  hostnames: ["lost.example.com"]
  rules: [{backendRefs: [{name: nowhere, port: 8080}]}]
YAML
eventually "a route to a missing Service: ResolvedRefs False" yes \
  condition HTTPRoute lost ResolvedRefs False BackendNotFound
check "... yet Accepted" "$(condition HTTPRoute lost Accepted True Accepted)" yes
eventually "its status file appears" yes \
  bash -c "test -f '$status_dir/HTTPRoute/default/lost.yaml' && echo yes"
check_contains "the file says why" "$status_dir/HTTPRoute/default/lost.yaml" "reason: BackendNotFound"

# A ListenerSet the Gateway does not allow (no spec.allowedListeners): NotAllowed.
cat >"$folder/team.yaml" <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: team}
spec:
  parentRef: {name: zoo}
  listeners: [{name: team, port: 8081, protocol: HTTP}]
YAML
eventually "a ListenerSet the Gateway does not allow: NotAllowed" yes \
  condition ListenerSet team Accepted False NotAllowed
check "... nor programmed" "$(condition ListenerSet team Programmed False NotAllowed)" yes
check_contains_text "the Gateway counts no attached ListenerSet" '"attachedListenerSets":0' \
  "$(status_object Gateway zoo)"
eventually "its status file appears" yes \
  bash -c "test -f '$status_dir/ListenerSet/default/team.yaml' && echo yes"

# lintel status: kubectl's tables, conditions under each object.
"$LINTEL_BIN" status --admin "127.0.0.1:$ADMIN_PORT" >"$LINTEL_WORKDIR/status.out"
check_contains "GatewayClass table" "$LINTEL_WORKDIR/status.out" "NAME     CONTROLLER                     ACCEPTED   AGE"
check "Gateway row" "$(grep -cE '^default +zoo +lintel +127\.0\.0\.1 +True +[0-9]+s$' "$LINTEL_WORKDIR/status.out")" 1
check "HTTPRoute row" "$(grep -cE '^default +lost +lost\.example\.com +[0-9]+s$' "$LINTEL_WORKDIR/status.out")" 1
check "ListenerSet row" "$(grep -cE '^default +team +False +False +[0-9]+s$' "$LINTEL_WORKDIR/status.out")" 1
check "listener line" "$(grep -c '^    Listener http (attachedRoutes: 4)$' "$LINTEL_WORKDIR/status.out")" 1
check "route condition" "$(grep -cE '^      ResolvedRefs +False +BackendNotFound ' "$LINTEL_WORKDIR/status.out")" 1
status_exit=0
"$LINTEL_BIN" status --admin "127.0.0.1:$(free_port)" >/dev/null 2>&1 || status_exit=$?
check "lintel status without a server fails" "$status_exit" 1

# The route is gone: so is its file, and it leaves /status.
rm "$folder/lost.yaml"
eventually "its status file disappears" gone \
  bash -c "test -f '$status_dir/HTTPRoute/default/lost.yaml' && echo there || echo gone"
check "... and /status" "$(status_object HTTPRoute lost)" ""

finish
