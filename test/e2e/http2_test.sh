#!/usr/bin/env bash
# HTTP/2 from real clients: h2c with prior knowledge (curl, nghttp) or by Upgrade: h2c (curl
# --http2) on an HTTP listener and h2
# chosen by ALPN on an HTTPS one (curl --http2, nghttp, openssl s_client), each stream routed
# by host and path like an HTTP/1.1 request, request bodies streamed to an HTTP/1.1 upstream
# and echoed back, own answers (404), many concurrent streams (h2load, no failure), and a client
# that resets streams in a burst (rapid reset, CVE-2023-44487) told GOAWAY ENHANCE_YOUR_CALM.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

for tool in nghttp h2load openssl python3; do
  command -v "$tool" >/dev/null || { echo "FAILED: $tool is not installed (scripts/install-deps.sh)"; exit 1; }
done

tls_dir="$LINTEL_WORKDIR/tls"
mkdir -p "$tls_dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=lintel h2 CA" -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=h2" \
  -keyout "$tls_dir/h2.key" -out "$tls_dir/h2.csr" 2>/dev/null
openssl x509 -req -in "$tls_dir/h2.csr" -CA "$tls_dir/ca.crt" -CAkey "$tls_dir/ca.key" \
  -CAcreateserial -days 2 -extfile <(echo "subjectAltName=DNS:*.example.com") \
  -out "$tls_dir/h2.crt" 2>/dev/null

# A backend that answers every request with its body, to see a request body arrive whole.
body_echo_log="$LINTEL_WORKDIR/body-echo.log"
python3 -u - >"$body_echo_log" 2>&1 <<'PY' &
import http.server, socketserver
class Echo(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
server = Server(("127.0.0.1", 0), Echo)
print("port", server.server_address[1], flush=True)
server.serve_forever()
PY
LINTEL_PIDS+=($!)
BODY_ECHO_PORT=$(value_from_log "$body_echo_log" 's/^port \([0-9]*\)$/\1/p')

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: h2-tls}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: %s\n  tls.key: %s\n' \
  "$(base64 -w0 "$tls_dir/h2.crt")" "$(base64 -w0 "$tls_dir/h2.key")" >"$folder/h2-tls.yaml"
h2c_port=$(free_port)
h2_port=$(free_port)
cat >"$folder/gateway.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: body-echo}
spec:
  ports: [{name: http, port: 8080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: body-echo-local
  labels: {kubernetes.io/service-name: body-echo}
addressType: IPv4
ports: [{name: http, port: $BODY_ECHO_PORT}]
endpoints: [{addresses: ["127.0.0.1"], conditions: {ready: true}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: h2}
spec:
  gatewayClassName: lintel
  listeners:
  - {name: plain, port: $h2c_port, protocol: HTTP}
  - name: secure
    port: $h2_port
    protocol: HTTPS
    tls: {certificateRefs: [{name: h2-tls}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: animals}
spec:
  parentRefs: [{name: h2}]
  hostnames: [zoo.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /a}}]
    backendRefs: [{name: alpaca, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /upload}}]
    backendRefs: [{name: body-echo, port: 8080}]
  - backendRefs: [{name: bandicoot, port: 8080}]
    filters:
    - type: ResponseHeaderModifier
      responseHeaderModifier: {set: [{name: X-Route, value: Bandicoot}]}
YAML
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder"

h2c="http://127.0.0.1:$h2c_port"
h2s="https://zoo.example.com:$h2_port"
tls_curl=(--cacert "$tls_dir/ca.crt" --resolve "zoo.example.com:$h2_port:127.0.0.1")
service_of() { sed -n 's/.*"service": *"\([^"]*\)".*/\1/p' | head -n 1; }
h2c_service() { curl -s --max-time 5 --http2-prior-knowledge -H 'Host: zoo.example.com' "$h2c$1" | service_of; }

eventually "h2c with prior knowledge reaches the route by host and path" alpaca h2c_service /a/x
check "h2c: another path goes to the rule's other backend" "$(h2c_service /b)" bandicoot
check "h2c: the response is HTTP/2" \
  "$(curl -s -o /dev/null -w '%{http_version}' --http2-prior-knowledge -H 'Host: zoo.example.com' "$h2c/b")" 2
check "h2c: an unknown host is answered 404 by Lintel" \
  "$(curl -s -o /dev/null -w '%{http_code}' --http2-prior-knowledge -H 'Host: nowhere.example.org' "$h2c/")" 404
check "HTTP/1.1 still works on the same port" \
  "$(curl -s --http1.1 -H 'Host: zoo.example.com' "$h2c/a" | service_of)" alpaca

# Upgrade: h2c (RFC 7540 §3.2): curl --http2 on http:// asks; a request without a body is taken
# up and answered in HTTP/2, one with a body stays HTTP/1.1 and reaches the upstream without
# the Upgrade field.
check "Upgrade: h2c is taken up for a GET" \
  "$(curl -s -o /dev/null -w '%{http_version}' --http2 -H 'Host: zoo.example.com' "$h2c/a")" 2
check "the upgraded request reaches its route" \
  "$(curl -s --http2 -H 'Host: zoo.example.com' "$h2c/a" | service_of)" alpaca
check "a HEAD request upgrades too" \
  "$(curl -s -I -o /dev/null -w '%{http_code} %{http_version}' --http2 -H 'Host: zoo.example.com' "$h2c/a")" "200 2"
check "Upgrade: h2c with a body is declined and served in HTTP/1.1" \
  "$(curl -s -w ' %{http_version}' --http2 -H 'Host: zoo.example.com' --data-binary 'in one' "$h2c/upload")" "in one 1.1"
check "a declined h2c upgrade does not reach the upstream" \
  "$(curl -s --http2 -H 'Host: zoo.example.com' -H 'Content-Type: text/plain' --data-binary 'x' "$h2c/a" | grep -ci '"Upgrade"\|HTTP2-Settings')" 0

headers=$(curl -s -D - -o /dev/null --http2-prior-knowledge -H 'Host: zoo.example.com' "$h2c/b")
check_contains_text "a response header filter applies, its name in lower case" "x-route: Bandicoot" "$headers"
check "no hop-by-hop header reaches the client" "$(grep -ci '^connection:\|^keep-alive:\|^transfer-encoding:' <<<"$headers")" 0
check "the upstream is told the client's address and scheme" \
  "$(curl -s --http2-prior-knowledge -H 'Host: zoo.example.com' "$h2c/a" | grep -c '"X-Forwarded-Proto": \["http"\]')" 1

# Request bodies: with a length, without one (sent upstream chunked), and larger than the
# stream's flow-control window (64 KiB), so that it flows only as the upstream takes it.
check "a POST body is echoed back (content-length)" \
  "$(curl -s --http2-prior-knowledge -H 'Host: zoo.example.com' --data-binary 'hello h2' "$h2c/upload")" "hello h2"
head -c 3000000 /dev/urandom >"$LINTEL_WORKDIR/upload.bin"
curl -s --http2-prior-knowledge -H 'Host: zoo.example.com' -H 'Content-Type: application/octet-stream' \
  --data-binary @"$LINTEL_WORKDIR/upload.bin" "$h2c/upload" -o "$LINTEL_WORKDIR/upload.back" || true
check "a 3 MB body goes over the 1 MiB limit: 413" \
  "$(curl -s -o /dev/null -w '%{http_code}' --http2-prior-knowledge -H 'Host: zoo.example.com' --data-binary @"$LINTEL_WORKDIR/upload.bin" "$h2c/upload")" 413
head -c 700000 /dev/urandom >"$LINTEL_WORKDIR/upload.bin"
curl -s --http2-prior-knowledge -H 'Host: zoo.example.com' -H 'Content-Type: application/octet-stream' \
  --data-binary @"$LINTEL_WORKDIR/upload.bin" "$h2c/upload" -o "$LINTEL_WORKDIR/upload.back" || true
check "a 700 KB body comes back byte for byte" \
  "$(cmp -s "$LINTEL_WORKDIR/upload.bin" "$LINTEL_WORKDIR/upload.back" && echo same)" same
nghttp -d "$LINTEL_WORKDIR/upload.bin" -H ':authority: zoo.example.com' "$h2c/upload" \
  >"$LINTEL_WORKDIR/upload.nghttp" 2>&1 || true
check "a body without content-length (nghttp) comes back byte for byte" \
  "$(cmp -s "$LINTEL_WORKDIR/upload.bin" "$LINTEL_WORKDIR/upload.nghttp" && echo same)" same

# TLS: ALPN picks h2 for a client that offers it, http/1.1 for one that offers only that.
check "ALPN prefers h2" \
  "$(timeout 10 openssl s_client -connect "127.0.0.1:$h2_port" -servername zoo.example.com -alpn h2,http/1.1 </dev/null 2>&1 | grep -m1 -c '^ALPN protocol: h2')" 1
check "curl --http2 over TLS speaks HTTP/2" \
  "$(curl -s -o /dev/null -w '%{http_version}' --http2 "${tls_curl[@]}" "$h2s/a")" 2
check "h2 over TLS reaches the route" "$(curl -s --http2 "${tls_curl[@]}" "$h2s/a" | service_of)" alpaca
check "h2 over TLS: the upstream is told https" \
  "$(curl -s --http2 "${tls_curl[@]}" "$h2s/a" | grep -c '"X-Forwarded-Proto": \["https"\]')" 1
check "curl --http1.1 over TLS still speaks HTTP/1.1" \
  "$(curl -s -o /dev/null -w '%{http_version}' --http1.1 "${tls_curl[@]}" "$h2s/a")" 1.1
nghttp -nv -H ':authority: zoo.example.com' "https://127.0.0.1:$h2_port/a" >"$LINTEL_WORKDIR/nghttp.txt" 2>&1 || true
check_contains "nghttp -nv over TLS gets a 200" "$LINTEL_WORKDIR/nghttp.txt" ":status: 200"
check_contains "the server's SETTINGS bound concurrent streams" "$LINTEL_WORKDIR/nghttp.txt" "[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):128]"

# Many streams at once on a few connections.
h2load -n 2000 -c 4 -m 16 -H ':authority: zoo.example.com' "$h2c/a" >"$LINTEL_WORKDIR/h2load.txt" 2>&1 || true
check_contains "h2load over h2c: every request succeeded" "$LINTEL_WORKDIR/h2load.txt" "2000 succeeded, 0 failed, 0 errored"
h2load -n 2000 -c 4 -m 16 -H ':authority: zoo.example.com' "https://127.0.0.1:$h2_port/b" >"$LINTEL_WORKDIR/h2load-tls.txt" 2>&1 || true
check_contains "h2load over TLS: every request succeeded" "$LINTEL_WORKDIR/h2load-tls.txt" "2000 succeeded, 0 failed, 0 errored"

# Rapid reset: 500 streams opened and reset at once, as in CVE-2023-44487. HPACK by hand: the
# static table's :method GET (0x82), :scheme http (0x86), :path / (0x84), then :authority.
rapid_reset() {
  python3 - "$h2c_port" <<'PY'
import socket, struct, sys
def frame(kind, flags, stream, payload):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload
authority = b"zoo.example.com"
block = b"\x82\x86\x84\x41" + bytes([len(authority)]) + authority
out = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, b"")
for i in range(500):
    stream = 1 + 2 * i
    out += frame(1, 0x4, stream, block) + frame(3, 0, stream, struct.pack(">I", 8))
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
try:
    s.sendall(out)
except OSError:
    pass
data = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
except OSError:
    pass
at = 0
while at + 9 <= len(data):
    length = int.from_bytes(data[at:at + 3], "big")
    if data[at + 3] == 7:
        print("GOAWAY", int.from_bytes(data[at + 13:at + 17], "big"))
        break
    at += 9 + length
else:
    print("no GOAWAY")
PY
}
check "rapid reset: GOAWAY with ENHANCE_YOUR_CALM (11)" "$(rapid_reset)" "GOAWAY 11"
check "Lintel still serves after a rapid reset" "$(h2c_service /a)" alpaca

# Stopping: a stream in flight (the backend answers after 1 s) is finished, and the client is
# told GOAWAY with NO_ERROR.
nghttp -v -H ':authority: zoo.example.com' "$h2c/a?delay=1s" >"$LINTEL_WORKDIR/stop.txt" 2>&1 &
client=$!
sleep 0.4
stop_lintel
wait "$client" || true
check_contains "a stream in flight when Lintel stops is answered" "$LINTEL_WORKDIR/stop.txt" ":status: 200"
check_contains "and the client is told GOAWAY" "$LINTEL_WORKDIR/stop.txt" "recv GOAWAY frame"
check_contains "with NO_ERROR" "$LINTEL_WORKDIR/stop.txt" "error_code=NO_ERROR(0x00)"

finish
