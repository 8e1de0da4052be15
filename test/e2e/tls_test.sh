#!/usr/bin/env bash
# TLS termination on HTTPS Gateway listeners, with real clients (curl, openssl s_client): SNI
# picks the certificate (exact, wildcard, default), ALPN prefers h2 over http/1.1, TLS below 1.2 is
# refused, sessions resume from tickets, a replaced Secret is served to new handshakes, and an
# invalid one is reported, never loaded, and the last usable one keeps serving. The
# certificates are made here, for this run only.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

source "$ROOT/test/e2e/pki.sh"
tls_dir="$LINTEL_WORKDIR/tls"
PKI_DIR=$tls_dir
make_ca ca "lintel e2e CA"
make_certificate alpaca ca DNS:alpaca.example.com alpaca-1
make_certificate alpaca-2 ca DNS:alpaca.example.com
make_certificate zoo ca 'DNS:*.zoo.example.com' zoo-wildcard
make_certificate fallback ca DNS:fallback.example.com

# secret NAME CERT KEY: a kubernetes.io/tls Secret manifest.
secret() {
  printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: %s}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: %s\n  tls.key: %s\n' \
    "$1" "$(base64 -w0 "$tls_dir/$2")" "$(base64 -w0 "$tls_dir/$3")"
}

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
secret alpaca-tls alpaca.crt alpaca.key >"$folder/alpaca-tls.yaml"
secret zoo-tls zoo.crt zoo.key >"$folder/zoo-tls.yaml"
secret fallback-tls fallback.crt fallback.key >"$folder/fallback-tls.yaml"
https_port=$(free_port)
cat >"$folder/gateway.yaml" <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: secure}
spec:
  gatewayClassName: lintel
  listeners:
  - name: alpaca
    port: $https_port
    protocol: HTTPS
    hostname: alpaca.example.com
    tls: {certificateRefs: [{name: alpaca-tls}]}
  - name: zoo
    port: $https_port
    protocol: HTTPS
    hostname: "*.zoo.example.com"
    tls: {certificateRefs: [{name: zoo-tls}]}
  - name: fallback
    port: $https_port
    protocol: HTTPS
    tls: {certificateRefs: [{name: fallback-tls}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: alpaca}
spec:
  parentRefs: [{name: secure, sectionName: alpaca}]
  rules: [{backendRefs: [{name: alpaca, port: 8080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: zoo}
spec:
  parentRefs: [{name: secure, sectionName: zoo}]
  rules: [{backendRefs: [{name: bandicoot, port: 8080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: fallback}
spec:
  parentRefs: [{name: secure, sectionName: fallback}]
  rules: [{backendRefs: [{name: be-default, port: 8080}]}]
YAML
start_lintel "$LINTEL_WORKDIR/lintel.log" --manifests "$folder"

# https_get HOST PATH: the echo body of an HTTPS request to HOST (SNI and Host), verified
# against the run's CA.
https_get() {
  curl -s --max-time 5 --http1.1 --cacert "$tls_dir/ca.crt" \
    --resolve "$1:$https_port:127.0.0.1" "https://$1:$https_port$2" || echo "no-answer"
}
service_of() { sed -n 's/.*"service": *"\([^"]*\)".*/\1/p' | head -n 1; }
https_service() { https_get "$1" "$2" | service_of; }
# handshake SERVER_NAME ARGS...: s_client's report of one handshake (stdin: what to send).
handshake() {
  local name=$1; shift
  timeout 10 openssl s_client -connect "127.0.0.1:$https_port" -servername "$name" \
    -CAfile "$tls_dir/ca.crt" "$@" 2>&1 || true
}
# subject_cn SERVER_NAME: the CN of the certificate a handshake with this SNI gets.
subject_cn() {
  handshake "$1" </dev/null | sed -n 's/^subject=.*CN *= *\(.*\)$/\1/p' | head -n 1
}

eventually "curl over TLS reaches the exact host's route" alpaca https_service alpaca.example.com /
check "a wildcard listener's host" "$(https_service a.zoo.example.com /x)" bandicoot
check "upstream is told the client spoke https" \
  "$(https_get alpaca.example.com / | grep -c '"X-Forwarded-Proto": \["https"\]')" 1
check "SNI picks the exact certificate" "$(subject_cn alpaca.example.com)" alpaca-1
check "SNI picks the wildcard certificate" "$(subject_cn b.zoo.example.com)" zoo-wildcard
check "SNI names are matched without case" "$(subject_cn B.ZOO.example.COM)" zoo-wildcard
check "an unknown SNI gets the default certificate" "$(subject_cn unknown.example.net)" fallback
check "the certificate verifies against the CA" \
  "$(handshake alpaca.example.com </dev/null | grep -m1 -c 'Verify return code: 0 (ok)')" 1
check "ALPN prefers h2" \
  "$(handshake alpaca.example.com -alpn h2,http/1.1 </dev/null | grep -m1 -c '^ALPN protocol: h2')" 1
check "ALPN negotiates http/1.1 when the client offers only that" \
  "$(handshake alpaca.example.com -alpn http/1.1 </dev/null | grep -m1 -c '^ALPN protocol: http/1.1')" 1
check "TLS 1.2 is served" \
  "$(handshake alpaca.example.com -tls1_2 </dev/null | grep -m1 -c 'New, TLSv1.2, Cipher is ECDHE')" 1
check "TLS 1.1 is refused" \
  "$(handshake alpaca.example.com -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null | grep -m1 -c 'alert protocol version')" 1
check "the data plane is still up after a refused handshake" "$(https_service alpaca.example.com /)" alpaca

# Resumption: the first connection stores the ticket the server sends after its answer.
request=$'GET / HTTP/1.1\r\nHost: alpaca.example.com\r\nConnection: close\r\n\r\n'
handshake alpaca.example.com -sess_out "$tls_dir/session.pem" -ign_eof <<<"$request" >/dev/null
check "the session resumes from its ticket" \
  "$(handshake alpaca.example.com -sess_in "$tls_dir/session.pem" -ign_eof <<<"$request" | grep -m1 -c '^Reused, TLSv1.3')" 1

# Live rotation: a new Secret is served to new handshakes; a connection opened before keeps its
# certificate and goes on serving requests (s_client reads them from a fifo).
mkfifo "$tls_dir/requests"
timeout 30 openssl s_client -connect "127.0.0.1:$https_port" -servername alpaca.example.com \
  -CAfile "$tls_dir/ca.crt" -ign_eof <"$tls_dir/requests" >"$tls_dir/open.txt" 2>&1 &
LINTEL_PIDS+=($!)
exec 7>"$tls_dir/requests"
printf 'GET /first HTTP/1.1\r\nHost: alpaca.example.com\r\n\r\n' >&7
eventually "a connection opened before the rotation is served" 1 \
  bash -c "grep -c '\"path\": \"/first\"' '$tls_dir/open.txt' || true"
secret alpaca-tls alpaca-2.crt alpaca-2.key >"$folder/alpaca-tls.yaml.tmp"
mv "$folder/alpaca-tls.yaml.tmp" "$folder/alpaca-tls.yaml"
eventually "a replaced Secret is served to new handshakes" alpaca-2 subject_cn alpaca.example.com
check "and requests still reach the route" "$(https_service alpaca.example.com /)" alpaca
printf 'GET /second HTTP/1.1\r\nHost: alpaca.example.com\r\nConnection: close\r\n\r\n' >&7
eventually "the connection opened before the rotation still answers" 1 \
  bash -c "grep -c '\"path\": \"/second\"' '$tls_dir/open.txt' || true"
exec 7>&-
check "on the certificate it began with" "$(grep -c 'subject=.*CN *= *alpaca-1' "$tls_dir/open.txt")" 1

# An invalid Secret (the key of another certificate) is reported and never loaded: the listener
# keeps its last usable certificate.
secret alpaca-tls alpaca.crt zoo.key >"$folder/alpaca-tls.yaml.tmp"
mv "$folder/alpaca-tls.yaml.tmp" "$folder/alpaca-tls.yaml"
status_has() { curl -s "http://127.0.0.1:$ADMIN_PORT/status" | grep -c -- "$1" || true; }
eventually "the invalid Secret is reported on the listener" 1 \
  status_has "Secret default/alpaca-tls is not a usable key pair: tls.key is not the private key of the first certificate in tls.crt; its last usable version is served"
check "the listener keeps its last usable certificate" "$(subject_cn alpaca.example.com)" alpaca-2
check "and its routes" "$(https_service alpaca.example.com /)" alpaca
check "no snapshot was refused" "$(grep -c 'snapshot refused' "$LINTEL_WORKDIR/lintel.log" || true)" 0

# Deleting the Secret is meant: the listener is withdrawn and the default certificate answers.
rm "$folder/alpaca-tls.yaml"
eventually "a deleted Secret withdraws its listener" fallback subject_cn alpaca.example.com
check "the other listeners keep serving" "$(https_service a.zoo.example.com /)" bandicoot

finish
