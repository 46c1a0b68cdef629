#!/usr/bin/env bash
# GcRacesTest for longer: PUSHERS threads (default 8) each doing ROUNDS operations (default 400: uploads of a small
# shared layer pool in every style, mounts, image/index/referrer pushes under tags of their own, untagged pushes, tag
# deletes) while another thread runs full GC cycles through the internal API with time_window 0 and delete_untagged.
# Then every acknowledged tag is pulled back with every digest verified and the row/byte invariants are checked.
# Prints the test's figures line (GC cycles, tags acknowledged, pushes refused and retried) and its time; exits
# non-zero on any lost tag, wrong byte, 5xx or broken invariant.
#   bench/gc-soak.sh
#   ROUNDS=1000 PUSHERS=12 bench/gc-soak.sh
#   MVN="flock /tmp/berth-mvn.lock mvn -o" bench/gc-soak.sh
# Needs PostgreSQL and Redis on 127.0.0.1 (as the registry-service tests do).
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MVN=${MVN:-mvn}
ROUNDS=${ROUNDS:-400} PUSHERS=${PUSHERS:-8}
log="$home/registry-service/target/gc-soak.log"
mkdir -p "$(dirname "$log")"
cd "$home" || exit 1
start=$(date +%s)
$MVN -B -pl jvm-opens/deployment,registry-service -am -Dportal.skip test-compile surefire:test@default-test \
    -Dtest=GcRacesTest -Dsurefire.failIfNoSpecifiedTests=false -Dgc.races.rounds="$ROUNDS" -Dgc.races.pushers="$PUSHERS" >"$log" 2>&1
status=$?
grep -h "GcRacesTest:" "$log"
echo "gc-soak: $((PUSHERS * ROUNDS)) operations in $(( $(date +%s) - start )) s (build included), exit $status; log: $log"
exit $status
