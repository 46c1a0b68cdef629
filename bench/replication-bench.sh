#!/usr/bin/env bash
# Replication from Berth to CNCF Distribution (Debian's docker-registry) against `skopeo copy`
# between the same two registries, in one run; and the time from a push to its event-based
# replica being pullable. Starts a whole Berth with ./berth up (own ports, database, Redis db).
#   bench/replication-bench.sh                 # RUNS=3 SIZE_MIB=1024 (8 layers)
#   RUNS=1 SIZE_MIB=256 bench/replication-bench.sh
# Needs: java, curl, skopeo, docker-registry, psql, python3, redis-cli; PostgreSQL and Redis on 127.0.0.1.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
SIZE_MIB=${SIZE_MIB:-1024}
PG_USER=${BERTH_TEST_PG_USER:-postgres}
work=$(mktemp -d /tmp/berth-repbench.XXXXXX)
db="berth_repbench_$$"
pids=()

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

export BERTH_SKIP_BUILD=1 BERTH_CONFIG="" BERTH_DATA_DIR="$work/berth" BERTH_ADMIN_PASSWORD=Bench12345
export BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db" BERTH_DATABASE_USER="$PG_USER"
export BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}" BERTH_REDIS_URL="redis://127.0.0.1:6379/12"
for s in REGISTRY CORE JOBSERVICE; do p=$(free_port); export "BERTH_${s}_PORT=$p" "BERTH_${s}_URL=http://127.0.0.1:$p" "BERTH_${s}_MANAGEMENT_PORT=$(free_port)"; done
gw=$(free_port); export BERTH_GATEWAY_PORT=$gw BERTH_EXTERNAL_URL="http://127.0.0.1:$gw" BERTH_GATEWAY_MANAGEMENT_PORT=$(free_port)
berth="127.0.0.1:$gw"; admin="admin:Bench12345"

cleanup() {
  (cd "$work" && "$home/berth" down >/dev/null 2>&1) || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -n 12 FLUSHDB >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

for module in registry-service core-service jobservice proxy-gateway; do
  [ -f "$home/$module/target/quarkus-app/quarkus-run.jar" ] || (cd "$home" && mvn -B -q install -DskipTests)
done
redis-cli -n 12 FLUSHDB >/dev/null
mkdir -p "$work/berth" && (cd "$work" && "$home/berth" up >/dev/null)

# A fresh Distribution for each measurement: skopeo (as root) remembers in
# /var/lib/containers/cache where it saw blobs and would mount instead of copying.
start_distribution() {
  local port; port=$(free_port); dist="127.0.0.1:$port"
  mkdir -p "$work/dist-$port"
  printf 'version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: %s}, delete: {enabled: true}}\nhttp: {addr: %s}\n' \
    "$work/dist-$port" "$dist" > "$work/dist-$port.yml"
  docker-registry serve "$work/dist-$port.yml" > "$work/dist-$port.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 60); do curl -fs -o /dev/null "http://$dist/v2/" && break; sleep 0.5; done
}

api() { curl -fsS -u "$admin" -H 'Content-Type: application/json' -X "$1" "http://$berth/api/v2.0$2" ${3:+-d "$3"} -D "$work/headers"; }
created_id() { tr -d '\r' < "$work/headers" | awk 'tolower($1)=="location:" {print $2}' | awk -F/ '{print $NF}'; }

java "$home/bench/MakeImage.java" "$work/image" v1 8 $((SIZE_MIB / 8))
java "$home/bench/MakeImage.java" "$work/small" v1 1 1
skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds "$admin" "oci:$work/image:v1" "docker://$berth/library/big:v1"

endpoint() { # registers the current Distribution, prints its id
  api POST /registries "{\"name\":\"dist-${dist##*:}\",\"type\":\"docker-registry\",\"url\":\"http://$dist\"}" >/dev/null
  created_id
}
# Policies are created enabled: as in Harbor, a policy is what its body says, and a field left out
# is false (enabled, override, deletion). Each run's destination is new, so override changes nothing.
replicate() { # runs a manual policy copying $1 to registry $2 under namespace $3; prints seconds
  # The time is the POST (listing the source, recording the tasks) plus the execution's own
  # start-to-end as Berth records it: polling from a shell would add its own delays.
  local policy execution start posted status
  api POST /replication/policies "{\"name\":\"p-$3\",\"enabled\":true,\"dest_registry\":{\"id\":$2},\"dest_namespace\":\"$3\",\"filters\":[{\"type\":\"name\",\"value\":\"$1\"}]}" >/dev/null
  policy=$(created_id)
  start=$(now)
  api POST /replication/executions "{\"policy_id\":$policy}" >/dev/null
  posted=$(echo "$(now) - $start" | bc)
  execution=$(created_id)
  # once a second: a curl and a python3 every 50 ms took a good part of a core from the copy itself
  while status=$(api GET "/replication/executions/$execution" | python3 -c 'import json,sys;print(json.load(sys.stdin)["status"])'); [ "$status" = InProgress ]; do sleep 1; done
  [ "$status" = Succeed ] || { echo "replication $execution: $status" >&2; exit 1; }
  api GET "/replication/executions/$execution" | python3 -c '
import json, sys
from datetime import datetime
e = json.load(sys.stdin)
d = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
print("%.3f" % (float(sys.argv[1]) + (d(e["end_time"]) - d(e["start_time"])).total_seconds()))' "$posted"
}

# warm-up: jobservice is a long-running JVM; measure it warm, as it runs in production
skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds "$admin" "oci:$work/small:v1" "docker://$berth/library/warm:v1"
start_distribution; replicate library/warm "$(endpoint)" warm >/dev/null

skopeo_s=(); berth_s=()
for i in $(seq 1 "$RUNS"); do
  start_distribution
  start=$(now)
  skopeo --insecure-policy copy -q --src-tls-verify=false --dest-tls-verify=false --src-creds "$admin" \
    "docker://$berth/library/big:v1" "docker://$dist/skopeo/big:v1"
  skopeo_s+=("$(echo "$(now) - $start" | bc)")
  start_distribution
  reg=$(endpoint)
  berth_s+=("$(replicate library/big "$reg" "run$i")")
  [ "$(skopeo inspect --raw --tls-verify=false "docker://$dist/run$i/big:v1" | sha256sum)" = \
    "$(skopeo inspect --raw --tls-verify=false --creds "$admin" "docker://$berth/library/big:v1" | sha256sum)" ] || { echo "digests differ" >&2; exit 1; }
done

live=$reg
api POST /replication/policies "{\"name\":\"live\",\"enabled\":true,\"dest_registry\":{\"id\":$live},\"filters\":[{\"type\":\"name\",\"value\":\"library/live*\"}],\"trigger\":{\"type\":\"event_based\"}}" >/dev/null
push_s=(); replica_s=()
for i in $(seq 1 "$RUNS"); do
  start=$(now)
  skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds "$admin" "oci:$work/small:v1" "docker://$berth/library/live$i:v1"
  pushed=$(now)
  until curl -fs -o /dev/null -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$dist/v2/library/live$i/manifests/v1"; do sleep 0.05; done
  push_s+=("$(echo "$pushed - $start" | bc)")
  replica_s+=("$(echo "$(now) - $pushed" | bc)")
done

mib=$((SIZE_MIB / 8 * 8))
s_med=$(printf '%s\n' "${skopeo_s[@]}" | median); b_med=$(printf '%s\n' "${berth_s[@]}" | median)
printf '\nreplication of a %d MiB image (8 layers), Berth -> Distribution, median of %d runs\n' "$mib" "$RUNS"
printf '  (each run: skopeo %s s, Berth %s s)\n' "${skopeo_s[*]}" "${berth_s[*]}"
printf '  skopeo copy           %6.2f s  %7.1f MB/s\n' "$s_med" "$(echo "$mib * 1.048576 / $s_med" | bc -l)"
printf '  Berth replication     %6.2f s  %7.1f MB/s   ratio %.2fx of skopeo\n' "$b_med" "$(echo "$mib * 1.048576 / $b_med" | bc -l)" \
  "$(echo "$s_med / $b_med" | bc -l)"
printf 'event-based replication of a 1 MiB image, median of %d pushes\n' "$RUNS"
printf '  push (skopeo copy)    %6.2f s\n' "$(printf '%s\n' "${push_s[@]}" | median)"
printf '  push done -> pullable at Distribution  %6.2f s\n' "$(printf '%s\n' "${replica_s[@]}" | median)"
