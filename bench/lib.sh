# Sourced by the bench scripts (set BENCH first): a work directory (mktemp's template below) and a database of their
# own, both removed on exit with the processes the script started (add them with pids+=($!)); KEEP=1 keeps the work
# directory. And helpers.
PG_USER=${BERTH_TEST_PG_USER:-postgres}
work=$(mktemp -d "/tmp/berth-$BENCH.XXXXXX")
pids=()
db="berth_${BENCH//-/_}_$$"

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
await_http() { for _ in $(seq 1 180); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not ready: $1" >&2; exit 1; }

# s3proxy (the tests' S3 server) over "$work/s3/data", with a bucket for each argument; sets s3_port, s3_key, s3_secret.
start_s3proxy() {
  local s3_jar="$home/registry-service/target/s3proxy/s3proxy.jar" bucket
  [ -f "$s3_jar" ] || (cd "$home" && ${MVN:-mvn} -B -q -pl registry-service -am process-test-resources -Dportal.npm.skip=true)
  s3_key=bench-identity s3_secret=bench-credential s3_port=$(free_port)
  mkdir -p "$work/s3/data"
  printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$s3_port" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=$s3_key" "s3proxy.credential=$s3_secret" "jclouds.provider=filesystem" \
    "jclouds.filesystem.basedir=$work/s3/data" > "$work/s3/s3proxy.conf"
  java -Xmx512m -jar "$s3_jar" --properties "$work/s3/s3proxy.conf" > "$work/s3/s3proxy.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 120); do (echo > "/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && break; sleep 0.5; done
  (echo > "/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null || { echo "s3proxy did not start:" >&2; cat "$work/s3/s3proxy.log" >&2; exit 1; }
  for bucket in "$@"; do
    curl -fsS -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" --user "$s3_key:$s3_secret" "http://127.0.0.1:$s3_port/$bucket" \
      -H "x-amz-content-sha256: $(printf '' | sha256sum | cut -d' ' -f1)" > /dev/null
  done
}

# The bench's database with core's schema made by core's own migrations (in order, as Flyway applies them), and
# registry-service alone on it (token auth with a key pair in $work, the JVM options ./berth up gives it;
# REGISTRY_JAVA_OPTS adds more). Sets reg_port, reg_mgmt and cp_registry (for bench/Token.java); needs sql() defined.
start_registry_on_core_schema() {
  [ -f "$home/registry-service/target/quarkus-app/quarkus-run.jar" ] || (cd "$home" && mvn -B -q package -DskipTests)
  cp_registry="$home/registry-service/target/quarkus-app/lib/main/*"
  java -cp "$cp_registry" "$home/bench/Token.java" generate "$work/token.key" "$work/token.crt"
  psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "CREATE DATABASE $db" >/dev/null
  sql -c "CREATE SCHEMA core"
  local f
  for f in $(ls "$home/core-service/src/main/resources/db/core"/V*.sql | sort -V); do
    PGOPTIONS="-c search_path=core" sql -f "$f" >/dev/null
  done
  reg_port=$(free_port); reg_mgmt=$(free_port)
  export BERTH_CONFIG="" BERTH_DATA_DIR="$work/berth" BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db"
  export BERTH_DATABASE_USER="$PG_USER" BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}"
  export BERTH_TOKEN_CERTIFICATE="$work/token.crt" BERTH_TOKEN_ISSUER=berth-bench BERTH_LOG_LEVEL=WARN
  export BERTH_REGISTRY_PORT=$reg_port BERTH_REGISTRY_URL="http://127.0.0.1:$reg_port" BERTH_REGISTRY_MANAGEMENT_PORT=$reg_mgmt
  local jvm=(-XX:+UseSerialGC)
  ! java -XX:TrimNativeHeapInterval=5000 -version > /dev/null 2>&1 || jvm+=(-XX:TrimNativeHeapInterval=5000)
  java -Xmx96m "${jvm[@]}" ${REGISTRY_JAVA_OPTS:-} -jar "$home/registry-service/target/quarkus-app/quarkus-run.jar" > "$work/registry.log" 2>&1 & pids+=($!)
  await_http "http://127.0.0.1:$reg_mgmt/q/health/ready"
}
