#!/usr/bin/env bash
# Regenerates the reference target's TEST-ONLY TLS material: a self-signed CA
# (ca.pem) and a server key + certificate it signs (server-key.pem, server.pem)
# for IP:127.0.0.1 and DNS:localhost, valid ~100 years so tests never expire.
# The CA key is thrown away: nothing else should ever be signed with it.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
days=36500

openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -keyout "$tmp/ca-key.pem" -out ca.pem \
  -subj "/CN=status-code-conformance reference test CA (TEST ONLY)" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"

openssl req -new -newkey rsa:2048 -nodes -sha256 \
  -keyout server-key.pem -out "$tmp/server.csr" -subj "/CN=localhost"

cat > "$tmp/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
openssl x509 -req -sha256 -days "$days" -in "$tmp/server.csr" \
  -CA ca.pem -CAkey "$tmp/ca-key.pem" -set_serial "0x$(openssl rand -hex 16)" \
  -extfile "$tmp/server.ext" -out server.pem

openssl verify -CAfile ca.pem server.pem
