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

# eventually DESCRIPTION EXPECTED COMMAND...: runs COMMAND until it prints EXPECTED, for at
# most 5 s (a live reload is asynchronous).
eventually() {
  local description=$1 expected=$2 actual=""
  shift 2
  for _ in $(seq 1 100); do
    actual=$("$@")
    [[ "$actual" == "$expected" ]] && break
    sleep 0.05
  done
  check "$description" "$actual" "$expected"
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [[ $FAILED -eq 0 ]]
}
