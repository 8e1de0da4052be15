#!/usr/bin/env bash
# /metrics on the admin port: Prometheus's text format, as promtool checks it; requests,
# connections and snapshot swaps counted; and few series whatever the number of routes (under
# 1,000 at 5,000 routes, where a per-route label would make tens of thousands).
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"
command -v promtool >/dev/null || { echo "promtool is missing (scripts/install-deps.sh --test installs it)"; exit 1; }

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
cp "$SEED_DIR/host-ingress.yaml" "$folder/ingress.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder"

metrics() { curl -s "http://127.0.0.1:$ADMIN_PORT/metrics"; }
# value NAME_AND_LABELS: the sample's value, e.g. value 'lintel_snapshot_version'
value() { metrics | awk -v series="$1" '$1 == series {print $2}'; }

check "the content type is Prometheus text 0.0.4" \
  "$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$ADMIN_PORT/metrics")" \
  "text/plain; version=0.0.4; charset=utf-8"
metrics >"$LINTEL_WORKDIR/first.prom"
check "promtool finds nothing wrong" "$(promtool check metrics <"$LINTEL_WORKDIR/first.prom" 2>&1)" ""

for _ in 1 2 3; do backend_of alpaca.example.com / >/dev/null; done
# Two requests the proxy refuses itself (a header line without a colon: 400).
for _ in 1 2; do
  exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT"
  printf 'GET / HTTP/1.1\r\nHost: alpaca.example.com\r\nno colon here\r\n\r\n' >&3
  timeout 5 cat <&3 >/dev/null || true
  exec 3<&-
done
backend_of alpaca.example.com / >/dev/null
check "2xx answers are counted" "$(value 'lintel_http_requests_total{protocol="http1",code="2xx"}')" 4
check "4xx answers are counted" "$(value 'lintel_http_requests_total{protocol="http1",code="4xx"}')" 2
check "each request's duration is observed" \
  "$(value 'lintel_http_request_duration_seconds_count{protocol="http1"}')" 6
check "so is each upstream's answer" "$(value 'lintel_upstream_response_header_duration_seconds_count')" 4
check "connections are counted" "$(value lintel_downstream_connections_total)" 6
check "none is open now" "$(value lintel_downstream_connections_active)" 0
curl -s --http2-prior-knowledge -o /dev/null -H 'Host: alpaca.example.com' "http://127.0.0.1:$HTTP_PORT/"
check "HTTP/2 answers are counted apart" "$(value 'lintel_http_requests_total{protocol="http2",code="2xx"}')" 1
check "and their durations" "$(value 'lintel_http_request_duration_seconds_count{protocol="http2"}')" 1
check "and their upstream's answer" "$(value 'lintel_upstream_response_header_duration_seconds_count')" 5
check "the snapshot served" "$(value lintel_snapshot_version)" 1
check "one snapshot applied" "$(value 'lintel_snapshot_applies_total{result="applied"}')" 1
check "the reconcile loop ran once" "$(value lintel_controller_reconciles_total)" 1
check "the routes of the seed's host Ingress (alpaca, and the default backend)" \
  "$(value lintel_controller_routes)" 2

# An endpoint that refuses connections: each request a connect failure (502), and after five in
# a row the endpoint is ejected.
dead_port=$(free_port)
cat >"$folder/dead.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: dead}
spec: {ports: [{name: http, port: 8080}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: dead, labels: {kubernetes.io/service-name: dead}}
addressType: IPv4
ports: [{name: http, port: $dead_port}]
endpoints: [{addresses: [127.0.0.1]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: dead}
spec:
  rules:
  - host: dead.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: dead, port: {number: 8080}}}}]
YAML
dead_served() { curl -s "http://127.0.0.1:$ADMIN_PORT/config_dump" | grep -c '"dead.example.com"'; }
within 10 "the dead backend's route serves" 1 dead_served
# One connection, so one worker (passive health is kept per worker) sees all five.
check "five requests, five 502s" "$(curl -s -o "$LINTEL_WORKDIR/dead-#1" -w '%{http_code} ' \
  -H 'Host: dead.example.com' "http://127.0.0.1:$HTTP_PORT/[1-5]")" "502 502 502 502 502 "
check "connect failures are counted" "$(value lintel_upstream_connect_failures_total)" 5
check "the fifth in a row ejects the endpoint" "$(value lintel_upstream_endpoint_ejections_total)" 1
rm "$folder/dead.yaml"

# A manifest with an error: counted, and the last good configuration keeps serving.
printf 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: broken}\nspec: {rules: [{host: "bad host"}]}\n' \
  >"$folder/broken.yaml"
within 10 "a rejected object shows as a config error" 1 value lintel_controller_config_errors
check "still served" "$(backend_of alpaca.example.com /)" alpaca
rm "$folder/broken.yaml"
within 10 "and goes when the object is fixed" 0 value lintel_controller_config_errors

# 5,000 routes: the number of series does not grow with them.
for ((i = 0; i < 5000; i++)); do
  printf -- '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: r%d}\nspec:\n  rules:\n  - host: h%d.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: alpaca, port: {number: 8080}}}}\n' "$i" "$i"
done >"$LINTEL_WORKDIR/many.yaml"
mv "$LINTEL_WORKDIR/many.yaml" "$folder/many.yaml"
within 30 "5,000 more routes serve" 5002 bash -c "curl -s http://127.0.0.1:$ADMIN_PORT/metrics | awk '\$1 == \"lintel_controller_routes\" {print \$2}'"
series=$(metrics | grep -vc '^#')
check "fewer than 1,000 series at 5,000 routes ($series)" "$((series < 1000))" 1
metrics >"$LINTEL_WORKDIR/many.prom"
check "promtool still finds nothing wrong" "$(promtool check metrics <"$LINTEL_WORKDIR/many.prom" 2>&1)" ""
finish
