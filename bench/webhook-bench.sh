#!/usr/bin/env bash
# Webhook deliveries per second to a local receiver (target >= 1,000/s): jobservice's WebhookBench posts EVENTS
# (default 3,000) webhook deliveries over 16 policies, in batches of 500 as core does, and times until a JDK HttpServer
# receiver has every body; three rounds after a warm-up, then the median. Uses the test PostgreSQL and Redis on
# 127.0.0.1 (as the tests do) and the shipped webhook settings (16 workers, 2 per policy).
#   bench/webhook-bench.sh
#   EVENTS=10000 MVN="flock /tmp/berth-mvn.lock mvn -o" bench/webhook-bench.sh
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS=${EVENTS:-3000}
MVN=${MVN:-mvn}
log="$home/jobservice/target/webhook-bench.log"
mkdir -p "$home/jobservice/target" "$home/portal/target/classes"
cd "$home" || exit 1
# shellcheck disable=SC2086
$MVN -B -pl jobservice -am test -Dtest=WebhookBench -Dsurefire.failIfNoSpecifiedTests=false -Dportal.npm.skip=true \
  -Dportal.test.skip=true -Dwebhook.bench.events="$EVENTS" >"$log" 2>&1
status=$?
grep WEBHOOKBENCH "$log"
if [ $status -ne 0 ]; then
  echo "the bench failed; see $log" >&2
  exit $status
fi
grep WEBHOOKBENCH "$log" | sed 's/.*deliveries_per_s=//' | sort -n | awk '{v[NR]=$1} END {printf "webhook deliveries/s (median of %d rounds): %s\n", NR, v[int((NR+1)/2)]}'
