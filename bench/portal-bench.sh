#!/usr/bin/env bash
# The portal (issue #21's bench): a Berth of its own started as ./berth up starts it (the built jars; a database
# and a Redis index of its own), filled with PROJECTS projects (default 1000) and a repository of TAGS tagged
# artifacts (default 10000), then bench/portal-bench.mjs measures in headless Chromium: the shell's JavaScript
# gzipped, first load to a usable page, and each page to its first row (medians of RUNS, default 5).
# Needs: node (with the portal's node_modules: mvn -B package -DskipTests), chromium, psql, redis-cli, curl.
#   bench/portal-bench.sh
#   PROJECTS=100 TAGS=1000 RUNS=3 bench/portal-bench.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_user="${BERTH_TEST_PG_USER:-postgres}"
work="$(mktemp -d /tmp/berth-portal-bench.XXXXXX)"
db="berth_portal_bench_$$"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
[ -d "$home/portal/node_modules/playwright-core" ] || { echo "the portal is not built: mvn -B package -DskipTests" >&2; exit 1; }

export BERTH_SKIP_BUILD=1 BERTH_CONFIG= BERTH_DATA_DIR="$work/data" BERTH_ADMIN_PASSWORD=Bench12345
export BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db" BERTH_DATABASE_USER="$pg_user" BERTH_DATABASE_PASSWORD=unused
export BERTH_REDIS_URL=redis://127.0.0.1:6379/13
for s in REGISTRY CORE JOBSERVICE; do
  port=$(free_port); export "BERTH_${s}_PORT=$port" "BERTH_${s}_URL=http://127.0.0.1:$port" "BERTH_${s}_MANAGEMENT_PORT=$(free_port)"
done
gateway=$(free_port)
export BERTH_GATEWAY_PORT=$gateway BERTH_GATEWAY_MANAGEMENT_PORT=$(free_port) BERTH_EXTERNAL_URL="http://127.0.0.1:$gateway"

cleanup() {
  (cd "$work" && "$home/berth" down >/dev/null 2>&1) || true
  psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "CREATE DATABASE $db" >/dev/null
redis-cli -n 13 FLUSHDB >/dev/null
(cd "$work" && "$home/berth" up >/dev/null)
BERTH_URL="http://127.0.0.1:$gateway" BERTH_ADMIN_PASSWORD=$BERTH_ADMIN_PASSWORD node "$home/bench/portal-bench.mjs"
