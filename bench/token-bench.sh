#!/usr/bin/env bash
# Tokens per second from Berth's token service (/service/token), direct to core-service and through
# the gateway, for an authenticated user asking for pull,push on one repository (what every docker
# push and pull does first), and for anonymous pulls of a public project. Also times a full
# docker-style login + push of a small image through the gateway with skopeo. Then, with a slapd of its own
# (Debian's slapd, when installed), switches Berth to ldap_auth and compares the token rate of an LDAP user after
# the first login with that of admin (a database user in every mode) in the same run (target: >= 0.9x).
#   bench/token-bench.sh          # DURATION=10s
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=${DURATION:-10s}
PG_USER=${BERTH_TEST_PG_USER:-postgres}
work=$(mktemp -d /tmp/berth-token-bench.XXXXXX)
db="berth_tokbench_$$"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

export BERTH_SKIP_BUILD=1 BERTH_CONFIG="" BERTH_DATA_DIR="$work/data" BERTH_ADMIN_PASSWORD=Harbor12345 BERTH_LOG_LEVEL=WARN
export BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db" BERTH_DATABASE_USER="$PG_USER" BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}"
for s in REGISTRY CORE JOBSERVICE; do p=$(free_port); export "BERTH_${s}_PORT=$p" "BERTH_${s}_URL=http://127.0.0.1:$p" "BERTH_${s}_MANAGEMENT_PORT=$(free_port)"; done
export BERTH_GATEWAY_PORT=$(free_port) BERTH_GATEWAY_MANAGEMENT_PORT=$(free_port); export BERTH_EXTERNAL_URL="http://127.0.0.1:$BERTH_GATEWAY_PORT"
cleanup() {
  [ -f "$work/ldap/slapd.pid" ] && kill "$(cat "$work/ldap/slapd.pid")" 2>/dev/null || true
  (cd "$work" && "$home/berth" down >/dev/null 2>&1) || true
  psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$home/launcher/target/berth-launcher.jar" ] || (cd "$home" && mvn -B -q package -DskipTests)
(cd "$work" && "$home/berth" up > "$work/up.log") || { cat "$work/up.log"; exit 1; }

basic="Authorization: Basic $(printf 'admin:Harbor12345' | base64)"
query="service=berth-registry&scope=repository:library/app:pull,push"
rate() { wrk -t2 -c16 -d"$DURATION" "$@" | awk '/Requests\/sec/ {printf "%.0f", $2}'; }

echo
echo "Berth token service, $(nproc) cores, wrk -t2 -c16 -d$DURATION"
printf "%-44s %10s %10s\n" "" "core" "via gw"
printf "%-44s %10s %10s\n" "user with Basic auth, pull,push (tokens/s)" \
  "$(rate -H "$basic" "$BERTH_CORE_URL/service/token?$query")" "$(rate -H "$basic" "$BERTH_EXTERNAL_URL/service/token?$query")"
printf "%-44s %10s %10s\n" "anonymous, pull of library (tokens/s)" \
  "$(rate "$BERTH_CORE_URL/service/token?service=berth-registry&scope=repository:library/app:pull")" \
  "$(rate "$BERTH_EXTERNAL_URL/service/token?service=berth-registry&scope=repository:library/app:pull")"

java "$home/bench/MakeImage.java" "$work/image" v1 2 1
times=()
for i in 1 2 3; do
  s=$(date +%s%N)
  skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds admin:Harbor12345 "oci:$work/image:v1" \
    "docker://127.0.0.1:$BERTH_GATEWAY_PORT/library/bench$i:v1"
  times+=($(( ($(date +%s%N) - s) / 1000000 )))
done
printf "%-44s %10s ms (runs: %s)\n" "login + push of a 2 MiB image via gateway" \
  "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "${times[*]}"

# LDAP users after their first login against database users (admin), same service, same run
if [ -x /usr/sbin/slapd ]; then
  ldap_port=$(free_port); ldaps_port=$(free_port); mkdir -p "$work/ldap/db"
  # a test CA and slapd's certificate for 127.0.0.1, for ldaps:// and StartTLS
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=bench CA" -keyout "$work/ldap/ca.key" -out "$work/ldap/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$work/ldap/server.key" -out "$work/ldap/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > "$work/ldap/server.ext"
  openssl x509 -req -days 1 -in "$work/ldap/server.csr" -CA "$work/ldap/ca.pem" -CAkey "$work/ldap/ca.key" -CAcreateserial \
    -extfile "$work/ldap/server.ext" -out "$work/ldap/server.pem" 2>/dev/null
  printf '%s\n' "include /etc/ldap/schema/core.schema" "include /etc/ldap/schema/cosine.schema" \
    "include /etc/ldap/schema/inetorgperson.schema" "modulepath /usr/lib/ldap" "moduleload back_mdb" \
    "TLSCertificateFile $work/ldap/server.pem" "TLSCertificateKeyFile $work/ldap/server.key" \
    "pidfile $work/ldap/slapd.pid" "database mdb" 'suffix "dc=berth,dc=test"' 'rootdn "cn=root,dc=berth,dc=test"' \
    "rootpw RootPass1" "directory $work/ldap/db" > "$work/ldap/slapd.conf"
  printf '%s\n' "dn: dc=berth,dc=test" "objectClass: dcObject" "objectClass: organization" "o: berth" "dc: berth" "" \
    "dn: uid=alice,dc=berth,dc=test" "objectClass: inetOrgPerson" "uid: alice" "cn: Alice" "sn: A" "userPassword: AlicePass1" \
    > "$work/ldap/data.ldif"
  /usr/sbin/slapadd -f "$work/ldap/slapd.conf" -l "$work/ldap/data.ldif" 2>/dev/null
  chmod a+x "$work"; chmod -R a+rwX "$work/ldap"
  as_nobody=(); [ "$(id -u)" = 0 ] && as_nobody=(-u nobody -g nogroup)
  /usr/sbin/slapd -f "$work/ldap/slapd.conf" -h "ldap://127.0.0.1:$ldap_port/ ldaps://127.0.0.1:$ldaps_port/" "${as_nobody[@]}"
  sleep 1
  curl -sf -u admin:Harbor12345 -X PUT -H 'Content-Type: application/json' "$BERTH_CORE_URL/api/v2.0/configurations" \
    -d "{\"auth_mode\":\"ldap_auth\",\"ldap_url\":\"ldap://127.0.0.1:$ldap_port\",\"ldap_base_dn\":\"dc=berth,dc=test\",\"ldap_search_dn\":\"cn=root,dc=berth,dc=test\",\"ldap_search_password\":\"RootPass1\"}"
  curl -sf -u alice:AlicePass1 "$BERTH_CORE_URL/api/v2.0/users/current" >/dev/null   # first login: onboarding
  alice="Authorization: Basic $(printf 'alice:AlicePass1' | base64)"
  db_rate=$(rate -H "$basic" "$BERTH_CORE_URL/service/token?$query")
  ldap_rate=$(rate -H "$alice" "$BERTH_CORE_URL/service/token?$query")
  echo
  printf "%-44s %10s\n" "ldap_auth: database user admin (tokens/s)" "$db_rate"
  printf "%-44s %10s   %sx of the database user\n" "ldap_auth: LDAP user after first login" "$ldap_rate" \
    "$(echo "scale=2; $ldap_rate / $db_rate" | bc)"

  # a directory search through Berth (GET /ldap/users/search: a connection, a bind, a search each time) over
  # ldap:// (the reference), ldaps:// and StartTLS, each trusting the test CA (ldap_verify_cert on)
  search="$BERTH_CORE_URL/api/v2.0/ldap/users/search?username=alice"
  tls() { python3 -c 'import json,sys; print(json.dumps({"ldap_url": sys.argv[1], "ldap_starttls": sys.argv[2] == "true",
    "ldap_ca_certificate": open(sys.argv[3]).read()}))' "$1" "$2" "$work/ldap/ca.pem" |
    curl -sf -u admin:Harbor12345 -X PUT -H 'Content-Type: application/json' "$BERTH_CORE_URL/api/v2.0/configurations" -d @-; }
  tls "ldap://127.0.0.1:$ldap_port" false; plain_rate=$(rate -H "$basic" "$search")
  tls "ldaps://127.0.0.1:$ldaps_port" false; ldaps_rate=$(rate -H "$basic" "$search")
  tls "ldap://127.0.0.1:$ldap_port" true; starttls_rate=$(rate -H "$basic" "$search")
  printf "%-44s %10s\n" "directory searches over ldap:// (searches/s)" "$plain_rate"
  printf "%-44s %10s   %sx of ldap://\n" "directory searches over ldaps://" "$ldaps_rate" "$(echo "scale=2; $ldaps_rate / $plain_rate" | bc)"
  printf "%-44s %10s   %sx of ldap://\n" "directory searches over StartTLS" "$starttls_rate" "$(echo "scale=2; $starttls_rate / $plain_rate" | bc)"
fi
