# Certificates made for one test run with the openssl command line, as a cluster's CA
# (cert-manager, say) would issue them. Source it and set PKI_DIR first.

# make_ca NAME [CN]: a self-signed CA, PKI_DIR/NAME.crt and .key.
make_ca() {
  mkdir -p "$PKI_DIR"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=${2:-$1}" -keyout "$PKI_DIR/$1.key" -out "$PKI_DIR/$1.crt" 2>/dev/null
}

# make_certificate NAME CA SUBJECT_ALT_NAMES [CN]: a key and a certificate signed by CA,
# PKI_DIR/NAME.crt and .key; SUBJECT_ALT_NAMES as openssl writes them ("DNS:a,IP:127.0.0.1").
make_certificate() {
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${4:-$1}" \
    -keyout "$PKI_DIR/$1.key" -out "$PKI_DIR/$1.csr" 2>/dev/null
  openssl x509 -req -in "$PKI_DIR/$1.csr" -CA "$PKI_DIR/$2.crt" -CAkey "$PKI_DIR/$2.key" \
    -CAcreateserial -days 2 -extfile <(echo "subjectAltName=$3") -out "$PKI_DIR/$1.crt" 2>/dev/null
}
