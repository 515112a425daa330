#!/usr/bin/env bash
# make_test_certs.sh — regenerates the test PKI in tests/fixtures/tls/.
#
# A throw-away CA, a server certificate it signs for localhost/127.0.0.1, one
# it signs for the wrong name, and a self-signed certificate nobody trusts.
# The outputs are committed so tests never need openssl at run time; rerun
# this only when they must change (validity is 100 years).
set -euo pipefail

out="${1:-$(cd "$(dirname "$0")/../fixtures/tls" && pwd)}"
mkdir -p "$out"
cd "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

days=36500

newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# Signs a CSR for the name(s) in $3 with the test CA.
sign_leaf() {
  local name="$1" cn="$2" san="$3"
  newkey "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$cn" -out "$work/$name.csr"
  cat > "$work/$name.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $san
EXT
  openssl x509 -req -in "$work/$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
    -CAserial "$work/ca.srl" -days "$days" -sha256 -extfile "$work/$name.ext" -out "$name.pem"
}

# The test CA (trusted by tests through HttpClientOptions::ca_file).
newkey ca.key
openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/CN=mltrend test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.pem

sign_leaf server localhost "DNS:localhost, IP:127.0.0.1"
sign_leaf wrong_name wrong.example "DNS:wrong.example"

# Self-signed for the right name, but from a CA nobody trusts.
newkey self_signed.key
openssl req -x509 -new -key self_signed.key -sha256 -days "$days" -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost, IP:127.0.0.1" -out self_signed.pem

# genpkey writes keys 0600; these are public test keys that any test user reads.
chmod 644 ./*.key
echo "wrote test certificates to $out"
