#!/usr/bin/env bash
# Pulls through a proxy-cache project (docs/proxy-cache.md) against pulls straight from its upstream, in one run: a
# CNCF Distribution (Debian's docker-registry) holds an image of LAYERS layers of SIZE_MIB MiB in all; a pull is the
# manifest GET and then every blob GET, 4 at a time as clients do, read to the end (curl -o /dev/null). RUNS times,
# alternating the order, each kind of pull:
#   direct  - from the upstream itself;
#   first   - through Berth from a new proxy-cache project (nothing of it cached: every blob is fetched from the
#             upstream and streamed to the client while it is stored);
#   cached  - through Berth again from that project (served from Berth's storage; the tag checked with a HEAD upstream).
# Prints each median in seconds and MB/s and the ratios (targets: cached >= 0.9x direct, first >= 0.8x direct).
# Starts registry-service alone (token auth, the JVM options ./berth up gives it) on a database of its own with core's
# schema created by core's own migrations, as immutability-bench.sh does; the endpoint and projects are core's rows.
# Needs: java, curl, docker-registry, psql, python3, and PostgreSQL and Redis on 127.0.0.1 as for the tests; the
# registry-service jar built (mvn package -pl registry-service -am).
#   bench/proxy-cache-bench.sh                       # RUNS=3 SIZE_MIB=512 LAYERS=4
#   RUNS=5 SIZE_MIB=1024 LAYERS=8 bench/proxy-cache-bench.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
SIZE_MIB=${SIZE_MIB:-512}
LAYERS=${LAYERS:-4}
BENCH=proxy-cache-bench
source "$home/bench/lib.sh"
sql() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$PG_USER" -d "$db" "$@"; }
start_registry_on_core_schema
now() { date +%s.%N; }

up_port=$(free_port); upstream="127.0.0.1:$up_port"
mkdir -p "$work/upstream"
printf 'version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: %s}}\nhttp: {addr: %s}\n' \
  "$work/upstream" "$upstream" > "$work/upstream.yml"
docker-registry serve "$work/upstream.yml" > "$work/upstream.log" 2>&1 & pids+=($!)
await_http "http://$upstream/v2/"

java "$home/bench/MakeImage.java" "$work/image" v1 "$LAYERS" $((SIZE_MIB / LAYERS))
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$work/image:v1" "docker://$upstream/bench/img:v1"
# the blobs as the upstream holds them (skopeo may have compressed the layers on the way)
curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$upstream/v2/bench/img/manifests/v1" > "$work/manifest.json"
blobs=$(python3 -c '
import json,sys
m=json.load(open(sys.argv[1]))
print(" ".join([m["config"]["digest"]]+[l["digest"] for l in m["layers"]]))' "$work/manifest.json")
bytes=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["config"]["size"]+sum(l["size"] for l in m["layers"]))' "$work/manifest.json")
sql -c "INSERT INTO core.registry (name, type, url) VALUES ('upstream', 'docker-registry', 'http://$upstream')"

# pull <base URL> <repository> [authorization]: the manifest, then every blob 4 at a time; the seconds it took
pull() {
  local base=$1 repo=$2 auth=${3:-} start
  start=$(now)
  curl -fsS -o /dev/null ${auth:+-H "Authorization: $auth"} -H 'Accept: application/vnd.oci.image.manifest.v1+json' "$base/v2/$repo/manifests/v1"
  printf '%s\n' $blobs | xargs -P 4 -I{} curl -fsS -o /dev/null ${auth:+-H "Authorization: $auth"} "$base/v2/$repo/blobs/{}"
  echo "$(now) - $start" | bc -l
}

: > "$work/direct"; : > "$work/first"; : > "$work/cached"
for run in $(seq 1 "$RUNS"); do
  project="cache$run"
  sql -c "INSERT INTO core.project (name, registry_id) SELECT '$project', id FROM core.registry WHERE name = 'upstream'"
  token="Bearer $(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry \
    "$project/bench/img" 2> >(grep -v SLF4J >&2))"
  if [ $((run % 2)) = 1 ]; then
    pull "http://$upstream" bench/img >> "$work/direct"
    pull "http://127.0.0.1:$reg_port" "$project/bench/img" "$token" >> "$work/first"
  else
    pull "http://127.0.0.1:$reg_port" "$project/bench/img" "$token" >> "$work/first"
    pull "http://$upstream" bench/img >> "$work/direct"
  fi
  sleep 1 # the manifest is recorded once its blobs are: let that land before the cached pull
  pull "http://127.0.0.1:$reg_port" "$project/bench/img" "$token" >> "$work/cached"
done

d=$(median < "$work/direct"); f=$(median < "$work/first"); c=$(median < "$work/cached")
rate() { echo "scale=0; $bytes / $1 / 1000000" | bc -l; }
echo "image: $LAYERS layers, $((bytes / 1048576)) MiB; $RUNS runs, medians"
printf 'direct from the upstream   %6.2f s  %5s MB/s\n' "$d" "$(rate "$d")"
printf 'first pull (pass-through)  %6.2f s  %5s MB/s  %.2fx direct (target >= 0.8x)\n' "$f" "$(rate "$f")" "$(echo "$d / $f" | bc -l)"
printf 'cached pull through Berth  %6.2f s  %5s MB/s  %.2fx direct (target >= 0.9x)\n' "$c" "$(rate "$c")" "$(echo "$d / $c" | bc -l)"
