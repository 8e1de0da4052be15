#!/usr/bin/env bash
# Resident memory of `lintel run`: with no routes, with N routes, and after the N routes are
# deleted again (is the memory given back?). Usage: bench/memory.sh [N]   (default 10000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LINTEL_BIN=${LINTEL_BIN:-$ROOT/build/cmd/lintel/lintel}
routes=${1:-10000}
source "$ROOT/scripts/lib/processes.sh"

folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
cat >"$folder/backends.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{name: http, port: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
ports: [{name: http, port: 8080}]
endpoints: [{addresses: [127.0.0.1]}]
YAML
for ((i = 0; i < routes; i++)); do
  printf -- '---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: r%d}\nspec:\n  rules:\n  - host: h%d.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n' "$i" "$i"
done >"$LINTEL_WORKDIR/routes.yaml"

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$LINTEL_PID/status"; }
# waits until the admin port reports `version` as the snapshot serving
wait_version() {
  for _ in $(seq 1 600); do
    curl -s "http://127.0.0.1:$ADMIN_PORT/status" | grep -q "\"snapshotVersion\": $1," && return 0
    sleep 0.05
  done
  echo "snapshot $1 never served" >&2
  return 1
}

start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder" --workers 2
wait_version 1
empty=$(rss_kib)
mv "$LINTEL_WORKDIR/routes.yaml" "$folder/routes.yaml"
wait_version 2
full=$(rss_kib)
rm "$folder/routes.yaml"
wait_version 3
sleep 1  # the reload that published version 3 trims the heap just after
after=$(rss_kib)
echo "RSS of lintel run (KiB): no routes $empty; $routes routes $full ($(( (full - empty) * 1024 / routes )) bytes a route); after deleting them $after"
