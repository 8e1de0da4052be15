#!/usr/bin/env bash
# Lintel as the candidate of ../shared/bench/run (see its README for the contract):
#   --candidate 'bench/lintel-candidate.sh {listen_port} {h2c_port} {tls_port} {upstreams} {tls_cert} {tls_key} {workers} {workdir}'
# Writes an Ingress for bench.example.com, a Service and one EndpointSlice per upstream into
# {workdir}, then becomes `lintel run` on that folder. HTTP/2 and TLS listeners arrive with
# their own issue; until then the harness reports those scenarios as unsupported.
set -euo pipefail
listen_port=$1 upstreams=$4 workers=$7 workdir=$8
lintel=${LINTEL_BIN:-$(cd "$(dirname "$0")/.." && pwd)/build/cmd/lintel/lintel}
manifests="$workdir/manifests"
mkdir -p "$manifests"

cat >"$manifests/bench.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: bench-upstream}
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bench}
spec:
  rules:
  - host: bench.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: bench-upstream, port: {number: 80}}}}
YAML
i=0
IFS=, read -ra hosts <<<"$upstreams"
for upstream in "${hosts[@]}"; do
  i=$((i + 1))
  cat >>"$manifests/bench.yaml" <<YAML
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: bench-upstream-$i
  labels: {kubernetes.io/service-name: bench-upstream}
addressType: IPv4
ports: [{name: http, port: ${upstream##*:}}]
endpoints: [{addresses: ["${upstream%:*}"]}]
YAML
done
# LINTEL_BENCH_EXTRA_ROUTES=N adds N more hosts (h0.example.com ...), each its own Ingress, to
# measure what the size of the route table costs a request.
for ((i = 0; i < ${LINTEL_BENCH_EXTRA_ROUTES:-0}; i++)); do
  printf -- '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: extra-%d}\nspec:\n  rules:\n  - host: h%d.example.com\n    http:\n      paths:\n      - {path: /p%d, pathType: Prefix, backend: {service: {name: bench-upstream, port: {number: 80}}}}\n' "$i" "$i" "$i"
done >"$manifests/extra-routes.yaml"
exec "$lintel" run --manifests "$manifests" --http-port "$listen_port" --bind-address 127.0.0.1 \
  --admin-port 0 --workers "$workers" 2>"$workdir/lintel.log"
