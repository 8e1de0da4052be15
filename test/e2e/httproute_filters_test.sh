#!/usr/bin/env bash
# HTTPRoute filters seen by real clients: RequestRedirect answers with its Location,
# URLRewrite changes the path and Host the backend sees, RequestHeaderModifier (of the rule and
# of a backendRef) adds, sets and removes request headers, and ResponseHeaderModifier sets a
# response header.
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
  http_gateway filters "$listener_port"
  cat <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: redirects}
spec:
  parentRefs: [{name: filters}]
  hostnames: [old.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /v1}}]
    filters:
    - type: RequestRedirect
      requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}
  - filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, hostname: new.example.com, statusCode: 301}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: rewrite}
spec:
  parentRefs: [{name: filters}]
  hostnames: [rewrite.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /old}}]
    filters:
    - type: URLRewrite
      urlRewrite:
        hostname: internal.example.com
        path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}
    backendRefs: [{name: alpaca, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: headers}
spec:
  parentRefs: [{name: filters}]
  hostnames: [headers.example.com]
  rules:
  - filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set: [{name: X-Env, value: e2e}]
        add: [{name: X-Trace, value: lintel}]
        remove: [X-Debug]
    - type: ResponseHeaderModifier
      responseHeaderModifier:
        set: [{name: X-Served-By, value: lintel}]
    backendRefs:
    - name: bandicoot
      port: 8080
      filters:
      - type: RequestHeaderModifier
        requestHeaderModifier:
          set: [{name: X-Backend, value: bandicoot}]
YAML
} >"$folder/filters.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder" || { cat "$LINTEL_WORKDIR/lintel.log"; exit 1; }
url="http://127.0.0.1:$listener_port"

# RequestRedirect: the scheme, host and status the filter names; the path and query kept. Without
# a scheme or port, the Location keeps the listener's port, and ReplacePrefixMatch the rest.
check "redirect with scheme and hostname" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: old.example.com' "$url/docs/intro?lang=en")" \
  "301 https://new.example.com/docs/intro?lang=en"
check "redirect replacing the matched prefix" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: old.example.com:1234' "$url/v1/items?page=2")" \
  "302 http://old.example.com:$listener_port/v2/items?page=2"

# URLRewrite: the backend sees the new prefix and Host; the query is kept.
body=$(curl -s -H 'Host: rewrite.example.com' "$url/old/page?x=1")
check_contains_text "rewrite reaches the backend" '"service": "alpaca"' "$body"
check_contains_text "rewritten path" '"path": "/new/page?x=1"' "$body"
check_contains_text "rewritten Host" '"host": "internal.example.com"' "$body"

# RequestHeaderModifier: set, add (appended to the client's value), remove; then the backendRef's.
body=$(curl -s -D "$LINTEL_WORKDIR/headers.txt" -H 'Host: headers.example.com' -H 'X-Debug: 1' \
  -H 'X-Trace: client' -H 'X-Env: client' "$url/anything")
check_contains_text "headers route reaches the backend" '"service": "bandicoot"' "$body"
check_contains_text "header set" '"X-Env": ["e2e"]' "$body"
check_contains_text "header added" '"X-Trace": ["client,lintel"]' "$body"
check "header removed" "$(grep -c '"X-Debug"' <<<"$body" || true)" 0
check_contains_text "backendRef header set" '"X-Backend": ["bandicoot"]' "$body"
# ResponseHeaderModifier: on the answer the client gets.
check "response header set" "$(tr -d '\r' <"$LINTEL_WORKDIR/headers.txt" | grep -i '^x-served-by:')" "X-Served-By: lintel"

# None of these filters is reported as not served.
check "nothing reported as not served" "$(grep -c 'not served yet' "$LINTEL_WORKDIR/lintel.log" || true)" 0

finish
