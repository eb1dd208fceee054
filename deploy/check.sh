#!/bin/sh
# `npm run deploy:check`: what can be checked without a Docker engine. docker-compose 1.29 (Debian)
# resolves docker-compose.yml with .env.example (every required variable set, every reference
# valid); Caddy (Debian) validates deploy/Caddyfile in each TLS mode. Installs both from apt when
# missing (needs root).
set -eu
cd "$(dirname "$0")/.."

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 from apt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2" >/dev/null
}
need docker-compose docker-compose
need caddy caddy

echo "docker-compose config (.env.example)"
docker-compose --env-file .env.example config -q

echo "docker-compose config refuses a missing secret"
empty=$(mktemp)
if docker-compose --env-file "$empty" config -q 2>/dev/null; then
  echo "FAIL: docker-compose config passed with no .env" >&2
  exit 1
fi
rm -f "$empty"

validate() {
  echo "caddy validate ($*)"
  env "$@" caddy validate --config deploy/Caddyfile --adapter caddyfile >/dev/null 2>&1 || {
    env "$@" caddy validate --config deploy/Caddyfile --adapter caddyfile
    exit 1
  }
}
validate SITE_ADDRESS=:80 ACME_EMAIL=ops@example.cn
validate SITE_ADDRESS=jiebang.example.cn ACME_EMAIL=ops@example.cn
certs=$(mktemp -d)
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=jiebang.example.cn \
  -keyout "$certs/key.pem" -out "$certs/cert.pem" >/dev/null 2>&1
validate SITE_ADDRESS=jiebang.example.cn ACME_EMAIL=ops@example.cn TLS_MODE=files \
  TLS_CERT="$certs/cert.pem" TLS_KEY="$certs/key.pem"
rm -rf "$certs"

echo "caddy fmt"
caddy fmt deploy/Caddyfile | diff -u deploy/Caddyfile - >/dev/null || {
  echo "FAIL: deploy/Caddyfile is not formatted (caddy fmt --overwrite deploy/Caddyfile)" >&2
  exit 1
}
echo "deploy check passed"
