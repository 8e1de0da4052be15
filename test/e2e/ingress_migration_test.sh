#!/usr/bin/env bash
# The migration contract end to end: the same requests, over HTTP and HTTPS, through `lintel
# run` serving the original Ingresses and through `lintel run` serving what `lintel migrate`
# made of them (Gateway API objects only), reach the same echo backends with the same paths, or
# get the same status and redirect. The Ingresses exercise class selection, spec.tls with the
# ssl-redirect default, a conflict between two Ingresses, Exact and Prefix paths and a default
# backend. The certificates are made here, for this run only.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

tls_dir="$LINTEL_WORKDIR/tls"
mkdir -p "$tls_dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=lintel migration CA" -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=bandicoot" \
  -keyout "$tls_dir/bandicoot.key" -out "$tls_dir/bandicoot.csr" 2>/dev/null
openssl x509 -req -in "$tls_dir/bandicoot.csr" -CA "$tls_dir/ca.crt" -CAkey "$tls_dir/ca.key" \
  -CAcreateserial -days 2 -extfile <(echo "subjectAltName=DNS:bandicoot.example.com") \
  -out "$tls_dir/bandicoot.crt" 2>/dev/null

start_seed_backends
original="$LINTEL_WORKDIR/original"
migrated="$LINTEL_WORKDIR/migrated"
mkdir -p "$original" "$migrated"
render_backends "$original/backends.yaml"
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: bandicoot-tls}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: %s\n  tls.key: %s\n' \
  "$(base64 -w0 "$tls_dir/bandicoot.crt")" "$(base64 -w0 "$tls_dir/bandicoot.key")" \
  >"$original/bandicoot-tls.yaml"
cp "$original/backends.yaml" "$original/bandicoot-tls.yaml" "$migrated/"
cat >"$original/ingresses.yaml" <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: host-ingress, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  defaultBackend: {service: {name: be-default, port: {number: 8080}}}
  rules:
  - host: alpaca.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: alpaca, port: {name: http}}}}
      - {path: /exact, pathType: Exact, backend: {service: {name: bandicoot, port: {number: 8080}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: path-ingress}
spec:
  tls:
  - hosts: [bandicoot.example.com]
    secretName: bandicoot-tls
  rules:
  - host: bandicoot.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: bandicoot, port: {number: 8080}}}}
      - {path: /a/, pathType: ImplementationSpecific, backend: {service: {name: alpaca, port: {number: 8080}}}}
      - path: /bucket
        pathType: Prefix
        backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}
---
# Newer, and claims what host-ingress has: left out, with a note.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: latecomer, creationTimestamp: "2025-01-01T00:00:00Z"}
spec:
  rules:
  - host: alpaca.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: bandicoot, port: {number: 8080}}}}
      - {path: /late, pathType: Prefix, backend: {service: {name: bandicoot, port: {number: 8080}}}}
---
# Another controller's: left alone both ways.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: nginx-only}
spec:
  ingressClassName: nginx
  rules:
  - host: nginx.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: alpaca, port: {number: 8080}}}}
YAML

# The original Ingresses, served.
https_a=$(free_port)
start_lintel "$LINTEL_WORKDIR/original.log" --manifests "$original" --https-port "$https_a"
http_a=$HTTP_PORT

status_json=$(curl -s "http://127.0.0.1:$ADMIN_PORT/status")
check_contains_text "the Ingress's status reports its resource backend" \
  '"field": "spec.rules[0].http.paths[2].backend.resource"' "$status_json"
check_contains_text "the Ingress's status reports the path it lost" \
  '"ingress": "default/latecomer"' "$status_json"

# The migration: exit 3 (the latecomer's path is left out), a report, and YAML without Ingress.
http_b=$(free_port)
https_b=$(free_port)
status=0
"$LINTEL_BIN" migrate -f "$original" --http-port "$http_b" --https-port "$https_b" --verify \
  --report "$LINTEL_WORKDIR/report.json" >"$migrated/gateway-api.yaml" 2>"$LINTEL_WORKDIR/migrate.err" ||
  status=$?
check "lintel migrate exits 3 when something is left out" "$status" 3
check_contains "the report names the winner of the conflict" "$LINTEL_WORKDIR/report.json" \
  "is already routed by Ingress default/host-ingress"
check_contains "the report leaves the nginx Ingress alone" "$LINTEL_WORKDIR/report.json" \
  '"leftAlone": ["default/nginx-only"]'
check_contains "--verify finds no request routed differently" "$LINTEL_WORKDIR/report.json" \
  '"differences": []'
check "the migrated YAML holds no Ingress" "$(grep -c '^kind: Ingress' "$migrated/gateway-api.yaml" || true)" 0
check "the migrated YAML is valid" "$("$LINTEL_BIN" validate -f "$migrated/gateway-api.yaml" >/dev/null 2>&1; echo $?)" 0

"$LINTEL_BIN" migrate -f "$original" -o json >"$migrated-list.json" 2>/dev/null || true
check "-o json (a v1 List) is valid too" "$("$LINTEL_BIN" validate -f "$migrated-list.json" >/dev/null 2>&1; echo $?)" 0
json_routes=$("$LINTEL_BIN" migrate -f "$original" -o json 2>/dev/null | grep -c '"kind": "HTTPRoute"' || true)
check "-o json lists the same HTTPRoutes as the YAML" "$json_routes" \
  "$(grep -c '^kind: HTTPRoute' "$migrated/gateway-api.yaml")"
status=0
"$LINTEL_BIN" migrate -f "$original" --namespace default -A >/dev/null 2>&1 || status=$?
check "--namespace with -A is a usage error" "$status" 2
status=0
"$LINTEL_BIN" migrate -f "$original" --namespace elsewhere >/dev/null 2>&1 || status=$?
check "no Ingress in the namespace: nothing to differ" "$status" 0

# The migrated objects, served by a second Lintel whose own Ingress class has nothing to do.
start_lintel "$LINTEL_WORKDIR/migrated.log" --manifests "$migrated" --ingress-class none
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$http_b") 2>/dev/null && break
  sleep 0.05
done

# outcome SCHEME HTTP_PORT HTTPS_PORT HOST PATH: "service path" from the echo backend, or the
# status and the Location with the port made neutral.
outcome() {
  local scheme=$1 port=$2 url body status
  [[ "$scheme" == https ]] && port=$3
  url="$scheme://$4:$port$5"
  body=$(curl -s --max-time 5 --http1.1 --cacert "$tls_dir/ca.crt" --resolve "$4:$port:127.0.0.1" \
    -w '\n%{http_code} %{redirect_url}' "$url") || { echo "no-answer"; return; }
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  if [[ "$status" == "200 " ]] && grep -q '"service"' <<<"$body"; then
    echo "$(sed -n 's/.*"service": *"\([^"]*\)".*/\1/p' <<<"$body" | head -n 1)" \
      "$(sed -n 's/.*"path": *"\([^"]*\)".*/\1/p' <<<"$body" | head -n 1)"
  else
    sed -E 's/:[0-9]+\//:PORT\//' <<<"$status"
  fi
}

compared=0
for scheme in http https; do
  for host in alpaca.example.com bandicoot.example.com nginx.example.com other.example.com; do
    for path in / /exact /exact/ /a /a/ /a/b /late /late/x /A/ "/a/b?q=1" /bucket; do
      [[ "$scheme" == https && "$host" != bandicoot.example.com ]] && continue
      want=$(outcome "$scheme" "$http_a" "$https_a" "$host" "$path")
      got=$(outcome "$scheme" "$http_b" "$https_b" "$host" "$path")
      check "$scheme://$host$path: migrated as original ($want)" "$got" "$want"
      compared=$((compared + 1))
    done
  done
done

# And the outcomes are the intended ones, not merely equal.
check "HTTP for the TLS host redirects to HTTPS" "$(outcome http "$http_a" "$https_a" bandicoot.example.com /a/b)" \
  "308 https://bandicoot.example.com:PORT/a/b"
check "HTTPS for the TLS host reaches its backend" "$(outcome https "$http_b" "$https_b" bandicoot.example.com /a/b)" \
  "alpaca /a/b"
check "the older Ingress wins the conflict" "$(outcome http "$http_b" "$https_b" alpaca.example.com /)" "alpaca /"
check "the latecomer's own path is served" "$(outcome http "$http_b" "$https_b" alpaca.example.com /late/x)" "bandicoot /late/x"
check "Exact is exact" "$(outcome http "$http_b" "$https_b" alpaca.example.com /exact/)" "alpaca /exact/"
check "the default backend takes other hosts" "$(outcome http "$http_b" "$https_b" other.example.com /x)" "be-default /x"
check "the nginx Ingress is not served" "$(outcome http "$http_b" "$https_b" nginx.example.com /)" "be-default /"
echo "$compared requests compared"
finish
