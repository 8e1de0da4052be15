#!/usr/bin/env bash
# The CORS filter and retry seen by real clients: Lintel answers a preflight itself (204, with
# the CORS headers only for an allowed origin), an allowed origin's actual request gets them on
# the backend's answer, and a rule's retry turns backend failures into a success when a later
# attempt succeeds (the echo backend's /retry/ endpoint fails the first N requests per uuid).
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
listener_port=$(free_port)
{
  http_gateway web "$listener_port"
  cat <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api}
spec:
  parentRefs: [{name: web}]
  hostnames: [api.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /cors}}]
    filters:
    - type: CORS
      cors:
        allowOrigins: ["https://app.example.com", "https://*.partner.example"]
        allowMethods: [GET, PUT]
        allowHeaders: [x-token]
        exposeHeaders: [x-request-id]
        allowCredentials: true
        maxAge: 600
    backendRefs: [{name: alpaca, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /retry}}]
    retry: {codes: [503], attempts: 2, backoff: 10ms}
    backendRefs: [{name: alpaca, port: 8080}]
YAML
} >"$folder/routes.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder" || { cat "$LINTEL_WORKDIR/lintel.log"; exit 1; }
url="http://127.0.0.1:$listener_port"
headers="$LINTEL_WORKDIR/headers.txt"
header() { tr -d '\r' <"$headers" | grep -i "^$1:" | cut -d' ' -f2- || true; }

# A preflight from an allowed origin: answered by Lintel, never by the backend (no JSON body).
body=$(curl -s -D "$headers" -X OPTIONS -H 'Host: api.example.com' \
  -H 'Origin: https://eu.shop.partner.example' -H 'Access-Control-Request-Method: PUT' \
  -H 'Access-Control-Request-Headers: x-token' "$url/cors/items")
check "preflight status" "$(head -1 "$headers" | tr -d '\r')" "HTTP/1.1 204 No Content"
check "preflight body" "$body" ""
check "preflight allows the origin" "$(header access-control-allow-origin)" "https://eu.shop.partner.example"
check "preflight methods" "$(header access-control-allow-methods)" "GET, PUT"
check "preflight headers" "$(header access-control-allow-headers)" "x-token"
check "preflight credentials" "$(header access-control-allow-credentials)" "true"
check "preflight max age" "$(header access-control-max-age)" "600"

# A preflight from another origin gets no CORS headers.
curl -s -o /dev/null -D "$headers" -X OPTIONS -H 'Host: api.example.com' \
  -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: PUT' "$url/cors/items"
check "refused preflight status" "$(head -1 "$headers" | tr -d '\r')" "HTTP/1.1 204 No Content"
check "refused preflight has no allow-origin" "$(header access-control-allow-origin)" ""

# The actual request goes to the backend and its answer gets the CORS headers.
body=$(curl -s -D "$headers" -H 'Host: api.example.com' -H 'Origin: https://app.example.com' \
  "$url/cors/items")
check_contains_text "actual request reaches the backend" '"service": "alpaca"' "$body"
check "actual answer allows the origin" "$(header access-control-allow-origin)" "https://app.example.com"
check "actual answer exposes" "$(header access-control-expose-headers)" "x-request-id"
check "actual answer varies by origin" "$(header vary)" "Origin"

# Retry: two failures and a success fit in two retries; three failures do not.
status() { curl -s -o /dev/null -w '%{http_code}' -H 'Host: api.example.com' "$@"; }
check "two 503s retried away" "$(status "$url/retry/a?uuid=e2e-1&succeedAfter=2&responseCode=503")" 200
check "three 503s reach the client" "$(status "$url/retry/a?uuid=e2e-2&succeedAfter=3&responseCode=503")" 503
check "an unlisted code is not retried" "$(status "$url/retry/a?uuid=e2e-3&succeedAfter=1&responseCode=500")" 500
check "a body is sent again" \
  "$(status -X POST --data-binary 'hello' "$url/retry/a?uuid=e2e-4&succeedAfter=1&responseCode=503")" 200

check "nothing reported as not served" "$(grep -c 'not served yet' "$LINTEL_WORKDIR/lintel.log" || true)" 0

finish
