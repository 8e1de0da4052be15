#!/usr/bin/env bash
# The seed's walkthrough, end to end: three echo backends, each of the seed's three Ingress
# examples served by `lintel run` and probed with curl, then the seed's two mistakes rejected.
# Prints one line per request and exits non-zero if any line failed.
# Usage: scripts/seed-walkthrough.sh PATH/TO/lintel
set -euo pipefail
LINTEL_BIN=$(realpath "${1:?usage: $0 PATH/TO/lintel}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SEED_DIR="$ROOT/examples/seed"
source "$ROOT/scripts/lib/processes.sh"

start_seed_backends
echo "Echo backends: alpaca :$ALPACA_PORT, bandicoot :$BANDICOOT_PORT, be-default :$BE_DEFAULT_PORT"
render_backends "$LINTEL_WORKDIR/backends.yaml"

failures=0
lines=0
printf '\n%-15s %-30s %-12s %-12s %s\n' EXAMPLE REQUEST ANSWERED EXPECTED RESULT
for example in simple-ingress host-ingress path-ingress; do
  if ! start_lintel "$LINTEL_WORKDIR/$example.log" --manifests "$LINTEL_WORKDIR/backends.yaml" \
      --manifests "$SEED_DIR/$example.yaml"; then
    echo "$example: lintel run did not start:"; cat "$LINTEL_WORKDIR/$example.log"
    failures=$((failures + 1))
    continue
  fi
  while read -r name host path expected; do
    [[ "$name" == "$example" ]] || continue
    answered=$(backend_of "$host" "$path")
    result=OK
    [[ "$answered" == "$expected" ]] || { result=FAIL; failures=$((failures + 1)); }
    lines=$((lines + 1))
    printf '%-15s %-30s %-12s %-12s %s\n' "$example" "$host$path" "$answered" "$expected" "$result"
  done < <(grep -v '^#' "$SEED_DIR/requests.txt")
  stop_lintel
done

echo
echo "The seed's mistakes, as Lintel reports them:"
for mistake in simple-ingress-v1 simple-ingress-v2; do
  file="$SEED_DIR/mistakes/$mistake.yaml"
  if start_lintel "$LINTEL_WORKDIR/$mistake.log" --manifests "$LINTEL_WORKDIR/backends.yaml" --manifests "$file"; then
    echo "FAIL: lintel run accepted mistakes/$mistake.yaml"
    failures=$((failures + 1))
    stop_lintel
    continue
  fi
  echo "- mistakes/$mistake.yaml (lintel run exited with $LINTEL_EXIT):"
  sed -n 's/^  /    /p' "$LINTEL_WORKDIR/$mistake.log"
  expected_words=('no kind "ingress" is registered for version "networking.k8s.io/v1"'
                  'strict decoding error: unknown field "spec.service"')
  want=${expected_words[$([[ $mistake == simple-ingress-v1 ]] && echo 0 || echo 1)]}
  if [[ "$LINTEL_EXIT" -eq 0 ]] || ! grep -qF "$want" "$LINTEL_WORKDIR/$mistake.log"; then
    echo "  FAIL: expected a non-zero exit and: $want"
    failures=$((failures + 1))
  fi
done

echo
if [[ $failures -ne 0 ]]; then
  echo "seed walkthrough: $failures failure(s)"
  exit 1
fi
echo "seed walkthrough: all $lines requests reached the expected backend; both mistakes rejected"
