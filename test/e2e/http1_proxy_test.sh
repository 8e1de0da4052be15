#!/usr/bin/env bash
# The HTTP/1.1 proxy seen from real clients: keep-alive, pipelining, chunked uploads,
# 100-continue, limits, forwarding headers, and refusal of ambiguous framing.
set -uo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

start_seed_backends
render_backends "$LINTEL_WORKDIR/backends.yaml"
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$LINTEL_WORKDIR/backends.yaml" \
  --manifests "$SEED_DIR/simple-ingress.yaml" || { cat "$LINTEL_WORKDIR/lintel.log"; exit 1; }
url="http://127.0.0.1:$HTTP_PORT"

# raw REQUEST_BYTES: sends bytes as they are on one connection and prints what came back
# (bounded by a 3 s read timeout).
raw() {
  exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT" || return 1
  printf '%b' "$1" >&3
  timeout 3 cat <&3 || true
  exec 3<&- 3>&-
}

# Keep-alive: curl reuses its connection for the second URL.
curl -sv -o /dev/null -o /dev/null -H 'Host: a.example.com' "$url/one" "$url/two" 2>"$LINTEL_WORKDIR/curl.txt"
check_contains "keep-alive: the second request reuses the connection" "$LINTEL_WORKDIR/curl.txt" "Re-using existing connection"

# Pipelining: two requests in one write, two answers in order.
answers=$(raw 'GET /first HTTP/1.1\r\nHost: a.example.com\r\n\r\nGET /second HTTP/1.1\r\nHost: a.example.com\r\nConnection: close\r\n\r\n')
check "pipelining: two answers" "$(grep -c '^HTTP/1.1 200' <<<"$answers")" 2
check "pipelining: in order" "$(grep -o '"path": "/[a-z]*"' <<<"$answers" | tr '\n' ' ')" '"path": "/first" "path": "/second" '

# Forwarding headers and Host.
body=$(curl -s -H 'Host: shop.example.com:8443' -H 'X-Forwarded-For: 203.0.113.9' "$url/p?q=1")
check_contains_text "Host kept" '"host": "shop.example.com:8443"' "$body"
check_contains_text "X-Forwarded-For appended" '"X-Forwarded-For": ["203.0.113.9, 127.0.0.1"]' "$body"
check_contains_text "X-Forwarded-Proto" '"X-Forwarded-Proto": ["http"]' "$body"
check_contains_text "X-Forwarded-Host" '"X-Forwarded-Host": ["shop.example.com:8443"]' "$body"
check_contains_text "X-Request-Id" '"X-Request-Id": ["' "$body"
check_contains_text "path and query kept" '"path": "/p?q=1"' "$body"

# A chunked upload reaches the backend streamed, re-chunked rather than buffered.
head -c 300000 /dev/urandom >"$LINTEL_WORKDIR/upload.bin"
body=$(curl -s -H 'Host: a.example.com' -H 'Transfer-Encoding: chunked' --data-binary @"$LINTEL_WORKDIR/upload.bin" "$url/upload")
check_contains_text "chunked upload streamed" '"Transfer-Encoding": ["chunked"]' "$body"

# Expect: 100-continue is answered at once (curl would otherwise wait a full second).
start=$(date +%s%N)
status=$(curl -s -o /dev/null -w '%{http_code}' --expect100-timeout 5 -H 'Host: a.example.com' \
  -H 'Expect: 100-continue' --data-binary @"$LINTEL_WORKDIR/upload.bin" "$url/continue")
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "100-continue: answered" "$status" 200
check "100-continue: no wait for curl's timeout" "$([[ $elapsed_ms -lt 2000 ]] && echo fast || echo "slow ${elapsed_ms}ms")" fast

# Limits: a body over the limit (1 MiB) is 413; a header section over 64 KiB is 431.
head -c 2000000 /dev/zero >"$LINTEL_WORKDIR/big.bin"
check "body over the limit" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: a.example.com' \
  -H 'Content-Type: application/octet-stream' --data-binary @"$LINTEL_WORKDIR/big.bin" "$url/big")" 413
big_header=$(head -c 70000 /dev/zero | tr '\0' 'a')
check "header section over the limit" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: a.example.com' \
  -H "X-Big: $big_header" "$url/")" 431

# Ambiguous framing is refused with 400 (request smuggling).
check "Content-Length with Transfer-Encoding" "$(raw 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' | head -n 1 | tr -d '\r')" "HTTP/1.1 400 Bad Request"
check "two Content-Length fields" "$(raw 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!' | head -n 1 | tr -d '\r')" "HTTP/1.1 400 Bad Request"
check "HTTP/1.1 without Host" "$(raw 'GET / HTTP/1.1\r\n\r\n' | head -n 1 | tr -d '\r')" "HTTP/1.1 400 Bad Request"
check "a malformed request line" "$(raw 'GET\r\n\r\n' | head -n 1 | tr -d '\r')" "HTTP/1.1 400 Bad Request"

# HTTP/1.0: answered (in HTTP/1.1, as RFC 9110 §2.5 asks), then closed without waiting.
start=$(date +%s%N)
check "HTTP/1.0 answered" "$(raw 'GET / HTTP/1.0\r\nHost: a.example.com\r\n\r\n' | head -n 1 | tr -d '\r')" "HTTP/1.1 200 OK"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "HTTP/1.0: the connection closes after the answer" "$([[ $elapsed_ms -lt 2000 ]] && echo closed || echo "open ${elapsed_ms}ms")" closed

finish
