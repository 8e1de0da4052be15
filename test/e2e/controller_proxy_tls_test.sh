#!/usr/bin/env bash
# The snapshot stream over mutual TLS, with certificates from a CA made by the openssl command
# line, as cert-manager would issue them: a proxy with a certificate the CA signed serves the
# controller's snapshots; one without a certificate, or trusting another CA, gets nothing; bad
# TLS flags are usage errors.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

source "$ROOT/test/e2e/pki.sh"
PKI_DIR="$LINTEL_WORKDIR/pki"
pki=$PKI_DIR
make_ca lintel-ca
make_ca other-ca
make_certificate controller lintel-ca "DNS:lintel-controller.lintel-system.svc,IP:127.0.0.1"
make_certificate proxy lintel-ca "DNS:lintel-proxy"

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
cp "$SEED_DIR/host-ingress.yaml" "$folder/ingress.yaml"
HTTP_BASE=$(free_port)
SNAPSHOT_PORT=$(free_port)
CONTROLLER_ADMIN=$(free_port)

"$LINTEL_BIN" controller --manifests "$folder" --bind-address 127.0.0.1 --http-port "$HTTP_BASE" \
  --snapshot-listen "127.0.0.1:$SNAPSHOT_PORT" --admin-port "$CONTROLLER_ADMIN" \
  --snapshot-tls-cert "$pki/controller.crt" --snapshot-tls-key "$pki/controller.key" \
  --snapshot-client-ca "$pki/lintel-ca.crt" 2>"$LINTEL_WORKDIR/controller.log" &
LINTEL_PIDS+=($!)
value_from_log "$LINTEL_WORKDIR/controller.log" 's/.*"snapshot_port":"\([0-9]*\)".*/\1/p' >/dev/null
check_contains "the controller says the stream is mutual TLS" "$LINTEL_WORKDIR/controller.log" '"tls":"mutual"'

# start_proxy NAME PORT ADMIN FLAGS...: a proxy serving on PORT (its offset from HTTP_BASE).
start_proxy() {
  local name=$1 port=$2 admin=$3
  shift 3
  "$LINTEL_BIN" proxy --controller "127.0.0.1:$SNAPSHOT_PORT" --node "$name" --workers 1 \
    --port-offset $((port - HTTP_BASE)) --admin-port "$admin" "$@" \
    2>"$LINTEL_WORKDIR/$name.log" &
  LINTEL_PIDS+=($!)
}
readyz() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz"; }

GOOD_PORT=$(free_port) GOOD_ADMIN=$(free_port)
start_proxy good "$GOOD_PORT" "$GOOD_ADMIN" --controller-ca "$pki/lintel-ca.crt" \
  --controller-client-cert "$pki/proxy.crt" --controller-client-key "$pki/proxy.key"
NAMED_PORT=$(free_port) NAMED_ADMIN=$(free_port)
start_proxy named "$NAMED_PORT" "$NAMED_ADMIN" --controller-ca "$pki/lintel-ca.crt" \
  --controller-server-name lintel-controller.lintel-system.svc \
  --controller-client-cert "$pki/proxy.crt" --controller-client-key "$pki/proxy.key"
ANON_PORT=$(free_port) ANON_ADMIN=$(free_port)
start_proxy anonymous "$ANON_PORT" "$ANON_ADMIN" --controller-ca "$pki/lintel-ca.crt"
DUPED_PORT=$(free_port) DUPED_ADMIN=$(free_port)
start_proxy duped "$DUPED_PORT" "$DUPED_ADMIN" --controller-ca "$pki/other-ca.crt" \
  --controller-client-cert "$pki/proxy.crt" --controller-client-key "$pki/proxy.key"
CLEAR_PORT=$(free_port) CLEAR_ADMIN=$(free_port)
start_proxy clear "$CLEAR_PORT" "$CLEAR_ADMIN"

within 10 "a proxy with a certificate the CA signed is ready" 200 readyz "$GOOD_ADMIN"
check "it serves the controller's snapshot" "$(HTTP_PORT=$GOOD_PORT backend_of alpaca.example.com /)" alpaca
within 10 "a proxy verifying the controller by DNS name is ready" 200 readyz "$NAMED_ADMIN"
sleep 1  # several reconnect attempts of the others
check "a proxy without a client certificate gets nothing" "$(readyz "$ANON_ADMIN")" 503
check "a proxy trusting another CA gets nothing" "$(readyz "$DUPED_ADMIN")" 503
check "a proxy speaking clear text gets nothing" "$(readyz "$CLEAR_ADMIN")" 503
check_contains "the controller logs the refused handshakes" "$LINTEL_WORKDIR/controller.log" \
  '"msg":"a proxy'"'"'s TLS handshake failed"'
check_contains "the duped proxy says why" "$LINTEL_WORKDIR/duped.log" 'certificate verify failed'
check "the controller lists only the two admitted proxies" \
  "$(curl -s "http://127.0.0.1:$CONTROLLER_ADMIN/proxies" | grep -c '"node": ')" 2

# A change reaches the admitted proxies over TLS.
cp "$SEED_DIR/path-ingress.yaml" "$folder/ingress.yaml.tmp"
mv "$folder/ingress.yaml.tmp" "$folder/ingress.yaml"
via_good() { HTTP_PORT=$GOOD_PORT backend_of "$@"; }
eventually "a change reaches the proxy over TLS" alpaca via_good bandicoot.example.com /a

# Usage errors: a CA file that is not there; a certificate without its key.
"$LINTEL_BIN" proxy --controller "127.0.0.1:$SNAPSHOT_PORT" --controller-ca "$pki/missing.crt" \
  --admin-port 0 2>"$LINTEL_WORKDIR/usage.log" && status=0 || status=$?
check "a missing CA file is a usage error" "$status" 2
check_contains "naming the file" "$LINTEL_WORKDIR/usage.log" "missing.crt"
"$LINTEL_BIN" controller --manifests "$folder" --snapshot-listen 127.0.0.1:0 --admin-port 0 \
  --snapshot-tls-cert "$pki/controller.crt" 2>"$LINTEL_WORKDIR/usage-2.log" && status=0 || status=$?
check "a certificate without its key is refused" "$status" 1
check_contains "saying so" "$LINTEL_WORKDIR/usage-2.log" "both a certificate and its private key"

if [[ $FAILED -gt 0 ]]; then
  for log in "$LINTEL_WORKDIR"/*.log; do echo "== $log"; tail -n 15 "$log"; done
fi
finish
