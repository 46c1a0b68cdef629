#!/usr/bin/env bash
# ChaosIT for longer: CLIENTS client threads (default 30) push and pull through the gateway of a whole Berth
# (./berth up, with an embedded PostgreSQL and a private redis-server of its own, nothing shared) for DURATION
# (default 10m), while a fault is injected every FAULT_INTERVAL (default 20s), picked at random: kill -9 of a random
# service, PostgreSQL stopped for 5 s (pg_ctl stop -m fast) and started again, Redis flushed and restarted empty.
# Then every acknowledged push is pulled back and hashed, and a table is printed: faults by kind with the time
# until serving again (median, max), requests, acknowledged writes lost, wrong bytes served. Exits 1 if a write
# was lost or wrong bytes were served.
#   bench/chaos-bench.sh
#   DURATION=2m bench/chaos-bench.sh
#   MVN="flock /tmp/berth-mvn.lock mvn -o" bench/chaos-bench.sh   # how the build step is run (default: mvn)
# Needs java, mvn, redis-server, PostgreSQL's binaries (/usr/lib/postgresql/*/bin, or those bundled with the
# launcher) and the services built (mvn -B install -DskipTests). Run as root, as the tests are: the embedded
# PostgreSQL then runs as nobody. The full log is kept in launcher/target/chaos-bench/chaos.log.
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DURATION=${DURATION:-10m} CLIENTS=${CLIENTS:-30} FAULT_INTERVAL=${FAULT_INTERVAL:-20s} PUSH_PERCENT=${PUSH_PERCENT:-20}
MVN=${MVN:-mvn}
work="$home/launcher/target/chaos-bench"

for module in registry-service core-service jobservice proxy-gateway; do
  if [ ! -f "$home/$module/target/quarkus-app/quarkus-run.jar" ]; then
    echo "$module is not built: run mvn -B install -DskipTests first" >&2
    exit 1
  fi
done
command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install redis-server)" >&2; exit 1; }

# The clients, faults and checks are ChaosIT's (its main method): compile the launcher's tests and write their classpath.
mkdir -p "$work"
# shellcheck disable=SC2086
(cd "$home" && $MVN -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" -pl launcher) || exit 1

# BerthSystem finds the checkout from the launcher's directory, as the tests run there.
cd "$home/launcher" || exit 1
java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" io.berth.launcher.ChaosIT 2>&1 \
  | tee "$work/chaos.log" | grep -v -E '^\[chaos\] (kill -9 .*\(pid|Redis |PostgreSQL stopped)'
exit "${PIPESTATUS[0]}"
