#!/usr/bin/env bash
# Quotas without a hot row (docs/quotas.md): pushes per second of 8 concurrent pushers of distinct images into ONE
# project with a storage hard limit, against 8 pushers into 8 limited projects (one each), and into one unlimited
# project (no quota check at all), in one run. Runs alternate between the three, RUNS times (median printed), each
# into fresh projects. Target: one project ≥ 0.9× eight projects (Harbor measured about 0.15×, harbor #18440).
# Starts registry-service alone (token auth, the JVM options ./berth up gives it) on a database of its own, with
# core's schema created by core's own migrations (the hard limits are core's: core.project_quota_view).
# Needs: java, psql, python3, and PostgreSQL and Redis on 127.0.0.1 as for the tests.
#   bench/quota-bench.sh                      # RUNS=3 PUSHES=40 (images per pusher) LAYER_KIB=16
#   RUNS=5 PUSHES=80 bench/quota-bench.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
PUSHES=${PUSHES:-40}
LAYER_KIB=${LAYER_KIB:-16}
BENCH=quota-bench
source "$home/bench/lib.sh"
sql() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$PG_USER" -d "$db" "$@"; }
start_registry_on_core_schema

# a project with its quota row, as core's API creates it
project() { sql -c "WITH p AS (INSERT INTO core.project (name) VALUES ('$1') RETURNING id) INSERT INTO core.quota (project_id, hard_storage) SELECT id, $2 FROM p"; }

# 8 pushers, each pushing $PUSHES distinct images (config + 3 random layers, monolithic uploads, then the manifest) into
# its repository; prints pushes/s from the moment all start to the moment the last is done.
push() {
  python3 - "$reg_port" "$1" "$PUSHES" "$LAYER_KIB" "$@" <<'PY'
import hashlib, http.client, json, os, sys, threading, time
port, token, pushes, kib = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
repos = sys.argv[6:]
headers = {"Authorization": "Bearer " + token}
barrier = threading.Barrier(len(repos) + 1)
failures = []

def blob(conn, repo, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    conn.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest}", body=data,
                 headers={**headers, "Content-Type": "application/octet-stream"})
    r = conn.getresponse(); r.read()
    if r.status != 201: failures.append(f"{repo} blob {r.status}")
    return {"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest, "size": len(data)}

def pusher(repo):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    images = []
    for i in range(pushes):
        config = json.dumps({"os": "linux", "architecture": "amd64", "repo": repo, "n": i, "salt": os.urandom(8).hex()}).encode()
        images.append((config, [os.urandom(kib * 1024) for _ in range(3)]))
    barrier.wait()
    for i, (config, layers) in enumerate(images):
        c = blob(conn, repo, config)
        c["mediaType"] = "application/vnd.oci.image.config.v1+json"
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": c,
                               "layers": [blob(conn, repo, l) for l in layers]}).encode()
        conn.request("PUT", f"/v2/{repo}/manifests/v{i}", body=manifest,
                     headers={**headers, "Content-Type": "application/vnd.oci.image.manifest.v1+json"})
        r = conn.getresponse(); r.read()
        if r.status != 201: failures.append(f"{repo} manifest {r.status}")

threads = [threading.Thread(target=pusher, args=(r,)) for r in repos]
for t in threads: t.start()
barrier.wait(); start = time.monotonic()
for t in threads: t.join()
elapsed = time.monotonic() - start
if failures: sys.exit("failed pushes: " + ", ".join(failures[:5]))
print(f"{len(repos) * pushes / elapsed:.1f}")
PY
}

hard=$((1 << 40)) # 1 TiB: large enough, never reached; the check runs on every push that adds bytes
declare -A results
printf 'quota-bench: 8 pushers, %s images each (config + 3 x %s KiB layers), %s runs\n' "$PUSHES" "$LAYER_KIB" "$RUNS"
for run in $(seq 1 "$RUNS"); do
  one=() many=() free=()
  project "one$run" "$hard"; project "free$run" -1
  for i in $(seq 0 7); do
    one+=("one$run/img$i"); free+=("free$run/img$i")
    project "many$run-$i" "$hard"; many+=("many$run-$i/img")
  done
  token=$(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry \
    "${one[@]}" "${many[@]}" "${free[@]}")
  # alternate the order between runs, so drift on a shared machine falls on all three alike
  for scenario in $( [ $((run % 2)) = 1 ] && echo "one many free" || echo "free many one"); do
    case $scenario in
      one) repos=("${one[@]}") ;; many) repos=("${many[@]}") ;; free) repos=("${free[@]}") ;;
    esac
    rate=$(push "$token" "${repos[@]}")
    results[$scenario]="${results[$scenario]:-} $rate"
    [ -z "${VERBOSE:-}" ] || echo "run $run $scenario: $rate pushes/s"
  done
done
m_one=$(echo "${results[one]}" | tr ' ' '\n' | grep . | median)
m_many=$(echo "${results[many]}" | tr ' ' '\n' | grep . | median)
m_free=$(echo "${results[free]}" | tr ' ' '\n' | grep . | median)
printf '%-42s %10s   %s\n' "scenario" "pushes/s" "runs"
printf '%-42s %10s   %s\n' "8 pushers, 1 limited project" "$m_one" "${results[one]}"
printf '%-42s %10s   %s\n' "8 pushers, 8 limited projects" "$m_many" "${results[many]}"
printf '%-42s %10s   %s\n' "8 pushers, 1 unlimited project (no check)" "$m_free" "${results[free]}"
printf 'one limited project / eight limited projects: %.2fx (target >= 0.9x; Harbor about 0.15x)\n' "$(echo "$m_one / $m_many" | bc -l)"
printf 'limited / unlimited, one project:              %.2fx (what the check costs)\n' "$(echo "$m_one / $m_free" | bc -l)"
used=$(sql -At -c "SELECT used FROM registry.project_usage_view WHERE project = 'one1'")
echo "usage of one1 after its run: $used bytes (a recount: $(sql -At -c "SELECT (SELECT coalesce(sum(b.size),0) FROM registry.blob b WHERE b.digest IN (SELECT rb.digest FROM registry.repository_blob rb JOIN registry.repository r ON r.id = rb.repository_id WHERE r.project = 'one1')) + (SELECT coalesce(sum(octet_length(m.content)),0) FROM registry.manifest m JOIN registry.repository r ON r.id = m.repository_id WHERE r.project = 'one1')"))"
