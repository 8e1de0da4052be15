# Assertions for the end-to-end tests. Each failed check is counted and printed; finish()
# prints the plain "N passed, N failed" line and sets the exit code.
PASSED=0
FAILED=0

check() {  # check DESCRIPTION ACTUAL EXPECTED
  if [[ "$2" == "$3" ]]; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    echo "FAILED: $1: got '$2', want '$3'"
  fi
}

check_contains() {  # check_contains DESCRIPTION FILE TEXT
  if grep -qF -- "$3" "$2"; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    echo "FAILED: $1: '$3' not in $2:"
    sed 's/^/    /' "$2"
  fi
}

check_contains_text() {  # check_contains_text DESCRIPTION TEXT HAYSTACK
  if grep -qF -- "$2" <<<"$3"; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    echo "FAILED: $1: '$2' not in: $3"
  fi
}

# within SECONDS DESCRIPTION EXPECTED COMMAND...: runs COMMAND until it prints EXPECTED, for at
# most SECONDS. A COMMAND that fails (curl before a port listens) is tried again, not fatal
# under `set -e`.
within() {
  local seconds=$1 description=$2 expected=$3 actual=""
  shift 3
  for _ in $(seq 1 $((seconds * 20))); do
    actual=$("$@") || true
    [[ "$actual" == "$expected" ]] && break
    sleep 0.05
  done
  check "$description" "$actual" "$expected"
}

# eventually DESCRIPTION EXPECTED COMMAND...: within 5 s (a live reload is asynchronous).
eventually() { within 5 "$@"; }

finish() {
  echo "$PASSED passed, $FAILED failed"
  [[ $FAILED -eq 0 ]]
}
