#!/usr/bin/env bash
# The cost of the content trust verdict on manifest GET (docs/signatures.md): one client GETs one manifest by tag
# GETS times, one request after another, in a project without a policy and in a project with enable_content_trust_cosign
# on and trusted cosign keys (the image signed with one of them, cosign's tag scheme, the signature made by openssl), in
# one run; RUNS times, alternating the order. Prints the median and p99 GET latency of each and the added latency of the
# medians. Both GETs are answered 200: the verdict (a scalar subquery on core.content_trust_view and
# registry.pull_verdict's indexed probes) is part of the manifest's one query in both, evaluated only where a policy is on.
# Starts registry-service alone on a database with core's schema, as immutability-bench.sh does.
# Needs: java, psql, python3, openssl, bc, and PostgreSQL and Redis on 127.0.0.1 as for the tests.
#   bench/content-trust-bench.sh                 # RUNS=3 GETS=2000 KEYS=3
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
GETS=${GETS:-2000}
KEYS=${KEYS:-3}
BENCH=content-trust-bench
source "$home/bench/lib.sh"
sql() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$PG_USER" -d "$db" "$@"; }
start_registry_on_core_schema

# KEYS cosign keys; the first signs
for i in $(seq 1 "$KEYS"); do
  openssl ecparam -name prime256v1 -genkey -noout -out "$work/cosign$i.key"
  openssl ec -in "$work/cosign$i.key" -pubout -out "$work/cosign$i.pub" 2>/dev/null
done
project() { sql -c "INSERT INTO core.project (name) VALUES ('$1')"; }
trusting() {
  local i fp
  sql -c "INSERT INTO core.project_metadata (project_id, name, value) SELECT id, 'enable_content_trust_cosign', 'true' FROM core.project WHERE name = '$1'"
  for i in $(seq 1 "$KEYS"); do
    fp=$(openssl ec -in "$work/cosign$i.key" -pubout -outform DER 2>/dev/null | sha256sum | cut -d' ' -f1)
    sql -c "INSERT INTO core.trusted_key (project_id, kind, pem, fingerprint) SELECT id, 'cosign', '$(cat "$work/cosign$i.pub")', '$fp' FROM core.project WHERE name = '$1'"
  done
}

# Pushes an image tagged v1 into repository $2 and its cosign signature (tag scheme, key 1); GETs v1 GETS times;
# prints "median_ms p99_ms".
get() {
  python3 - "$reg_port" "$1" "$2" "$GETS" "$work/cosign1.key" <<'PY'
import base64, hashlib, http.client, json, os, subprocess, sys, time
port, token, repo, gets, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
headers = {"Authorization": "Bearer " + token}
conn = http.client.HTTPConnection("127.0.0.1", port)

def blob(data, media_type, annotations=None):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    conn.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest}", body=data,
                 headers={**headers, "Content-Type": "application/octet-stream"})
    r = conn.getresponse(); r.read()
    if r.status != 201: sys.exit(f"{repo} blob {r.status}")
    d = {"mediaType": media_type, "digest": digest, "size": len(data)}
    if annotations: d["annotations"] = annotations
    return d

def put(ref, manifest):
    conn.request("PUT", f"/v2/{repo}/manifests/{ref}", body=manifest,
                 headers={**headers, "Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    r = conn.getresponse(); r.read()
    if r.status != 201: sys.exit(f"{repo} manifest {ref} {r.status}")
    return "sha256:" + hashlib.sha256(manifest).hexdigest()

config = blob(json.dumps({"os": "linux", "architecture": "amd64", "salt": os.urandom(8).hex()}).encode(),
              "application/vnd.oci.image.config.v1+json")
image = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": config,
                    "layers": [blob(os.urandom(1024), "application/vnd.oci.image.layer.v1.tar")]}).encode()
digest = put("v1", image)
payload = json.dumps({"critical": {"identity": {"docker-reference": repo}, "image": {"docker-manifest-digest": digest},
                      "type": "cosign container image signature"}, "optional": None}).encode()
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=payload, capture_output=True, check=True).stdout
layer = blob(payload, "application/vnd.dev.cosign.simplesigning.v1+json",
             {"dev.cosignproject.cosign/signature": base64.b64encode(signature).decode()})
sig_config = blob(b'{"architecture":"","os":"","rootfs":{"type":"layers","diff_ids":[]}}', "application/vnd.oci.image.config.v1+json")
put(digest.replace(":", "-") + ".sig", json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                    "config": sig_config, "layers": [layer]}).encode())
latencies = []
for i in range(gets):
    start = time.perf_counter()
    conn.request("GET", f"/v2/{repo}/manifests/v1", headers={**headers, "Accept": "application/vnd.oci.image.manifest.v1+json"})
    r = conn.getresponse(); r.read()
    latencies.append((time.perf_counter() - start) * 1000)
    if r.status != 200: sys.exit(f"{repo} GET {r.status}: {r.read()}")
latencies.sort()
print(f"{latencies[len(latencies) // 2]:.3f} {latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]:.3f}")
PY
}

declare -A med p99
printf 'content-trust-bench: %s manifest GETs by tag per run, one client, cosign policy with %s trusted keys vs none, %s runs\n' \
  "$GETS" "$KEYS" "$RUNS"
project warm; token=$(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry warm/img)
get "$token" warm/img > /dev/null
for run in $(seq 1 "$RUNS"); do
  project "open$run"; project "trust$run"; trusting "trust$run"
  token=$(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry \
    "open$run/img" "trust$run/img")
  for scenario in $( [ $((run % 2)) = 1 ] && echo "open trust" || echo "trust open"); do
    read -r m p < <(get "$token" "$scenario$run/img")
    med[$scenario]="${med[$scenario]:-} $m"; p99[$scenario]="${p99[$scenario]:-} $p"
    [ -z "${VERBOSE:-}" ] || echo "run $run $scenario: median $m ms, p99 $p ms"
  done
done
m_open=$(echo "${med[open]}" | tr ' ' '\n' | grep . | median); p_open=$(echo "${p99[open]}" | tr ' ' '\n' | grep . | median)
m_trust=$(echo "${med[trust]}" | tr ' ' '\n' | grep . | median); p_trust=$(echo "${p99[trust]}" | tr ' ' '\n' | grep . | median)
printf '%-40s %12s %12s   %s\n' "manifest GET by tag" "median ms" "p99 ms" "medians of the runs"
printf '%-40s %12s %12s   %s\n' "no policy" "$m_open" "$p_open" "${med[open]}"
printf '%-40s %12s %12s   %s\n' "cosign policy, $KEYS trusted keys, signed" "$m_trust" "$p_trust" "${med[trust]}"
printf 'added latency (median): %+.1f %%\n' "$(echo "($m_trust - $m_open) * 100 / $m_open" | bc -l)"
