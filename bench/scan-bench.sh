#!/usr/bin/env bash
# The built-in scanner's throughput (docs/scanner.md): an image of one gzip layer of about SIZE_MIB (default 1024) MiB
# of real files (this machine's /usr), pushed to CNCF Distribution, scanned through the adapter API by the scanner
# running with a HEAP (default 256m) heap; against `zcat | tar -t` of the same layer (the cost of merely reading it),
# RUNS times each (default 3, medians). Prints MB/s of compressed layer bytes for both, their ratio, and the
# scanner's peak RSS. Needs: docker-registry, curl, python3, and the scanner built (mvn -pl scanner -am package -DskipTests).
#   SIZE_MIB=1024 HEAP=256m RUNS=3 bench/scan-bench.sh
set -euo pipefail
BENCH=scan-bench
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$home/bench/lib.sh"
size_mib="${SIZE_MIB:-1024}"
heap="${HEAP:-256m}"
runs="${RUNS:-3}"
jar="$home/scanner/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "$jar is missing: mvn -B -pl scanner -am package -DskipTests" >&2; exit 1; }

# the layer: real files up to the size asked for, gzip -6 as image builders write them
python3 - "$work/layer.tar" "$size_mib" <<'PY'
import os, sys, tarfile
out, limit = sys.argv[1], int(sys.argv[2]) << 20
total = 0
with tarfile.open(out, "w") as tar:
    for top in ("/usr/lib", "/usr/share", "/usr/bin"):
        for root, dirs, files in os.walk(top):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                if total >= limit or not os.path.isfile(path) or os.path.islink(path):
                    continue
                try:
                    tar.add(path, arcname=path.lstrip("/"), recursive=False)
                    total += os.path.getsize(path)
                except OSError:
                    pass
PY
gzip -6 -c "$work/layer.tar" > "$work/layer.tar.gz"
rm "$work/layer.tar"
layer_bytes=$(stat -c %s "$work/layer.tar.gz")
layer_digest="sha256:$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"
echo "layer: $(echo "$layer_bytes / 1000000" | bc) MB gzip ($size_mib MiB of files asked)"

reg_port=$(free_port)
printf '%s\n' "version: 0.1" "log: {level: warn}" "storage: {filesystem: {rootdirectory: $work/registry}}" \
  "http: {addr: 127.0.0.1:$reg_port}" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & pids+=($!)
await_http "http://127.0.0.1:$reg_port/v2/"

push_blob() { # file digest
  local location
  location=$(curl -fsS -D - -o /dev/null -X POST "http://127.0.0.1:$reg_port/v2/bench/image/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
  case "$location" in http*) ;; *) location="http://127.0.0.1:$reg_port$location" ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$location&digest=$2" -o /dev/null
}
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}' > "$work/config.json"
config_digest="sha256:$(sha256sum "$work/config.json" | cut -d' ' -f1)"
push_blob "$work/layer.tar.gz" "$layer_digest"
push_blob "$work/config.json" "$config_digest"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
  "$config_digest" "$(stat -c %s "$work/config.json")" "$layer_digest" "$layer_bytes" > "$work/manifest.json"
curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" \
  "http://127.0.0.1:$reg_port/v2/bench/image/manifests/1" -o /dev/null
manifest_digest="sha256:$(sha256sum "$work/manifest.json" | cut -d' ' -f1)"

scan_port=$(free_port)
QUARKUS_HTTP_PORT=$scan_port QUARKUS_MANAGEMENT_PORT=$(free_port) BERTH_SCANNER_WORK_DIR="$work/scanner-work" \
  java -Xmx"$heap" -XX:+UseSerialGC -jar "$jar" > "$work/scanner.log" 2>&1 & scanner_pid=$!; pids+=($scanner_pid)
await_http "http://127.0.0.1:$scan_port/api/v1/metadata"

now() { date +%s.%N; }
reference=() scans=()
for i in $(seq 1 "$runs"); do
  t0=$(now); zcat "$work/layer.tar.gz" | tar -t > /dev/null; t1=$(now)
  reference+=("$(echo "$layer_bytes / ($t1 - $t0) / 1000000" | bc -l)")
  t0=$(now)
  id=$(curl -fsS -H 'Content-Type: application/vnd.scanner.adapter.scan.request+json; version=1.1' -d \
    "{\"registry\":{\"url\":\"http://127.0.0.1:$reg_port\"},\"artifact\":{\"repository\":\"bench/image\",\"digest\":\"$manifest_digest\",\"mime_type\":\"application/vnd.oci.image.manifest.v1+json\"}}" \
    "http://127.0.0.1:$scan_port/api/v1/scan" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
  while :; do
    code=$(curl -s -o "$work/report.json" -w '%{http_code}' -H 'Accept: application/vnd.security.sbom.report+json; version=1.0' \
      "http://127.0.0.1:$scan_port/api/v1/scan/$id/report?sbom_media_type=application/vnd.cyclonedx%2Bjson")
    [ "$code" = 302 ] || break
    sleep 0.1
  done
  t1=$(now)
  [ "$code" = 200 ] || { echo "scan failed ($code): $(cat "$work/report.json")" >&2; exit 1; }
  scans+=("$(echo "$layer_bytes / ($t1 - $t0) / 1000000" | bc -l)")
  [ -n "${VERBOSE:-}" ] && printf 'run %d: zcat|tar -t %.1f MB/s, scan %.1f MB/s\n' "$i" "${reference[-1]}" "${scans[-1]}"
done
ref=$(printf '%s\n' "${reference[@]}" | median)
scan=$(printf '%s\n' "${scans[@]}" | median)
packages=$(python3 -c 'import json,sys;print(len(json.load(open(sys.argv[1]))["sbom"].get("components",[])))' "$work/report.json")
rss=$(awk '/VmHWM/{print int($2/1024)}' "/proc/$scanner_pid/status")
printf '%-34s %10s\n' "" "MB/s"
printf '%-34s %10.1f\n' "zcat | tar -t (reference)" "$ref"
printf '%-34s %10.1f\n' "scanner, heap $heap" "$scan"
printf 'scan / reference: %.2fx   components in the SBOM: %s   scanner peak RSS: %s MiB\n' "$(echo "$scan / $ref" | bc -l)" "$packages" "$rss"
