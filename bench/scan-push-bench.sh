#!/usr/bin/env bash
# Push to report (docs/scanning.md): a whole Berth started with ./berth up (own ports, database, Redis db), the OSV
# records of the scanner's tests as its database, no scanner registered by hand (core registers the built-in one), and
# an image of about SIZE_MIB (default 100) MiB of real files (this machine's /usr, gzip as umoci writes it, with a
# Debian dpkg status) pushed with skopeo into a project with auto_scan=true, RUNS times (default 3) under a new tag
# each (a new manifest each: the config is different; the layer is sent by the warm-up push only, so the measured pushes
# are short, and every scan still reads the whole layer). Prints, as medians: the push, the time from the push's end
# to the artifact's report being finished (its scan overview's end_time), and as the reference of the same run the
# time skopeo takes to pull the same image from Berth (reading the bytes the scan must read).
#   RUNS=3 SIZE_MIB=100 bench/scan-push-bench.sh
# Needs: java, curl, skopeo, umoci, psql, python3, redis-cli; PostgreSQL and Redis on 127.0.0.1; the services built.
set -euo pipefail
BENCH=scan-push-bench
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$home/bench/lib.sh"
RUNS=${RUNS:-3}
SIZE_MIB=${SIZE_MIB:-100}
REDIS_DB=${REDIS_DB:-13}
now() { date +%s.%N; }

export BERTH_SKIP_BUILD=1 BERTH_CONFIG="" BERTH_DATA_DIR="$work/berth" BERTH_ADMIN_PASSWORD=Bench12345
export BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db" BERTH_DATABASE_USER="$PG_USER"
export BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}" BERTH_REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
for s in REGISTRY CORE JOBSERVICE SCANNER; do p=$(free_port); export "BERTH_${s}_PORT=$p" "BERTH_${s}_URL=http://127.0.0.1:$p" "BERTH_${s}_MANAGEMENT_PORT=$(free_port)"; done
gw=$(free_port); export BERTH_GATEWAY_PORT=$gw BERTH_EXTERNAL_URL="http://127.0.0.1:$gw" BERTH_GATEWAY_MANAGEMENT_PORT=$(free_port)
berth="127.0.0.1:$gw"; admin="admin:Bench12345"
trap '(cd "$work" && "$home/berth" down >/dev/null 2>&1) || true; redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null 2>&1 || true; cleanup' EXIT

for module in registry-service core-service jobservice scanner proxy-gateway; do
  [ -f "$home/$module/target/quarkus-app/quarkus-run.jar" ] || { echo "$module is not built: mvn -B package -DskipTests" >&2; exit 1; }
done
redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null
mkdir -p "$work/berth" && cp -r "$home/scanner/src/test/resources/osv" "$work/berth/osv"
(cd "$work" && "$home/berth" up >/dev/null)

# the image: real files up to SIZE_MIB, a dpkg status the OSV records match
umoci init --layout "$work/image"
umoci new --image "$work/image:base"
umoci unpack --image "$work/image:base" "$work/bundle" >/dev/null
python3 - "$work/bundle/rootfs" "$SIZE_MIB" <<'PY'
import os, shutil, sys
root, limit, total = sys.argv[1], int(sys.argv[2]) << 20, 0
for top in ("/usr/lib", "/usr/share"):
    for where, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(where, name)
            if total >= limit or not os.path.isfile(path) or os.path.islink(path):
                continue
            target = os.path.join(root, path.lstrip("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                shutil.copyfile(path, target)
                total += os.path.getsize(path)
            except OSError:
                pass
PY
mkdir -p "$work/bundle/rootfs/var/lib/dpkg" "$work/bundle/rootfs/etc"
cp "$home/scanner/src/test/resources/images/debian/status" "$work/bundle/rootfs/var/lib/dpkg/status"
cp "$home/scanner/src/test/resources/images/debian/os-release" "$work/bundle/rootfs/etc/os-release"
umoci repack --image "$work/image:base" "$work/bundle" >/dev/null
for i in $(seq 0 "$RUNS"); do umoci config --image "$work/image:base" --tag "v$i" --config.label "run=$i"; done
echo "image: $(du -sm "$work/image/blobs" | cut -f1) MiB of blobs (layer gzip)"

api() { curl -fsS -u "$admin" -H 'Content-Type: application/json' -X "$1" "http://$berth/api/v2.0$2" ${3:+-d "$3"}; }
api POST /projects '{"project_name":"scans","metadata":{"auto_scan":"true"}}' >/dev/null
overview() { # prints "status end_time" of tag $1's vulnerability report
  api GET "/projects/scans/repositories/app/artifacts/$1?with_scan_overview=true" | python3 -c '
import json, sys
o = json.load(sys.stdin).get("scan_overview") or {}
r = next(iter(o.values()), {})
print(r.get("scan_status", "None"), r.get("end_time", ""))'
}
epoch() { python3 -c 'import sys; from datetime import datetime; print("%.3f" % datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00")).timestamp())' "$1"; }
push_and_scan() { # pushes tag $1; prints "push-seconds report-seconds"
  local start pushed status end
  start=$(now)
  skopeo --insecure-policy copy -q --dest-tls-verify=false --dest-creds "$admin" "oci:$work/image:$1" "docker://$berth/scans/app:$1"
  pushed=$(now)
  # once every half second: the time itself is the report's end_time as core recorded it, not when the poll saw it
  while read -r status end < <(overview "$1"); [ "$status" != Success ]; do
    case "$status" in Error|Stopped) echo "scan of $1: $status" >&2; exit 1 ;; esac
    sleep 0.5
  done
  echo "$(echo "$pushed - $start" | bc) $(echo "$(epoch "$end") - $pushed" | bc)"
}

push_and_scan v0 > /dev/null # warm-up: the JVMs measured warm, as they run in production
push_s=(); report_s=(); pull_s=()
for i in $(seq 1 "$RUNS"); do
  read -r p r < <(push_and_scan "v$i")
  push_s+=("$p"); report_s+=("$r")
  rm -rf "$work/pulled"
  start=$(now)
  skopeo --insecure-policy copy -q --src-tls-verify=false --src-creds "$admin" "docker://$berth/scans/app:v$i" "oci:$work/pulled:v$i"
  pull_s+=("$(echo "$(now) - $start" | bc)")
  echo "run $i: push ${p}s, push end -> report ${r}s, pull ${pull_s[-1]}s"
done
printf 'medians of %d runs (%s MiB of files):\n' "$RUNS" "$SIZE_MIB"
printf '  push (skopeo)                   %6.2f s\n' "$(printf '%s\n' "${push_s[@]}" | median)"
printf '  push end -> finished report     %6.2f s\n' "$(printf '%s\n' "${report_s[@]}" | median)"
printf '  pull of the same image (skopeo) %6.2f s   (reference: reading the bytes the scan reads)\n' "$(printf '%s\n' "${pull_s[@]}" | median)"
