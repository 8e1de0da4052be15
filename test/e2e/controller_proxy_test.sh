#!/usr/bin/env bash
# `lintel controller` with two `lintel proxy`es over the snapshot stream: both serve what the
# controller sends; a change reaches both; with the controller gone both keep serving, and when
# it is back both reconnect and take the next change; a restarted proxy serves at once.
set -euo pipefail
LINTEL_BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"

# wait_for_log LOG TEXT: until TEXT is in LOG, at most 10 s.
wait_for_log() {
  for _ in $(seq 1 200); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  echo "not in $1 within 10 s: $2" >&2
  cat "$1" >&2
  return 1
}

# start_controller LOG: on SNAPSHOT_PORT and CONTROLLER_ADMIN; sets CONTROLLER_PID.
start_controller() {
  "$LINTEL_BIN" controller --manifests "$folder" --bind-address 127.0.0.1 --http-port "$HTTP_BASE" \
    --snapshot-listen "127.0.0.1:$SNAPSHOT_PORT" --admin-port "$CONTROLLER_ADMIN" 2>"$1" &
  CONTROLLER_PID=$!
  LINTEL_PIDS+=($CONTROLLER_PID)
  wait_for_log "$1" '"msg":"lintel controller serving snapshots"'
}

# start_proxy N: proxy N serves on PROXY_PORT[N] (the Gateway's port shifted by an offset of its
# own) with its admin on PROXY_ADMIN[N]; waits until it is ready.
start_proxy() {
  local n=$1 log="$LINTEL_WORKDIR/proxy-$1.log"
  "$LINTEL_BIN" proxy --controller "127.0.0.1:$SNAPSHOT_PORT" --node "proxy-$n" --workers 1 \
    --port-offset $((PROXY_PORT[n] - HTTP_BASE)) --admin-port "${PROXY_ADMIN[n]}" 2>>"$log" &
  PROXY_PID[n]=$!
  LINTEL_PIDS+=(${PROXY_PID[n]})
  for _ in $(seq 1 200); do
    curl -fs -o /dev/null "http://127.0.0.1:${PROXY_ADMIN[n]}/readyz" && return 0
    sleep 0.05
  done
  echo "proxy $n not ready within 10 s" >&2
  cat "$log" >&2
  return 1
}

stop_pid() {  # stop_pid PID SIGNAL
  kill "-$2" "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

via() {  # via N HOST PATH: backend_of through proxy N
  HTTP_PORT=${PROXY_PORT[$1]} backend_of "$2" "$3"
}

# The number of proxies that serve the controller's newest snapshot, from its /proxies.
proxies_in_step() {
  curl -s "http://127.0.0.1:$CONTROLLER_ADMIN/proxies" |
    awk -F'"sent": |, "acked": |, "nacked"' '/"node"/ && $2 == $3 && $2 > 0 {n++} END {print n+0}'
}

start_seed_backends
folder="$LINTEL_WORKDIR/manifests"
mkdir -p "$folder"
render_backends "$folder/backends.yaml"
cp "$SEED_DIR/host-ingress.yaml" "$folder/ingress.yaml"
HTTP_BASE=$(free_port)
SNAPSHOT_PORT=$(free_port)
CONTROLLER_ADMIN=$(free_port)
declare -a PROXY_PORT PROXY_ADMIN PROXY_PID
for n in 1 2; do PROXY_PORT[n]=$(free_port); PROXY_ADMIN[n]=$(free_port); done

start_controller "$LINTEL_WORKDIR/controller.log"
start_proxy 1
start_proxy 2
for n in 1 2; do
  check "proxy $n: alpaca host" "$(via $n alpaca.example.com /)" alpaca
  check "proxy $n: other host" "$(via $n bandicoot.example.com /)" be-default
  check "proxy $n: /config_dump names the version" \
    "$(curl -s "http://127.0.0.1:${PROXY_ADMIN[n]}/config_dump" | grep -c '"version"')" 1
done
within 5 "the controller sees both proxies serve its snapshot" 2 proxies_in_step
check_contains "the controller names the proxies" <(curl -s "http://127.0.0.1:$CONTROLLER_ADMIN/proxies") '"node": "proxy-2"'

# A change reaches both.
cp "$SEED_DIR/path-ingress.yaml" "$folder/ingress.yaml.tmp"
mv "$folder/ingress.yaml.tmp" "$folder/ingress.yaml"
for n in 1 2; do
  eventually "proxy $n after a change: /a" alpaca via $n bandicoot.example.com /a
  check "proxy $n after a change: /" "$(via $n bandicoot.example.com /)" bandicoot
done

# The controller gone (killed, no goodbye): both keep serving.
stop_pid "$CONTROLLER_PID" KILL
sleep 0.5
for n in 1 2; do
  check "proxy $n without a controller: /a" "$(via $n bandicoot.example.com /a)" alpaca
  check "proxy $n without a controller: ready" \
    "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PROXY_ADMIN[n]}/readyz")" 200
done
# A change made while it is away is taken once it is back.
cp "$SEED_DIR/simple-ingress.yaml" "$folder/ingress.yaml.tmp"
mv "$folder/ingress.yaml.tmp" "$folder/ingress.yaml"
check "proxy 1 without a controller still serves the old config" \
  "$(via 1 bandicoot.example.com /)" bandicoot
start_controller "$LINTEL_WORKDIR/controller-2.log"
for n in 1 2; do
  within 10 "proxy $n after the controller's restart" alpaca via $n bandicoot.example.com /
done
within 5 "both proxies reconnected and serve the new snapshot" 2 proxies_in_step

# And the next change, on the same connections.
cp "$SEED_DIR/path-ingress.yaml" "$folder/ingress.yaml.tmp"
mv "$folder/ingress.yaml.tmp" "$folder/ingress.yaml"
for n in 1 2; do
  eventually "proxy $n after the next change" bandicoot via $n bandicoot.example.com /
done

# A proxy restarted mid-way is sent the current snapshot as soon as it connects.
stop_pid "${PROXY_PID[2]}" TERM
start_proxy 2
check "a restarted proxy serves the current config at once" "$(via 2 bandicoot.example.com /a)" alpaca
check "proxy 1 was not disturbed" "$(via 1 bandicoot.example.com /a)" alpaca
within 5 "the controller sees both again" 2 proxies_in_step

# A snapshot one proxy cannot serve: a new Gateway's port, shifted by proxy 1's offset, is an
# admin port (admin ports are bound without SO_REUSEPORT). Proxy 1 refuses it with the data
# plane's error and keeps serving the one before; proxy 2 takes it; the controller reports
# both. The admin port is chosen so that proxy 2's shifted port is one free_port could have
# given (free now, below the ephemeral range).
blocked=""
for candidate in "${PROXY_ADMIN[2]}" "$CONTROLLER_ADMIN"; do
  port_2=$((candidate - PROXY_PORT[1] + PROXY_PORT[2]))
  if ((port_2 >= 1024 && port_2 < 32768)) && ! (exec 3<>"/dev/tcp/127.0.0.1/$port_2") 2>/dev/null; then
    blocked=$candidate
    break
  fi
done
[[ -n "$blocked" ]] || { echo "no usable port for the refused snapshot this run"; blocked=${PROXY_ADMIN[2]}; }
nack_port=$((blocked - (PROXY_PORT[1] - HTTP_BASE)))
{
  http_gateway nack "$nack_port"
  cat <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: nack}
spec:
  parentRefs: [{name: nack}]
  hostnames: ["nack.example.com"]
  rules: [{backendRefs: [{name: alpaca, port: 8080}]}]
YAML
} >"$folder/nack.yaml.tmp"
mv "$folder/nack.yaml.tmp" "$folder/nack.yaml"
nack_through_proxy_2() {
  HTTP_PORT=$((nack_port + PROXY_PORT[2] - HTTP_BASE)) backend_of nack.example.com /
}
within 5 "proxy 2 serves the new Gateway" alpaca nack_through_proxy_2
# "yes" once the controller's /proxies has proxy 1's refusal, naming the port it could not bind.
proxy_1_refused() {
  curl -s "http://127.0.0.1:$CONTROLLER_ADMIN/proxies" | grep '"node": "proxy-1"' |
    grep -q "\"nackError\": \".*:$blocked: " && echo yes || echo no
}
within 5 "the controller reports proxy 1's refusal, naming the port" yes proxy_1_refused
check_contains "proxy 1 logs its refusal" "$LINTEL_WORKDIR/proxy-1.log" \
  '"msg":"snapshot refused; the previous one keeps serving"'
check_contains "the controller logs proxy 1's refusal" "$LINTEL_WORKDIR/controller-2.log" \
  '"msg":"proxy refused a snapshot; it keeps serving the one before","node":"proxy-1"'
check "proxy 1 keeps serving the config before" "$(via 1 bandicoot.example.com /a)" alpaca

if [[ $FAILED -gt 0 ]]; then
  for log in "$LINTEL_WORKDIR"/controller*.log "$LINTEL_WORKDIR"/proxy-*.log; do
    echo "== $log"; tail -n 30 "$log"
  done
  curl -s "http://127.0.0.1:${PROXY_ADMIN[2]}/config_dump" | grep -E '"(name|port|domains)"' | head -40
fi
finish
