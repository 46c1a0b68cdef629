#!/usr/bin/env bash
# Garbage collection at scale, on this machine, in one run: registry-service on its own database filled by
# bench/gc-bench.sql (MANIFESTS manifests, BLOBS blob rows, most in use, a known part garbage), then
#   find      the candidate queries of a dry run, every page of manifests, links and blobs (seconds);
#   delete    blobs/collect of DELETE_BLOBS small blobs that really exist in storage and that nothing refers to
#             (pushed, then unlinked in SQL), on the filesystem and on S3 (s3proxy): deletions per second;
#   sweep     an orphan sweep of blobs/ (everything stored is listed) where DELETE_BLOBS small blobs have lost their
#             rows and are older than the grace, on the filesystem and on S3: orphans deleted per second;
#   push      PUSHERS threads pushing small images for PUSH_SECONDS, alone and while full GC cycles (delete_untagged,
#             2 workers) collect the generated garbage, put back before each: pushes per second and the ratio.
# Prints medians of RUNS runs. Needs: java, curl, psql, python3 (as registry-bench.sh).
#   bench/gc-bench.sh                                   # RUNS=3 MANIFESTS=100000 BLOBS=1000000
#   RUNS=1 MANIFESTS=10000 BLOBS=100000 bench/gc-bench.sh
#   MVN="flock /tmp/berth-mvn.lock mvn -o" bench/gc-bench.sh   # when it has to build registry-service first
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
MANIFESTS=${MANIFESTS:-100000} BLOBS=${BLOBS:-1000000}
DELETE_BLOBS=${DELETE_BLOBS:-3000}
PUSHERS=${PUSHERS:-4} PUSH_SECONDS=${PUSH_SECONDS:-20}
MVN=${MVN:-mvn}
BENCH=gc-bench

. "$home/bench/lib.sh" # work, db, pids, PG_USER; cleanup at exit, free_port, median, await_http, start_s3proxy
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; } # a figure out of GcBench's line
sql() { psql -q -X -h 127.0.0.1 -U "$PG_USER" -d "$db" -v ON_ERROR_STOP=1 "$@"; }

[ -f "$home/registry-service/target/quarkus-app/quarkus-run.jar" ] \
  || (cd "$home" && $MVN -B -q -pl registry-service -am package -DskipTests -Dportal.npm.skip=true -Dportal.test.skip=true)
cp_registry="$home/registry-service/target/quarkus-app/lib/main/*"
token() { java -cp "$cp_registry" "$home/bench/Token.java" "$@" 2> >(grep -v SLF4J >&2); }
token generate "$work/token.key" "$work/token.crt"
bench() { (exec_bench "$@"); }
exec_bench() { exec java -XX:+UseSerialGC -cp "$cp_registry" "$home/bench/GcBench.java" "$@" 2> >(grep -v SLF4J >&2); } # & leaves $! its pid

start_s3proxy berth

# --- two registry-services on one database: filesystem and S3 -------------------------------------
psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "CREATE DATABASE $db" >/dev/null
export BERTH_CONFIG="" BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db"
export BERTH_DATABASE_USER="$PG_USER" BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}"
export BERTH_TOKEN_CERTIFICATE="$work/token.crt" BERTH_TOKEN_ISSUER=berth-bench BERTH_LOG_LEVEL=WARN
jvm=(-Xmx96m -XX:+UseSerialGC) # what ./berth up gives it
start_registry() { # variable name, then extra environment; sets the variable to the base URL
  local name=$1 port mgmt; shift
  port=$(free_port); mgmt=$(free_port)
  env BERTH_DATA_DIR="$work/$name" BERTH_REGISTRY_PORT="$port" BERTH_REGISTRY_URL="http://127.0.0.1:$port" \
    BERTH_REGISTRY_MANAGEMENT_PORT="$mgmt" "$@" \
    java "${jvm[@]}" -jar "$home/registry-service/target/quarkus-app/quarkus-run.jar" > "$work/$name.log" 2>&1 &
  pids+=($!)
  await_http "http://127.0.0.1:$mgmt/q/health/ready"
  printf -v "$name" '%s' "http://127.0.0.1:$port"
}
start_registry fs
start_registry s3 BERTH_STORAGE_DRIVER=s3 BERTH_STORAGE_S3_BUCKET=berth BERTH_STORAGE_S3_ENDPOINT="http://127.0.0.1:$s3_port" \
  BERTH_STORAGE_S3_ACCESS_KEY=$s3_key BERTH_STORAGE_S3_SECRET_KEY=$s3_secret BERTH_STORAGE_S3_PATH_STYLE=true
token=$(token mint "$work/token.key" "$work/token.crt" berth-bench berth-registry \
  gcbench/del-fs gcbench/del-s3 gcbench/orphan-fs gcbench/orphan-s3 gcbench/push)
gc_token=$(token mint "$work/token.key" "$work/token.crt" berth-bench berth-registry-gc)

generate() { sql -v manifests="$MANIFESTS" -v blobs="$BLOBS" -f "$home/bench/gc-bench.sql" > /dev/null; }
s=$(date +%s.%N); generate; e=$(date +%s.%N)
counts=$(sql -At -c "SELECT (SELECT count(*) FROM registry.manifest) || ' manifests, ' || (SELECT count(*) FROM registry.blob) || ' blobs, '
  || (SELECT count(*) FROM registry.manifest_blob) || ' manifest_blob, ' || (SELECT count(*) FROM registry.repository_blob) || ' links, '
  || (SELECT count(*) FROM registry.tag) || ' tags'")
printf 'generated %s in %.0f s\n' "$counts" "$(echo "$e - $s" | bc)"

declare -A FIG
for run in $(seq 1 "$RUNS"); do
  [ "$run" = 1 ] || generate # what the last run's GC took
  # find: a dry run's candidates over the whole generated metadata
  line=$(bench find "$fs" "$gc_token"); echo "run $run find: $line"
  FIG[find]+="$(echo "$line" | sed -n 's/^find_s=\([0-9.]*\).*/\1/p') "

  # delete: blobs whose bytes exist, that nothing refers to any more
  for target in fs s3; do
    base=${!target}
    bench blobs "$base" "$token" "gcbench/del-$target" "$DELETE_BLOBS" "$work/del-$target.txt" > /dev/null
    sql -c "DELETE FROM registry.repository_blob WHERE repository_id = (SELECT id FROM registry.repository WHERE name = 'gcbench/del-$target');
            DELETE FROM registry.project_blob WHERE project = 'gcbench' AND digest IN (SELECT digest FROM registry.blob WHERE created_at > now() - interval '1 hour'
              AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb WHERE rb.digest = blob.digest));
            UPDATE registry.blob SET created_at = now() - interval '1 day' WHERE created_at > now() - interval '1 hour'
              AND NOT EXISTS (SELECT 1 FROM registry.repository_blob rb WHERE rb.digest = blob.digest)"
    line=$(bench collect "$base" "$gc_token" "$work/del-$target.txt" 2); echo "run $run delete $target: $line"
    FIG[delete_$target]+="$(echo "$line" | field per_s) "
  done

  # sweep: orphans (bytes stored, rows gone) older than the grace, among everything else stored
  for target in fs s3; do
    base=${!target}
    bench blobs "$base" "$token" "gcbench/orphan-$target" "$DELETE_BLOBS" "$work/orphan-$target.txt" > /dev/null
    sql <<SQL
CREATE TEMP TABLE orphan (digest text PRIMARY KEY);
\copy orphan FROM '$work/orphan-$target.txt'
DELETE FROM registry.repository_blob WHERE digest IN (SELECT digest FROM orphan);
DELETE FROM registry.project_blob WHERE digest IN (SELECT digest FROM orphan);
DELETE FROM registry.blob WHERE digest IN (SELECT digest FROM orphan);
SQL
    root=$([ "$target" = fs ] && echo "$work/fs/storage" || echo "$work/s3/data/berth")
    sed 's/^sha256://' "$work/orphan-$target.txt" | while read -r h; do echo "$root/blobs/sha256/${h:0:2}/$h/data"; done \
      | xargs touch -d '3 hours ago'
    line=$(bench sweep "$base" "$gc_token"); echo "run $run sweep $target: $line"
    FIG[sweep_$target]+="$(echo "$line" | field per_s) "
  done

  # push: alone, then while GC collects the garbage (put back first)
  line=$(bench push "$fs" "$token" gcbench/push "$PUSH_SECONDS" "$PUSHERS"); echo "run $run push alone: $line"
  FIG[push_alone]+="$(echo "$line" | field per_s) "
  generate
  rm -f "$work/stop"
  exec_bench gc "$fs" "$gc_token" "$work/stop" > "$work/gc-$run.txt" 2>&1 & gc_pid=$!; pids+=($gc_pid)
  line=$(bench push "$fs" "$token" gcbench/push "$PUSH_SECONDS" "$PUSHERS")
  touch "$work/stop"
  kill "$gc_pid" 2>/dev/null || true # the cycle need not finish: every call is idempotent
  wait "$gc_pid" 2>/dev/null || true
  deleted=$(sql -At -c "SELECT (SELECT count(*) FROM registry.manifest WHERE repository_id IN (SELECT id FROM registry.repository WHERE name LIKE 'gcb%/app%'))")
  echo "run $run push during GC: $line (generated manifests left: $deleted of $MANIFESTS)"
  FIG[push_gc]+="$(echo "$line" | field per_s) "
done

echo
echo "== gc-bench: medians of $RUNS run(s); $counts; $(nproc) cores"
printf '%-44s %s\n' "find the garbage (dry run, all candidates)" "$(echo ${FIG[find]} | tr ' ' '\n' | median) s"
printf '%-44s %s\n' "deletions/s, filesystem ($DELETE_BLOBS blobs, 2 workers)" "$(echo ${FIG[delete_fs]} | tr ' ' '\n' | median)"
printf '%-44s %s\n' "deletions/s, s3proxy ($DELETE_BLOBS blobs, 2 workers)" "$(echo ${FIG[delete_s3]} | tr ' ' '\n' | median)"
printf '%-44s %s\n' "orphans swept/s, filesystem ($DELETE_BLOBS)" "$(echo ${FIG[sweep_fs]} | tr ' ' '\n' | median)"
printf '%-44s %s\n' "orphans swept/s, s3proxy ($DELETE_BLOBS)" "$(echo ${FIG[sweep_s3]} | tr ' ' '\n' | median)"
alone=$(echo ${FIG[push_alone]} | tr ' ' '\n' | median)
during=$(echo ${FIG[push_gc]} | tr ' ' '\n' | median)
printf '%-44s %s\n' "pushes/s, no GC ($PUSHERS pushers)" "$alone"
printf '%-44s %s\n' "pushes/s, during GC" "$during"
printf '%-44s %s\n' "ratio during/without (target >= 0.9)" "$(echo "scale=2; $during / $alone" | bc)"
