#!/usr/bin/env bash
# ingress-nginx annotations served in place by `lintel run`: rewrite-target with capture groups,
# permanent-redirect with its code, canary-weight 0 and 100, and canary-by-header, seen by curl
# through `lintel echo` backends.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"

# ingress NAME HOST PATH PATH_TYPE SERVICE TIMESTAMP ANNOTATION_LINES
ingress() {
  cat <<YAML
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: $1
  creationTimestamp: "$6"
  annotations:
$7
spec:
  ingressClassName: lintel
  rules:
  - host: $2
    http:
      paths:
      - path: $3
        pathType: $4
        backend: {service: {name: $5, port: {number: 8080}}}
YAML
}
{
  ingress rewrite rewrite.example.com '/api/v(\d+)/(.*)' ImplementationSpecific alpaca 2026-01-01T00:00:00Z \
    '    nginx.ingress.kubernetes.io/rewrite-target: /v$1/$2'
  ingress moved moved.example.com / Prefix alpaca 2026-01-01T00:00:00Z \
    '    nginx.ingress.kubernetes.io/permanent-redirect: https://www.example.org/new
    nginx.ingress.kubernetes.io/permanent-redirect-code: "308"'
  ingress stable canary.example.com / Prefix alpaca 2026-01-01T00:00:00Z \
    '    nginx.ingress.kubernetes.io/x-forwarded-prefix: /shop'
  ingress stable-canary canary.example.com / Prefix bandicoot 2026-01-02T00:00:00Z \
    '    nginx.ingress.kubernetes.io/canary: "true"
    nginx.ingress.kubernetes.io/canary-weight: "0"
    nginx.ingress.kubernetes.io/canary-by-header: X-Canary'
  ingress all-in all.example.com / Prefix be-default 2026-01-01T00:00:00Z \
    '    nginx.ingress.kubernetes.io/ssl-redirect: "false"'
  ingress all-in-canary all.example.com / Prefix bandicoot 2026-01-02T00:00:00Z \
    '    nginx.ingress.kubernetes.io/canary: "true"
    nginx.ingress.kubernetes.io/canary-weight: "100"'
} >"$folder/ingresses.yaml"

start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder" || { cat "$LINTEL_WORKDIR/lintel.log"; exit 1; }
url="http://127.0.0.1:$HTTP_PORT"

# rewrite-target with capture groups: the backend sees the path built from the groups; the
# regex matches case-insensitively, as nginx's `~*` location did; the query is kept.
body=$(curl -s -H 'Host: rewrite.example.com' "$url/api/v2/users/7?x=1")
check_contains_text "rewrite reaches the backend" '"service": "alpaca"' "$body"
check_contains_text "path rebuilt from the capture groups" '"path": "/v2/users/7?x=1"' "$body"
body=$(curl -s -H 'Host: rewrite.example.com' "$url/API/V3/items")
check_contains_text "regex matches case-insensitively" '"path": "/v3/items"' "$body"
check "a path the regex does not match" "$(backend_of rewrite.example.com /other)" 404

# permanent-redirect with permanent-redirect-code.
check "permanent redirect with its code" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: moved.example.com' "$url/anything")" \
  "308 https://www.example.org/new"

# canary-weight 0: no request reaches the canary; canary-by-header: always / never decide first.
canary_hits=0
for _ in $(seq 1 20); do
  [[ "$(backend_of canary.example.com /page)" == bandicoot ]] && canary_hits=$((canary_hits + 1))
done
check "canary-weight 0 sends nothing to the canary" "$canary_hits" 0
backend=$(curl -s -H 'Host: canary.example.com' -H 'X-Canary: always' "$url/page")
check_contains_text "X-Canary: always reaches the canary" '"service": "bandicoot"' "$backend"
check_contains_text "the main Ingress's annotations apply to the canary rule" '"X-Forwarded-Prefix": ["/shop"]' "$backend"
backend=$(curl -s -H 'Host: canary.example.com' -H 'X-Canary: never' "$url/page")
check_contains_text "X-Canary: never stays on the main backend" '"service": "alpaca"' "$backend"
backend=$(curl -s -H 'Host: canary.example.com' -H 'X-Canary: maybe' "$url/page")
check_contains_text "another header value falls through to the weights" '"service": "alpaca"' "$backend"

# canary-weight 100: every request reaches the canary.
main_hits=0
for _ in $(seq 1 20); do
  [[ "$(backend_of all.example.com /)" == be-default ]] && main_hits=$((main_hits + 1))
done
check "canary-weight 100 sends everything to the canary" "$main_hits" 0
check "canary-weight 100 answers from the canary" "$(backend_of all.example.com /x)" bandicoot

# `lintel migrate` writes the same objects without Lintel's internal annotations, and exits 3:
# the capture-group rewrite is flagged as something Gateway API cannot say.
migrate_exit=0
"$LINTEL_BIN" migrate -f "$folder" >"$LINTEL_WORKDIR/migrated.yaml" 2>"$LINTEL_WORKDIR/migrate.err" || migrate_exit=$?
check "migrate flags the approximations" "$migrate_exit" 3
check "migrate writes no internal annotation" "$(grep -c 'internal.lintel.io' "$LINTEL_WORKDIR/migrated.yaml" || true)" 0
check_contains "migrate flags the capture-group rewrite" "$LINTEL_WORKDIR/migrate.err" "Lintel's own regular-expression rewrite"

finish
