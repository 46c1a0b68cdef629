#!/usr/bin/env bash
# Tokens per second from Berth's token service (/service/token), direct to core-service and through
# the gateway, for an authenticated user asking for pull,push on one repository (what every docker
# push and pull does first), and for anonymous pulls of a public project. Also times a full
# docker-style login + push of a small image through the gateway with skopeo. Then, with a slapd of its own
# (Debian's slapd, when installed), switches Berth to ldap_auth and compares the token rate of an LDAP user after
# the first login with that of admin (a database user in every mode) in the same run (target: >= 0.9x); the LDAP user
# gets push through an LDAP group that is a member of library (memberOf from slapd's dynlist overlay), so each of
# its tokens also reads the recorded group memberships. Last, with bench/authproxy-double.py as the auth proxy, does the
# same for http_auth: a password user and a tokenreview$ token user.
# Last, with an OpenID provider of its own (bench/OidcProvider.java: mock-oauth2-server from core-service's test
# classpath), switches to oidc_auth and compares an OIDC user's token rate with their CLI secret, after their first
# (portal) login, with admin's in the same run (target: >= 0.9x).
#   bench/token-bench.sh          # DURATION=10s; OIDC=0 leaves the OIDC part out
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
  [ -n "${proxy_pid:-}" ] && kill "$proxy_pid" 2>/dev/null || true
  [ -f "$work/oidc.pid" ] && kill "$(cat "$work/oidc.pid")" 2>/dev/null || true
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
# compare LABEL RATE DB_RATE: one line with the rate and its ratio to the database user's of the same run
compare() { printf "%-44s %10s   %sx of the database user\n" "$1" "$2" "$(echo "scale=2; $2 / $3" | bc)"; }

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
    "include /etc/ldap/schema/inetorgperson.schema" "include /etc/ldap/schema/dyngroup.schema" "modulepath /usr/lib/ldap" \
    "moduleload back_mdb" "moduleload dynlist" \
    "TLSCertificateFile $work/ldap/server.pem" "TLSCertificateKeyFile $work/ldap/server.key" \
    "pidfile $work/ldap/slapd.pid" "database mdb" 'suffix "dc=berth,dc=test"' 'rootdn "cn=root,dc=berth,dc=test"' \
    "rootpw RootPass1" "directory $work/ldap/db" "overlay dynlist" \
    "dynlist-attrset groupOfNames labeledURI member+memberOf@groupOfNames" > "$work/ldap/slapd.conf"
  printf '%s\n' "dn: dc=berth,dc=test" "objectClass: dcObject" "objectClass: organization" "o: berth" "dc: berth" "" \
    "dn: uid=alice,dc=berth,dc=test" "objectClass: inetOrgPerson" "uid: alice" "cn: Alice" "sn: A" "userPassword: AlicePass1" "" \
    "dn: cn=devs,dc=berth,dc=test" "objectClass: groupOfNames" "cn: devs" "member: uid=alice,dc=berth,dc=test" \
    > "$work/ldap/data.ldif"
  /usr/sbin/slapadd -f "$work/ldap/slapd.conf" -l "$work/ldap/data.ldif" 2>/dev/null
  chmod a+x "$work"; chmod -R a+rwX "$work/ldap"
  as_nobody=(); [ "$(id -u)" = 0 ] && as_nobody=(-u nobody -g nogroup)
  /usr/sbin/slapd -f "$work/ldap/slapd.conf" -h "ldap://127.0.0.1:$ldap_port/ ldaps://127.0.0.1:$ldaps_port/" "${as_nobody[@]}"
  sleep 1
  curl -sf -u admin:Harbor12345 -X PUT -H 'Content-Type: application/json' "$BERTH_CORE_URL/api/v2.0/configurations" \
    -d "{\"auth_mode\":\"ldap_auth\",\"ldap_url\":\"ldap://127.0.0.1:$ldap_port\",\"ldap_base_dn\":\"dc=berth,dc=test\",\"ldap_search_dn\":\"cn=root,dc=berth,dc=test\",\"ldap_search_password\":\"RootPass1\",\"ldap_group_base_dn\":\"dc=berth,dc=test\",\"ldap_group_search_filter\":\"(objectClass=groupOfNames)\"}"
  curl -sf -u admin:Harbor12345 -H 'Content-Type: application/json' -H 'X-Is-Resource-Name: true' \
    "$BERTH_CORE_URL/api/v2.0/projects/library/members" \
    -d '{"role_id":2,"member_group":{"group_type":1,"ldap_group_dn":"cn=devs,dc=berth,dc=test"}}'
  curl -sf -u alice:AlicePass1 "$BERTH_CORE_URL/api/v2.0/users/current" >/dev/null   # first login: onboarding
  alice="Authorization: Basic $(printf 'alice:AlicePass1' | base64)"
  curl -sf -u alice:AlicePass1 "$BERTH_CORE_URL/service/token?$query" | python3 -c 'import sys,json,base64
t=json.load(sys.stdin)["token"].split(".")[1]; t+="="*(-len(t)%4)
a=json.loads(base64.urlsafe_b64decode(t))["access"]; sys.exit(0 if "push" in a[0]["actions"] else "alice has no push by her group")'
  db_rate=$(rate -H "$basic" "$BERTH_CORE_URL/service/token?$query")
  ldap_rate=$(rate -H "$alice" "$BERTH_CORE_URL/service/token?$query")
  echo
  printf "%-44s %10s\n" "ldap_auth: database user admin (tokens/s)" "$db_rate"
  compare "ldap_auth: LDAP user (push by group), 2nd+" "$ldap_rate" "$db_rate"
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

# auth-proxy users (http_auth) after their first login against admin, same service, same run. The mode changes only
# while admin is the one user: the LDAP section's user is deleted first.
for id in $(curl -sf -u admin:Harbor12345 "$BERTH_CORE_URL/api/v2.0/users?page_size=100" | python3 -c \
    'import json,sys; print(" ".join(str(u["user_id"]) for u in json.load(sys.stdin) if u["username"] != "admin"))'); do
  curl -sf -u admin:Harbor12345 -X DELETE "$BERTH_CORE_URL/api/v2.0/users/$id" >/dev/null
done
proxy_port=$(free_port)
python3 "$home/bench/authproxy-double.py" "$proxy_port" & proxy_pid=$!
sleep 1
curl -sf -u admin:Harbor12345 -X PUT -H 'Content-Type: application/json' "$BERTH_CORE_URL/api/v2.0/configurations" \
  -d "{\"auth_mode\":\"http_auth\",\"http_authproxy_endpoint\":\"http://127.0.0.1:$proxy_port/login\",\"http_authproxy_tokenreview_endpoint\":\"http://127.0.0.1:$proxy_port/tokenreview\"}"
curl -sf -u carol:CarolPass1 "$BERTH_CORE_URL/api/v2.0/users/current" >/dev/null   # first login: onboarding
carol="Authorization: Basic $(printf 'carol:CarolPass1' | base64)"
token="Authorization: Basic $(printf 'tokenreview$carol:k8s-token-carol' | base64)"
db_rate=$(rate -H "$basic" "$BERTH_CORE_URL/service/token?$query")
proxy_rate=$(rate -H "$carol" "$BERTH_CORE_URL/service/token?$query")
token_rate=$(rate -H "$token" "$BERTH_CORE_URL/service/token?$query")
echo
printf "%-44s %10s\n" "http_auth: database user admin (tokens/s)" "$db_rate"
compare "http_auth: proxy user (password)" "$proxy_rate" "$db_rate"
compare "http_auth: proxy user (tokenreview\$ token)" "$token_rate" "$db_rate"

# OIDC users (CLI secret) after their first login against database users (admin), same service, same run
if [ "${OIDC:-1}" = 1 ]; then
  api="$BERTH_CORE_URL/api/v2.0"
  # auth_mode changes only while admin is the one user: the LDAP part's user goes
  for id in $(curl -sf -u admin:Harbor12345 "$api/users?page_size=100" | python3 -c \
      'import json,sys; print(" ".join(str(u["user_id"]) for u in json.load(sys.stdin) if u["username"] != "admin"))'); do
    curl -sf -u admin:Harbor12345 -X DELETE "$api/users/$id" >/dev/null
  done
  (cd "$home" && mvn -B -q -o dependency:build-classpath -pl core-service -Dmdep.includeScope=test -Dmdep.outputFile="$work/oidc.cp" >/dev/null)
  oidc_port=$(free_port)
  java -cp "$(cat "$work/oidc.cp")" "$home/bench/OidcProvider.java" "$oidc_port" > "$work/oidc.log" 2>&1 &
  echo $! > "$work/oidc.pid"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$oidc_port/default/.well-known/openid-configuration" >/dev/null && break; sleep 1; done
  curl -sf -u admin:Harbor12345 -X PUT -H 'Content-Type: application/json' "$api/configurations" -d "{\"auth_mode\":\"oidc_auth\",\
\"oidc_endpoint\":\"http://127.0.0.1:$oidc_port/default\",\"oidc_client_id\":\"berth\",\"oidc_client_secret\":\"bench-Secret-1\",\
\"oidc_auto_onboard\":true,\"oidc_user_claim\":\"preferred_username\"}"
  # the first login, as a browser does it: Berth -> the provider's login page -> Berth's callback -> a portal session
  to_provider=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$work/cookies" "$BERTH_CORE_URL/c/oidc/login")
  back=$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode username=oidc-bench-subject \
    --data-urlencode 'claims={"preferred_username": "oidcbench"}' "$to_provider")
  curl -s -o /dev/null -b "$work/cookies" -c "$work/cookies" "$BERTH_CORE_URL/c/oidc/callback?${back#*\?}"
  secret=$(curl -sf -b "$work/cookies" "$api/users/current" | python3 -c 'import json,sys; print(json.load(sys.stdin)["oidc_user_meta"]["secret"])')
  oidc_user="Authorization: Basic $(printf 'oidcbench:%s' "$secret" | base64 -w0)"
  curl -sf -H "$oidc_user" "$BERTH_CORE_URL/service/token?$query" >/dev/null
  db_rate=$(rate -H "$basic" "$BERTH_CORE_URL/service/token?$query")
  oidc_rate=$(rate -H "$oidc_user" "$BERTH_CORE_URL/service/token?$query")
  echo
  printf "%-44s %10s\n" "oidc_auth: database user admin (tokens/s)" "$db_rate"
  printf "%-44s %10s   %sx of the database user\n" "oidc_auth: OIDC user with CLI secret" "$oidc_rate" \
    "$(echo "scale=2; $oidc_rate / $db_rate" | bc)"
fi
