#!/usr/bin/env bash
# Lintel as the candidate of ../shared/bench/run (see its README for the contract):
#   --candidate 'bench/lintel-candidate.sh {listen_port} {h2c_port} {tls_port} {upstreams} {tls_cert} {tls_key} {workers} {workdir}'
# Writes an Ingress for bench.example.com, a Service and one EndpointSlice per upstream into
# {workdir}, then becomes `lintel run` on that folder. With {h2c_port} and {tls_port}, a Gateway
# serves the same route there too: an HTTP listener (h2c by prior knowledge, as on every HTTP
# port) and an HTTPS one with {tls_cert}/{tls_key} (ALPN h2 or http/1.1).
set -euo pipefail
listen_port=$1 h2c_port=$2 tls_port=$3 upstreams=$4 tls_cert=$5 tls_key=$6 workers=$7 workdir=$8
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
listeners=()
[[ -n "$h2c_port" ]] && listeners+=("  - {name: h2c, port: $h2c_port, protocol: HTTP}")
if [[ -n "$tls_port" && -f "$tls_cert" && -f "$tls_key" ]]; then
  listeners+=("  - {name: https, port: $tls_port, protocol: HTTPS, tls: {certificateRefs: [{name: bench-tls}]}}")
  cat >>"$manifests/bench.yaml" <<YAML
---
apiVersion: v1
kind: Secret
metadata: {name: bench-tls}
type: kubernetes.io/tls
data:
  tls.crt: $(base64 -w0 "$tls_cert")
  tls.key: $(base64 -w0 "$tls_key")
YAML
fi
if ((${#listeners[@]} > 0)); then
  cat >>"$manifests/bench.yaml" <<YAML
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel-bench}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: bench-tls}
spec:
  gatewayClassName: lintel-bench
  listeners:
$(printf '%s\n' "${listeners[@]}")
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bench-tls}
spec:
  parentRefs: [{name: bench-tls}]
  hostnames: [bench.example.com]
  rules: [{backendRefs: [{name: bench-upstream, port: 80}]}]
YAML
fi
# LINTEL_BENCH_EXTRA_ROUTES=N adds N more hosts (h0.example.com ...), each its own Ingress, to
# measure what the size of the route table costs a request.
for ((i = 0; i < ${LINTEL_BENCH_EXTRA_ROUTES:-0}; i++)); do
  printf -- '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: extra-%d}\nspec:\n  rules:\n  - host: h%d.example.com\n    http:\n      paths:\n      - {path: /p%d, pathType: Prefix, backend: {service: {name: bench-upstream, port: {number: 80}}}}\n' "$i" "$i" "$i"
done >"$manifests/extra-routes.yaml"
exec "$lintel" run --manifests "$manifests" --http-port "$listen_port" --bind-address 127.0.0.1 \
  --admin-port 0 --workers "$workers" 2>"$workdir/lintel.log"
