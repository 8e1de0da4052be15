#!/usr/bin/env bash
# The controller's resident memory under churn, in Kubernetes mode against the test API server:
# ROUTES HTTPRoutes are created, `lintel controller --kubeconfig` syncs them, then for MINUTES
# minutes RATE routes a second are changed (hostnames and backends rewritten in place) while the
# controller reconciles, writes status and publishes snapshots. RSS is sampled every 30 s; the
# last sample over the first says whether memory stays flat.
#
#   bench/churn_memory.sh [ROUTES] [MINUTES] [RATE]     (defaults 5000, 10, 20)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINTEL_BIN=${LINTEL_BIN:-$ROOT/build/cmd/lintel/lintel}
APISERVER_BIN=${APISERVER_BIN:-$ROOT/build/test/kube_api/lintel-test-apiserver}
routes=${1:-5000}
minutes=${2:-10}
rate=${3:-20}
source "$ROOT/scripts/lib/processes.sh"

start_test_apiserver "$APISERVER_BIN"
API="http://127.0.0.1:$API_PORT"
GW=/apis/gateway.networking.k8s.io/v1
bodies="$LINTEL_WORKDIR/bodies"
mkdir -p "$bodies"

# request_config METHOD URL BODY_FILE: one request of a curl config (-K), so that one curl
# process sends many requests over one kept-alive connection.
request_config() {
  printf 'url = "%s"\nrequest = "%s"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "/dev/null"\nnext\n' \
    "$2" "$1" "$3"
}
# route_body I GENERATION: HTTPRoute rI, its hostname and backend varying with GENERATION.
route_body() {
  printf '{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"r%d","namespace":"apps"},"spec":{"parentRefs":[{"name":"web","namespace":"infra"}],"hostnames":["h%d-g%d.example.com"],"rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/v%d"}}],"backendRefs":[{"name":"web-%d","port":80}]}]}}' \
    "$1" "$1" "$2" "$2" "$(($2 % 4))"
}

{
  printf '{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"lintel"},"spec":{"controllerName":"lintel.io/gateway-controller"}}' >"$bodies/class.json"
  request_config POST "$API$GW/gatewayclasses" "$bodies/class.json"
  printf '{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"web","namespace":"infra"},"spec":{"gatewayClassName":"lintel","listeners":[{"name":"http","port":80,"protocol":"HTTP","allowedRoutes":{"namespaces":{"from":"All"}}}]}}' >"$bodies/gateway.json"
  request_config POST "$API$GW/namespaces/infra/gateways" "$bodies/gateway.json"
  for s in 0 1 2 3; do
    printf '{"apiVersion":"v1","kind":"Service","metadata":{"name":"web-%d","namespace":"apps"},"spec":{"ports":[{"name":"http","port":80}]}}' "$s" >"$bodies/service-$s.json"
    request_config POST "$API/api/v1/namespaces/apps/services" "$bodies/service-$s.json"
  done
  for ((i = 0; i < routes; i++)); do
    route_body "$i" 0 >"$bodies/r$i.json"
    request_config POST "$API$GW/namespaces/apps/httproutes" "$bodies/r$i.json"
  done
} >"$LINTEL_WORKDIR/create.curl"
sed -i '$d' "$LINTEL_WORKDIR/create.curl"  # no `next` after the last request
curl -s -K "$LINTEL_WORKDIR/create.curl"

cat >"$LINTEL_WORKDIR/kubeconfig" <<YAML
apiVersion: v1
kind: Config
current-context: test
clusters: [{name: test, cluster: {server: "$API"}}]
users: [{name: lintel, user: {token: not-checked}}]
contexts: [{name: test, context: {cluster: test, user: lintel}}]
YAML
"$LINTEL_BIN" controller --kubeconfig "$LINTEL_WORKDIR/kubeconfig" --snapshot-listen 127.0.0.1:0 \
  --admin-port 0 2>"$LINTEL_WORKDIR/controller.log" &
CONTROLLER_PID=$!
LINTEL_PIDS+=($CONTROLLER_PID)
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$CONTROLLER_PID/status"; }
sent() { grep -c '"msg":"snapshot sent to the proxies"' "$LINTEL_WORKDIR/controller.log" || true; }
# Synced once the last route's status names Lintel.
for _ in $(seq 1 600); do
  curl -s "$API$GW/namespaces/apps/httproutes/r$((routes - 1))" | grep -q '"controllerName":"lintel.io/gateway-controller"' && break
  sleep 0.1
done
synced=$(rss_mib)
printf 'routes %d, churn %d/s for %d min\n%8s %10s %10s %10s\n' "$routes" "$rate" "$minutes" \
  "elapsed" "changes" "snapshots" "rss_mib"
printf '%8s %10d %10d %10s\n' 0s 0 "$(sent)" "$synced"

generation=1 changes=0
start=$SECONDS next_sample=30
while ((SECONDS - start < minutes * 60)); do
  tick=$SECONDS
  for ((k = 0; k < rate; k++)); do
    i=$((RANDOM * 32768 + RANDOM))
    i=$((i % routes))
    route_body "$i" "$generation" >"$bodies/change-$k.json"
    request_config PUT "$API$GW/namespaces/apps/httproutes/r$i" "$bodies/change-$k.json"
    generation=$((generation + 1))
  done >"$LINTEL_WORKDIR/churn.curl"
  sed -i '$d' "$LINTEL_WORKDIR/churn.curl"
  curl -s -K "$LINTEL_WORKDIR/churn.curl"
  changes=$((changes + rate))
  while ((SECONDS == tick)); do sleep 0.05; done
  if ((SECONDS - start >= next_sample)); then
    printf '%8s %10d %10d %10s\n' "$((SECONDS - start))s" "$changes" "$(sent)" "$(rss_mib)"
    next_sample=$((next_sample + 30))
  fi
done
last=$(rss_mib)
awk -v a="$synced" -v b="$last" 'BEGIN {printf "rss after sync %.1f MiB, after churn %.1f MiB: %.2fx\n", a, b, b / a}'
