#!/usr/bin/env bash
# A real client on both sides of Kubernetes mode: kubectl 1.34 creates the seed's backends and
# its Gateway API routing (examples/gateway-api/zoo.yaml) in the test API server, Lintel serves
# them through --kubeconfig, kubectl reads back the status Lintel wrote, and a kubectl delete
# takes a route away live.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
APISERVER_BIN=$(realpath "$2")
KUBECTL=$3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
start_test_apiserver "$APISERVER_BIN"
api_port=$API_PORT
cat >"$LINTEL_WORKDIR/kubeconfig" <<YAML
apiVersion: v1
kind: Config
current-context: test
clusters: [{name: test, cluster: {server: "http://127.0.0.1:$api_port"}}]
users: [{name: admin, user: {token: not-checked}}]
contexts: [{name: test, context: {cluster: test, user: admin, namespace: default}}]
YAML
kubectl() { "$KUBECTL" --kubeconfig "$LINTEL_WORKDIR/kubeconfig" "$@"; }

render_backends "$LINTEL_WORKDIR/backends.yaml"
listener_port=$(free_port)
sed "s/port: 80$/port: $listener_port/" "$ROOT/examples/gateway-api/zoo.yaml" >"$LINTEL_WORKDIR/zoo.yaml"
check "kubectl creates the backends" \
  "$(kubectl create --validate=false -f "$LINTEL_WORKDIR/backends.yaml" >/dev/null 2>&1; echo $?)" 0
check "kubectl creates the routing" \
  "$(kubectl create --validate=false -f "$LINTEL_WORKDIR/zoo.yaml" >/dev/null 2>&1; echo $?)" 0

start_lintel "$LINTEL_WORKDIR/lintel.log" --kubeconfig "$LINTEL_WORKDIR/kubeconfig" \
  --leader-elect=false
HTTP_PORT=$listener_port
check "alpaca.example.com by host" "$(backend_of alpaca.example.com /)" alpaca
check "bandicoot.example.com/a by path" "$(backend_of bandicoot.example.com /a/b)" alpaca
check "bandicoot.example.com/ the rest" "$(backend_of bandicoot.example.com /)" bandicoot
check "any other host" "$(backend_of other.example.com /)" be-default

parent_reason() {
  kubectl get httproute "$1" -o jsonpath='{.status.parents[0].conditions[?(@.type=="Accepted")].reason}'
}
eventually "kubectl reads the status Lintel wrote" Accepted parent_reason alpaca
eventually "the Gateway is Programmed, as kubectl sees it" True \
  kubectl get gateway zoo -o jsonpath='{.status.conditions[?(@.type=="Programmed")].status}'

check "kubectl deletes a route" "$(kubectl delete httproute alpaca >/dev/null 2>&1; echo $?)" 0
eventually "the deleted route's host falls to the default route" be-default \
  backend_of alpaca.example.com /
finish
