# Shell helpers for running Lintel and its echo backends on loopback: free ports, background
# processes that are always stopped, and bounded waits. Sourced by the seed walkthrough and by
# the end-to-end tests.

LINTEL_PIDS=()
LINTEL_WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/lintel.XXXXXX")

stop_all() {
  local pid
  for pid in "${LINTEL_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${LINTEL_PIDS[@]}"; do
    # Bounded: SIGKILL whatever has not gone within 5 s.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  LINTEL_PIDS=()
}
cleanup() { stop_all; rm -rf "$LINTEL_WORKDIR"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nothing listens on (a connect is refused). Racy by nature: callers retry
# when a bind then fails.
free_port() {
  local port
  for _ in $(seq 1 100); do
    # Below the kernel's ephemeral range (32768+), where client sockets could take the port
    # between this check and the bind; and not $RANDOM, whose sequence command substitutions
    # share, so that two $(free_port) calls in a row could give the same port.
    port=$(shuf -i 20000-32767 -n 1)
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "free_port: no free port found" >&2
  return 1
}

# value_from_log LOG SED_SCRIPT: what `sed -n SED_SCRIPT` first prints from LOG, waiting for it
# up to 5 s (a process writes its port there once it listens); returns 1 when nothing comes.
value_from_log() {
  local value
  for _ in $(seq 1 100); do
    value=$(sed -n "$2" "$1" 2>/dev/null | head -n 1)
    [[ -n "$value" ]] && { echo "$value"; return 0; }
    sleep 0.05
  done
  return 1
}

# start_echo NAME: starts `lintel echo` on a free port; sets ECHO_PORT.
start_echo() {
  local name=$1 log="$LINTEL_WORKDIR/echo-$1.log"
  "$LINTEL_BIN" echo --name "$name" --listen 127.0.0.1:0 --quiet 2>"$log" &
  LINTEL_PIDS+=($!)
  ECHO_PORT=$(value_from_log "$log" 's/.*"port":"\([0-9]*\)".*/\1/p') && return 0
  echo "start_echo: $name did not start:" >&2
  cat "$log" >&2
  return 1
}

# start_lintel LOG ARGS...: starts `lintel run ARGS` on free HTTP and admin ports and waits until
# it is ready; sets HTTP_PORT, ADMIN_PORT and LINTEL_PID. Returns 1 (and leaves the exit code in
# LINTEL_EXIT) when lintel exits instead.
start_lintel() {
  local log=$1; shift
  for _ in 1 2 3; do
    HTTP_PORT=$(free_port); ADMIN_PORT=$(free_port)
    # Gateways with addresses of their own bind those instead of one shared address.
    local bind=(--bind-address 127.0.0.1)
    [[ " $* " == *" --gateway-addresses "* ]] && bind=()
    "$LINTEL_BIN" run "${bind[@]}" --workers 2 --http-port "$HTTP_PORT" --admin-port "$ADMIN_PORT" "$@" 2>"$log" &
    LINTEL_PID=$!
    LINTEL_PIDS+=($LINTEL_PID)
    for _ in $(seq 1 200); do
      if ! kill -0 "$LINTEL_PID" 2>/dev/null; then
        LINTEL_EXIT=0
        wait "$LINTEL_PID" || LINTEL_EXIT=$?
        # A port taken between free_port and bind: try other ports.
        grep -q "ddress already in use" "$log" && continue 2
        return 1
      fi
      # Our own log line first: another test's Lintel may own a port we picked at the same
      # moment, and its /readyz must not pass for ours.
      grep -q '"msg":"lintel serving"' "$log" 2>/dev/null &&
        curl -fs -o /dev/null "http://127.0.0.1:$ADMIN_PORT/readyz" && return 0
      sleep 0.05
    done
    echo "start_lintel: not ready within 10 s" >&2
    return 1
  done
  return 1
}

# stop_lintel: stops the lintel started last.
stop_lintel() {
  kill -TERM "$LINTEL_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$LINTEL_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$LINTEL_PID" 2>/dev/null || true
  wait "$LINTEL_PID" 2>/dev/null || true
}

# backend_of HOST PATH: which echo backend answered (its "service"), or the HTTP status when
# the answer did not come from a backend.
backend_of() {
  local body status
  body=$(curl -s --max-time 5 -H "Host: $1" -w '\n%{http_code}' "http://127.0.0.1:$HTTP_PORT$2") || { echo "no-answer"; return; }
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  if [[ "$status" == 200 ]] && grep -q '"service"' <<<"$body"; then
    sed -n 's/.*"service": *"\([^"]*\)".*/\1/p' <<<"$body" | head -n 1
  else
    echo "$status"
  fi
}

# http_gateway NAME PORT: YAML for the GatewayClass "lintel" (Lintel's controller) and a Gateway
# NAME with one HTTP listener "http" on PORT, ending in "---" so that routes can follow.
http_gateway() {
  cat <<YAML
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: $1}
spec:
  gatewayClassName: lintel
  listeners: [{name: http, port: $2, protocol: HTTP}]
---
YAML
}

# render_backends: the seed's backends.yaml with its endpoint ports replaced by the running
# echo backends' (ALPACA_PORT, BANDICOOT_PORT, BE_DEFAULT_PORT), written to $1.
render_backends() {
  sed -e "s/port: 18081/port: $ALPACA_PORT/" -e "s/port: 18082/port: $BANDICOOT_PORT/" \
      -e "s/port: 18083/port: $BE_DEFAULT_PORT/" "$SEED_DIR/backends.yaml" >"$1"
}

# start_test_apiserver BINARY: starts lintel-test-apiserver on a port the kernel picks; sets
# API_PORT.
start_test_apiserver() {
  local out="$LINTEL_WORKDIR/apiserver.out"
  "$1" --port 0 >"$out" 2>&1 &
  LINTEL_PIDS+=($!)
  API_PORT=$(value_from_log "$out" 's/^listening on //p') && return 0
  echo "start_test_apiserver: not listening within 5 s:" >&2
  cat "$out" >&2
  return 1
}

start_seed_backends() {
  start_echo alpaca; ALPACA_PORT=$ECHO_PORT
  start_echo bandicoot; BANDICOOT_PORT=$ECHO_PORT
  start_echo be-default; BE_DEFAULT_PORT=$ECHO_PORT
}
