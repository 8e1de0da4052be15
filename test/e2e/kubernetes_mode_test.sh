#!/usr/bin/env bash
# `lintel run --kubeconfig`: Lintel lists and watches a Kubernetes API server (the test API
# server, driven with curl as kubectl would), serves what it holds, follows its changes live, and
# writes status back through the /status subresource without touching other controllers'
# entries.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
APISERVER_BIN=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
start_test_apiserver "$APISERVER_BIN"
api_port=$API_PORT
API="http://127.0.0.1:$api_port"
GW=/apis/gateway.networking.k8s.io/v1

send() {  # send METHOD PATH JSON: as kubectl would; prints the HTTP status
  curl -s -o "$LINTEL_WORKDIR/last.json" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    --data-binary "$3" "$API$2"
}
service() {  # service NAME PORT
  send POST /api/v1/namespaces/default/services \
    "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"$1\"},\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":8080}]}}" >/dev/null
  send POST /apis/discovery.k8s.io/v1/namespaces/default/endpointslices \
    "{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"$1\",\"labels\":{\"kubernetes.io/service-name\":\"$1\"}},\"addressType\":\"IPv4\",\"ports\":[{\"name\":\"http\",\"port\":$2}],\"endpoints\":[{\"addresses\":[\"127.0.0.1\"],\"conditions\":{\"ready\":true}}]}" >/dev/null
}
route() {  # route METHOD PATH BACKEND
  send "$1" "$2" "{\"apiVersion\":\"gateway.networking.k8s.io/v1\",\"kind\":\"HTTPRoute\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"parentRefs\":[{\"name\":\"zoo\"}],\"hostnames\":[\"web.example.com\"],\"rules\":[{\"backendRefs\":[{\"name\":\"$3\",\"port\":8080}]}]}}"
}

listener_port=$(free_port)
service alpaca "$ALPACA_PORT"
service bandicoot "$BANDICOOT_PORT"
check "a GatewayClass is created" "$(send POST $GW/gatewayclasses \
  '{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"lintel"},"spec":{"controllerName":"lintel.io/gateway-controller"}}')" 201
check "a Gateway is created" "$(send POST $GW/namespaces/default/gateways \
  "{\"apiVersion\":\"gateway.networking.k8s.io/v1\",\"kind\":\"Gateway\",\"metadata\":{\"name\":\"zoo\"},\"spec\":{\"gatewayClassName\":\"lintel\",\"listeners\":[{\"name\":\"http\",\"port\":$listener_port,\"protocol\":\"HTTP\"}]}}")" 201
check "an HTTPRoute is created" "$(route POST $GW/namespaces/default/httproutes alpaca)" 201

cat >"$LINTEL_WORKDIR/kubeconfig" <<YAML
apiVersion: v1
kind: Config
current-context: test
clusters: [{name: test, cluster: {server: "$API"}}]
users: [{name: lintel, user: {token: not-checked}}]
contexts: [{name: test, context: {cluster: test, user: lintel}}]
YAML
start_lintel "$LINTEL_WORKDIR/lintel.log" --kubeconfig "$LINTEL_WORKDIR/kubeconfig"
HTTP_PORT=$listener_port

check "the cluster's HTTPRoute is served" "$(backend_of web.example.com /)" alpaca
route PUT $GW/namespaces/default/httproutes/web bandicoot >/dev/null
eventually "a change in the cluster is served live" bandicoot backend_of web.example.com /

route_status() { curl -s "$API$GW/namespaces/default/httproutes/web"; }
eventually "the route's status is written through /status" 1 \
  bash -c "curl -s $API$GW/namespaces/default/httproutes/web | grep -c '\"controllerName\":\"lintel.io/gateway-controller\"'"
check_contains_text "the Gateway is Programmed in the cluster" '"reason":"Programmed"' \
  "$(curl -s "$API$GW/namespaces/default/gateways/zoo")"

# Another controller's entry in status.parents is kept when Lintel writes its own again.
current=$(route_status)
foreign=$(sed 's/"parents":\[/"parents":[{"controllerName":"other.example.com\/controller","parentRef":{"name":"elsewhere"},"conditions":[]},/' <<<"$current")
check "another controller writes its entry" "$(send PUT $GW/namespaces/default/httproutes/web/status "$foreign")" 200
route PUT $GW/namespaces/default/httproutes/web alpaca >/dev/null
eventually "the new spec is served" alpaca backend_of web.example.com /
eventually "Lintel's entry follows the new generation" 1 \
  bash -c "curl -s $API$GW/namespaces/default/httproutes/web | grep -c '\"observedGeneration\":3'"
check_contains_text "the other controller's entry is still there" 'other.example.com/controller' \
  "$(route_status)"
check "Lintel's own entry is there once" \
  "$(route_status | grep -o '"controllerName":"lintel.io/gateway-controller"' | wc -l)" 1

# Two replicas: one Lease, one leader writing status; when it stops, the other takes over.
holder() {
  curl -s "$API/apis/coordination.k8s.io/v1/namespaces/lintel-system/leases/lintel-controller" |
    sed -n 's/.*"holderIdentity":"[^"]*_\([0-9]*\)".*/\1/p'
}
first=$LINTEL_PID
eventually "the first replica holds the Lease" "$first" holder
start_lintel "$LINTEL_WORKDIR/lintel-2.log" --kubeconfig "$LINTEL_WORKDIR/kubeconfig"
second=$LINTEL_PID
HTTP_PORT=$listener_port
check "the second replica does not take the Lease" "$(holder)" "$first"
kill -TERM "$first"
eventually "the second replica leads once the first hands the Lease back" "$second" holder
route PUT $GW/namespaces/default/httproutes/web bandicoot >/dev/null
eventually "the new leader serves and writes status" 1 \
  bash -c "curl -s $API$GW/namespaces/default/httproutes/web | grep -c '\"observedGeneration\":4'"
eventually "the new leader's replica serves the change" bandicoot backend_of web.example.com /
finish
