#!/usr/bin/env bash
# Berth as users run it against CNCF Distribution, in one run: Berth started exactly as `./berth up` starts it (every
# service, default heaps, event consumers and relays on; every request through the gateway with a token) beside
# Distribution open and Distribution with htpasswd (authentication compared with authentication). Each line: cold (the
# first 10 s after a start) and warm, with ratios; then CPU per manifest GET of each Berth service, the peak RSS of all
# Berth services together, and the time from `./berth up` to ready. bench/registry-bench.sh stays the registry alone.
# Needs: java, curl, wrk, skopeo, docker-registry, htpasswd (apache2-utils), psql, python3.
#   bench/system-bench.sh                     # SIZE_MIB=1024 (blob and big image), SMALL: 5 layers of 10 MiB
#   SIZE_MIB=256 bench/system-bench.sh
#   ONLY="manifests pulls" bench/system-bench.sh   # parts: manifests blobs images pulls
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MIB=${SIZE_MIB:-1024}
BENCH=system-bench
. "$home/bench/lib.sh" # work, db, pids; cleanup at exit, free_port, median, await_http
for tool in wrk skopeo docker-registry htpasswd; do
  command -v "$tool" > /dev/null || { echo "system-bench needs $tool (apt-get install wrk skopeo docker-registry apache2-utils)" >&2; exit 1; }
done
part() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
PASSWORD=Bench12345

# --- Berth, as ./berth up starts it -------------------------------------------------------------
[ -f "$home/launcher/target/berth-launcher.jar" ] || (cd "$home" && mvn -B -q package -DskipTests)
export BERTH_SKIP_BUILD=1 BERTH_CONFIG="" BERTH_DATA_DIR="$work/berth" BERTH_ADMIN_PASSWORD=$PASSWORD
export BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db" BERTH_DATABASE_USER="$PG_USER" BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}"
export BERTH_REDIS_URL="redis://127.0.0.1:6379/${BENCH_REDIS_DB:-13}"
for s in REGISTRY CORE JOBSERVICE SCANNER; do
  p=$(free_port); export "BERTH_${s}_PORT=$p" "BERTH_${s}_URL=http://127.0.0.1:$p" "BERTH_${s}_MANAGEMENT_PORT=$(free_port)"
done
export BERTH_GATEWAY_PORT=$(free_port) BERTH_GATEWAY_MANAGEMENT_PORT=$(free_port)
export BERTH_EXTERNAL_URL="http://127.0.0.1:$BERTH_GATEWAY_PORT"
redis-cli -n "${BENCH_REDIS_DB:-13}" flushdb > /dev/null
berth_down() { (cd "$work" && "$home/berth" down > /dev/null 2>&1) || true; }
trap 'berth_down; cleanup' EXIT
berth_up() { # starts Berth, prints the seconds until ./berth up said it is ready
  local s e
  s=$(date +%s.%N)
  (cd "$work" && "$home/berth" up > "$work/up.log" 2>&1) || { cat "$work/up.log" >&2; exit 1; }
  e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.1f\n", e-s}'
}
services=(registry core jobservice scanner gateway)
service_pids() { for s in "${services[@]}"; do echo "$(cat "$work/berth/run/$s.pid")"; done; }

# --- CNCF Distribution, open and with htpasswd ----------------------------------------------------
start_distribution() { # name [htpasswd]: prints its port
  local name=$1 port auth=""
  port=$(free_port)
  mkdir -p "$work/$name"
  [ -z "${2:-}" ] || auth="auth: {htpasswd: {realm: bench, path: $2}}"
  cat > "$work/$name.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/$name}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
$auth
YAML
  docker-registry serve "$work/$name.yml" > "$work/$name.log" 2>&1 & pids+=($!)
  echo "$port"
}
htpasswd -Bbc "$work/users.htpasswd" admin "$PASSWORD" 2> /dev/null
declare -A BASE
BASE[open]="http://127.0.0.1:$(start_distribution open)"
BASE[htpasswd]="http://127.0.0.1:$(start_distribution htpasswd "$work/users.htpasswd")"
BASE[berth]="$BERTH_EXTERNAL_URL"
targets=(open htpasswd berth)
host() { echo "${BASE[$1]#http://}"; }
creds() { [ "$1" = open ] || echo "--$2-creds admin:$PASSWORD"; }
token() { # a Bearer token of Berth's token service for pull,push on a repository
  curl -fs -u "admin:$PASSWORD" "${BASE[berth]}/service/token?service=berth-registry&scope=repository:$1:pull,push" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
auth_header() { # target repository: the header a client sends once it has logged in
  case $1 in
    open) echo "X-None: 1" ;;
    htpasswd) echo "Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64)" ;;
    berth) echo "Authorization: Bearer $(token "$2")" ;;
  esac
}

# --- the client work ----------------------------------------------------------------------------------
java "$home/bench/MakeImage.java" "$work/small" v1 5 10
java "$home/bench/MakeImage.java" "$work/big" v1 8 $((SIZE_MIB / 8))
head -c "${SIZE_MIB}M" /dev/urandom > "$work/blob"
blob_digest="sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)"
bytes=$(stat -c %s "$work/blob")
med() { echo "$1" | tr ' ' '\n' | grep . | median; }
secs() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f\n", e-s}'; }

push() { # target image repo: seconds of a skopeo copy into the registry
  local s; s=$(date +%s.%N)
  skopeo --insecure-policy copy -q --dest-tls-verify=false $(creds "$1" dest) "oci:$work/$2:v1" "docker://$(host "$1")/$3:v1"
  secs "$s"
}
pull() { # target repo [n]: seconds of a skopeo copy out of the registry (n parallel copies)
  local s i; s=$(date +%s.%N)
  for i in $(seq 1 "${3:-1}"); do
    rm -rf "$work/pulled$i"
    skopeo --insecure-policy copy -q --src-tls-verify=false $(creds "$1" src) "docker://$(host "$1")/$2:v1" "oci:$work/pulled$i:v1" &
  done
  wait
  secs "$s"
}
manifest_rps() { # target repo reference duration: requests/s of wrk's GETs; CPU ticks per Berth service in $work/ticks
  local before after
  [ "$1" != berth ] || before=$(service_ticks)
  out=$(wrk -t2 -c16 -d"$4" -H "$(auth_header "$1" "$2")" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "${BASE[$1]}/v2/$2/manifests/$3")
  if [ "$1" = berth ]; then
    after=$(service_ticks)
    echo "$out" | awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" '/requests in/ {
      n = split(b, x, " "); split(a, y, " "); for (i = 1; i <= n; i++) printf "%.0f ", (y[i] - x[i]) * 1e6 / hz / $1; print "" }' >> "$work/ticks"
  fi
  echo "$out" | awk '/Requests\/sec/ {printf "%.0f\n", $2}'
}
service_ticks() { local p; for p in $(service_pids); do awk '{printf "%d ", $14 + $15}' "/proc/$p/stat"; done; }
upload_put() { # target: MB/s of one streamed PUT of the blob
  local loc h
  h=$(auth_header "$1" bench/blob)
  loc=$(curl -s -D - -o /dev/null -X POST -H "$h" "${BASE[$1]}/v2/bench/blob/blobs/uploads/" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
  [[ "$loc" == /* ]] && loc="${BASE[$1]}$loc"
  [[ "$loc" == *\?* ]] && loc="$loc&digest=$blob_digest" || loc="$loc?digest=$blob_digest"
  curl -s -o /dev/null -X PUT -H "$h" -H 'Content-Type: application/octet-stream' -T "$work/blob" -w '%{http_code} %{time_total}\n' "$loc" \
    | awk -v b="$bytes" '$1!=201 {print "upload failed: " $0 > "/dev/stderr"; exit 1} {printf "%.0f\n", b/$2/1e6}'
}
download() { # target: MB/s of one GET of the blob
  curl -s -o /dev/null -H "$(auth_header "$1" bench/blob)" -w '%{http_code} %{speed_download}\n' "${BASE[$1]}/v2/bench/blob/blobs/$blob_digest" \
    | awk '$1!=200 {print "download failed: " $0 > "/dev/stderr"; exit 1} {printf "%.0f\n", $2/1e6}'
}
line() { # name unit open htpasswd berth: one line with Berth's ratio to each Distribution
  awk -v n="$1" -v u="$2" -v o="$3" -v h="$4" -v b="$5" 'BEGIN {
    ro = (u == "s") ? o / b : b / o; rh = (u == "s") ? h / b : b / h
    printf "%-44s %10s %10s %10s %-6s %7.2fx %7.2fx\n", n, o, h, b, u, ro, rh }'
}
rss_peak() { # samples the RSS of all Berth services every 0.5 s into $work/rss until killed
  while true; do
    local t=0 p
    for p in $(service_pids); do t=$((t + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done
    echo "$t" >> "$work/rss"; sleep 0.5
  done
}

up_seconds=$(berth_up)
curl -fs -u "admin:$PASSWORD" -H 'Content-Type: application/json' -X POST "${BASE[berth]}/api/v2.0/projects" \
  -d '{"project_name":"bench","metadata":{"public":"false"}}' > /dev/null
for t in open htpasswd; do # answering at all (401 for the one with htpasswd)
  for _ in $(seq 1 60); do [ "$(curl -s -o /dev/null -w '%{http_code}' "${BASE[$t]}/v2/")" != 000 ] && break; sleep 0.5; done
done
rss_peak & sampler=$!; pids+=("$sampler")

echo
echo "Berth (./berth up, through the gateway with tokens) vs CNCF Distribution $(docker-registry --version 2>/dev/null | awk '{print $3}'), filesystem storage, $(nproc) cores"
printf "%-44s %10s %10s %10s %-6s %8s %8s\n" "" "dist open" "dist auth" "berth" "" "b/open" "b/auth"
if part manifests; then
  # cold: Berth was just started; the image is pushed, and the first 10 s of GETs measured at once
  declare -A cold_tag cold_digest warm_tag warm_digest
  for t in "${targets[@]}"; do push "$t" small bench/small > /dev/null; done
  digest="sha256:$(skopeo --insecure-policy inspect --raw --tls-verify=false "docker://$(host open)/bench/small:v1" | sha256sum | cut -d' ' -f1)"
  for t in "${targets[@]}"; do cold_tag[$t]=$(manifest_rps "$t" bench/small v1 10s); done
  for t in "${targets[@]}"; do cold_digest[$t]=$(manifest_rps "$t" bench/small "$digest" 10s); done
  : > "$work/ticks"
  for run in 1 2 3; do # interleaved, so that the JIT's progress falls on both kinds alike
    for t in "${targets[@]}"; do
      warm_tag[$t]+="$(manifest_rps "$t" bench/small v1 8s) "
      warm_digest[$t]+="$(manifest_rps "$t" bench/small "$digest" 8s) "
    done
  done
  line "manifest GET by tag, first 10 s" req/s "${cold_tag[open]}" "${cold_tag[htpasswd]}" "${cold_tag[berth]}"
  line "manifest GET by digest, next 10 s" req/s "${cold_digest[open]}" "${cold_digest[htpasswd]}" "${cold_digest[berth]}"
  line "manifest GET by tag, warm (median of 3x8 s)" req/s "$(med "${warm_tag[open]}")" "$(med "${warm_tag[htpasswd]}")" "$(med "${warm_tag[berth]}")"
  line "manifest GET by digest, warm (median of 3x8 s)" req/s "$(med "${warm_digest[open]}")" "$(med "${warm_digest[htpasswd]}")" "$(med "${warm_digest[berth]}")"
  echo "  CPU per warm manifest GET (us, median of the 6 runs; the JIT's threads included):"
  for i in "${!services[@]}"; do printf "    %-10s %6s\n" "${services[$i]}" "$(awk -v c=$((i + 1)) '{print $c}' "$work/ticks" | median)"; done
fi
if part blobs; then
  line "blob upload ${SIZE_MIB} MiB, one PUT" MB/s "$(upload_put open)" "$(upload_put htpasswd)" "$(upload_put berth)"
  line "blob download ${SIZE_MIB} MiB" MB/s "$(download open)" "$(download htpasswd)" "$(download berth)"
fi
if part images; then
  line "skopeo push ${SIZE_MIB} MiB image (8 layers)" s "$(push open big bench/big)" "$(push htpasswd big bench/big)" "$(push berth big bench/big)"
  line "skopeo pull ${SIZE_MIB} MiB image" s "$(pull open bench/big)" "$(pull htpasswd bench/big)" "$(pull berth bench/big)"
fi
if part pulls; then
  for t in "${targets[@]}"; do push "$t" small bench/small > /dev/null; done
  declare -A one eight
  for run in 1 2 3; do for t in "${targets[@]}"; do one[$t]+="$(pull "$t" bench/small) "; eight[$t]+="$(pull "$t" bench/small 8) "; done; done
  line "one skopeo pull, 52 MB 5-layer image (med. 3)" s "$(med "${one[open]}")" "$(med "${one[htpasswd]}")" "$(med "${one[berth]}")"
  line "8 parallel skopeo pulls of it (med. 3)" s "$(med "${eight[open]}")" "$(med "${eight[htpasswd]}")" "$(med "${eight[berth]}")"
fi
kill "$sampler" 2> /dev/null || true
echo "peak RSS of all Berth services together: $(sort -n "$work/rss" | tail -n1 | awk '{printf "%d", $1 / 1024}') MiB"
berth_down
echo "./berth up to ready: first start $up_seconds s, again (database migrated, jars cached) $(berth_up) s"
echo "(ratios: Berth's rate / Distribution's, or Distribution's seconds / Berth's: above 1 Berth is ahead)"
