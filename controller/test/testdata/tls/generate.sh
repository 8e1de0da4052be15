#!/usr/bin/env bash
# Writes the TEST-ONLY key pair the controller's golden files embed (as base64 in their
# Secrets): a P-256 key and a self-signed certificate for example.com and *.example.com, valid
# for 100 years so the goldens never age. The key protects nothing; regenerate it at will, then
# paste the two base64 lines this prints over the old ones in the goldens and update the .out
# files (LINTEL_UPDATE_GOLDEN=1).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 \
  -subj "/CN=lintel golden test" -addext "subjectAltName=DNS:example.com,DNS:*.example.com" \
  -keyout test-only-example-com.key -out test-only-example-com.crt 2>/dev/null
echo "tls.crt: $(base64 -w0 test-only-example-com.crt)"
echo "tls.key: $(base64 -w0 test-only-example-com.key)"
