#!/usr/bin/env bash
# The cost of the immutable-tag check on manifest PUT (docs/webhooks.md's sibling, issue #24; target <= 5 % added
# latency): one client PUTs PUSHES small manifests (a distinct config blob each, one shared layer, uploaded before the
# clock starts) one after another into a project with no immutable tag rule, and into a project with RULES rules
# (default 10: half doublestar globs, half regular expressions, none protecting the pushed tags, so every rule is
# evaluated on every PUT), in one run; RUNS times, alternating the order (drift on a shared machine falls on both
# alike). Prints the median and p99 PUT latency of each and the added latency of the medians.
# Starts registry-service alone (token auth, the JVM options ./berth up gives it) on a database of its own with core's
# schema created by core's own migrations (the rules are core's: core.immutable_rule_view), as quota-bench.sh does.
# Needs: java, psql, python3, bc, and PostgreSQL and Redis on 127.0.0.1 as for the tests.
#   bench/immutability-bench.sh                 # RUNS=3 PUSHES=400 RULES=10
#   RUNS=5 PUSHES=1000 bench/immutability-bench.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
PUSHES=${PUSHES:-400}
RULES=${RULES:-10}
BENCH=immutability-bench
source "$home/bench/lib.sh"
sql() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$PG_USER" -d "$db" "$@"; }
start_registry_on_core_schema

project() { sql -c "INSERT INTO core.project (name) VALUES ('$1')"; }
# RULES rules as core's API stores them: tag selectors that never select the pushed tags (p<n>), every repository
selector() { printf '{"kind":"%s","decoration":"%s","pattern":"%s"}' "$1" "$2" "$3"; }
rules() {
  local i kind pattern
  for i in $(seq 1 "$RULES"); do
    if [ $((i % 2)) = 1 ]; then kind=doublestar pattern="release-$i.*"; else kind=regex pattern="^v$i\\\\.[0-9]+\\\\.[0-9]+\$"; fi
    sql -c "INSERT INTO core.immutable_rule (project_id, tag_selectors, scope_selectors) SELECT id, '[$(selector "$kind" matches "$pattern")]', \
      jsonb_build_object('repository', '[$(selector doublestar repoMatches '**')]'::jsonb) FROM core.project WHERE name = '$1'"
  done
}

# PUSHES manifests PUT one after another into repository $2 (blobs uploaded first); prints "median_ms p99_ms".
push() {
  python3 - "$reg_port" "$1" "$2" "$PUSHES" <<'PY'
import hashlib, http.client, json, os, sys, time
port, token, repo, pushes = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
headers = {"Authorization": "Bearer " + token}
conn = http.client.HTTPConnection("127.0.0.1", port)

def blob(data, media_type):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    conn.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest}", body=data,
                 headers={**headers, "Content-Type": "application/octet-stream"})
    r = conn.getresponse(); r.read()
    if r.status != 201: sys.exit(f"{repo} blob {r.status}")
    return {"mediaType": media_type, "digest": digest, "size": len(data)}

layer = blob(os.urandom(1024), "application/vnd.oci.image.layer.v1.tar")
manifests = []
for i in range(pushes):
    config = blob(json.dumps({"os": "linux", "architecture": "amd64", "n": i, "salt": os.urandom(8).hex()}).encode(),
                  "application/vnd.oci.image.config.v1+json")
    manifests.append(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                                 "config": config, "layers": [layer]}).encode())
latencies = []
for i, manifest in enumerate(manifests):
    start = time.perf_counter()
    conn.request("PUT", f"/v2/{repo}/manifests/p{i}", body=manifest,
                 headers={**headers, "Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    r = conn.getresponse(); r.read()
    latencies.append((time.perf_counter() - start) * 1000)
    if r.status != 201: sys.exit(f"{repo} manifest {r.status}")
latencies.sort()
print(f"{latencies[len(latencies) // 2]:.3f} {latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]:.3f}")
PY
}

declare -A med p99
printf 'immutability-bench: %s manifest PUTs per run, one client, %s rules vs none, %s runs\n' "$PUSHES" "$RULES" "$RUNS"
# warm-up (JIT, connection pools), not counted
project warm; token=$(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry warm/img)
push "$token" warm/img > /dev/null
for run in $(seq 1 "$RUNS"); do
  project "none$run"; project "ruled$run"; rules "ruled$run"
  token=$(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry \
    "none$run/img" "ruled$run/img")
  for scenario in $( [ $((run % 2)) = 1 ] && echo "none ruled" || echo "ruled none"); do
    read -r m p < <(push "$token" "$scenario$run/img")
    med[$scenario]="${med[$scenario]:-} $m"; p99[$scenario]="${p99[$scenario]:-} $p"
    [ -z "${VERBOSE:-}" ] || echo "run $run $scenario: median $m ms, p99 $p ms"
  done
done
m_none=$(echo "${med[none]}" | tr ' ' '\n' | grep . | median); p_none=$(echo "${p99[none]}" | tr ' ' '\n' | grep . | median)
m_ruled=$(echo "${med[ruled]}" | tr ' ' '\n' | grep . | median); p_ruled=$(echo "${p99[ruled]}" | tr ' ' '\n' | grep . | median)
printf '%-34s %12s %12s   %s\n' "manifest PUT" "median ms" "p99 ms" "medians of the runs"
printf '%-34s %12s %12s   %s\n' "no immutable tag rule" "$m_none" "$p_none" "${med[none]}"
printf '%-34s %12s %12s   %s\n' "$RULES immutable tag rules" "$m_ruled" "$p_ruled" "${med[ruled]}"
printf 'added latency (median): %+.1f %% (target <= 5 %%)\n' "$(echo "($m_ruled - $m_none) * 100 / $m_none" | bc -l)"
