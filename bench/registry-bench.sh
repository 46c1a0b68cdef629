#!/usr/bin/env bash
# Berth's registry-service, directly and through proxy-gateway, against CNCF Distribution
# (Debian's docker-registry; filesystem storage, or S3 with STORAGE=s3) on this machine, in one run. Prints medians of
# RUNS runs and the ratios. Needs: java, curl, wrk, skopeo, docker-registry, psql, python3.
#   bench/registry-bench.sh            # RUNS=3 SIZE_MIB=1024
#   RUNS=1 SIZE_MIB=256 bench/registry-bench.sh
#   ONLY="upload_put download manifest_rps" bench/registry-bench.sh   # some measurements only
#   ONLY=big_layer SIZE_MIB=64 BIG_GIB=10 bench/registry-bench.sh       # a 10 GiB layer through the gateway
#   VERBOSE=1 bench/registry-bench.sh  # every run's figure too
#   STORAGE=s3 bench/registry-bench.sh # both registries on S3 (one s3proxy, a bucket each) instead of files
# Runs alternate between the three targets (Distribution, Berth, Berth via the gateway), each after
# Berth's processes are idle again, so drift on a shared machine falls on all three alike.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${RUNS:-3}
SIZE_MIB=${SIZE_MIB:-1024}
STORAGE=${STORAGE:-filesystem}
BENCH=bench
. "$home/bench/lib.sh" # work, db, pids; cleanup at exit, free_port, median, await_http, start_s3proxy

for module in registry-service proxy-gateway; do
  [ -f "$home/$module/target/quarkus-app/quarkus-run.jar" ] || (cd "$home" && mvn -B -q package -DskipTests)
done
cp_registry="$home/registry-service/target/quarkus-app/lib/main/*"
java -cp "$cp_registry" "$home/bench/Token.java" generate "$work/token.key" "$work/token.crt"

# --- S3, when asked: gaul/s3proxy (the tests' S3 server) over a directory, a bucket per registry ----
if [ "$STORAGE" = s3 ]; then start_s3proxy dist berth; fi

# --- CNCF Distribution ---------------------------------------------------------------------
dist_port=$(free_port)
mkdir -p "$work/dist"
if [ "$STORAGE" = s3 ]; then
  # bytes through the registry, as Berth's default (storage.s3.redirect: false); Distribution would redirect
  dist_storage="s3: {accesskey: $s3_key, secretkey: $s3_secret, region: us-east-1, regionendpoint: 'http://127.0.0.1:$s3_port', bucket: dist, secure: false, v4auth: true}
  redirect: {disable: true}"
else
  dist_storage="filesystem: {rootdirectory: $work/dist}"
fi
cat > "$work/dist.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  $dist_storage
  delete: {enabled: true}
http: {addr: 127.0.0.1:$dist_port}
YAML
# (its S3 driver panics when AWS_CA_BUNDLE is set with a custom transport)
env -u AWS_CA_BUNDLE docker-registry serve "$work/dist.yml" > "$work/dist.log" 2>&1 & pids+=($!); dist_pid=$!

# --- Berth: registry-service and the gateway in front of it --------------------------------
psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "CREATE DATABASE $db" >/dev/null
reg_port=$(free_port); gw_port=$(free_port); reg_mgmt=$(free_port); gw_mgmt=$(free_port)
export BERTH_CONFIG="" BERTH_DATA_DIR="$work/berth" BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db"
export BERTH_DATABASE_USER="$PG_USER" BERTH_DATABASE_PASSWORD="${BERTH_TEST_PG_PASSWORD:-postgres}"
export BERTH_TOKEN_CERTIFICATE="$work/token.crt" BERTH_TOKEN_ISSUER=berth-bench BERTH_LOG_LEVEL=WARN
export BERTH_REGISTRY_PORT=$reg_port BERTH_REGISTRY_URL="http://127.0.0.1:$reg_port" BERTH_GATEWAY_PORT=$gw_port
export BERTH_REGISTRY_MANAGEMENT_PORT=$reg_mgmt BERTH_GATEWAY_MANAGEMENT_PORT=$gw_mgmt
if [ "$STORAGE" = s3 ]; then
  export BERTH_STORAGE_DRIVER=s3 BERTH_STORAGE_S3_BUCKET=berth BERTH_STORAGE_S3_ENDPOINT="http://127.0.0.1:$s3_port"
  export BERTH_STORAGE_S3_ACCESS_KEY=$s3_key BERTH_STORAGE_S3_SECRET_KEY=$s3_secret BERTH_STORAGE_S3_PATH_STYLE=true
fi
# the JVM options ./berth up gives them (launcher's ServiceSpec)
jvm=(-XX:+UseSerialGC)
! java -XX:TrimNativeHeapInterval=5000 -version > /dev/null 2>&1 || jvm+=(-XX:TrimNativeHeapInterval=5000)
java -Xmx96m "${jvm[@]}" ${REGISTRY_JAVA_OPTS:-} -jar "$home/registry-service/target/quarkus-app/quarkus-run.jar" > "$work/registry.log" 2>&1 & pids+=($!); reg_pid=$!
java -Xmx128m "${jvm[@]}" ${GATEWAY_JAVA_OPTS:-} -jar "$home/proxy-gateway/target/quarkus-app/quarkus-run.jar" > "$work/gateway.log" 2>&1 & pids+=($!); gw_pid=$!
await_http "http://127.0.0.1:$dist_port/v2/"
await_http "http://127.0.0.1:$reg_mgmt/q/health/ready"
await_http "http://127.0.0.1:$gw_mgmt/q/health/ready"

# --- nginx, when installed: the same hop to registry-service by a C reverse proxy, streaming and with
# kept-alive upstream connections like the gateway. The floor of what any proxy in front costs here.
ng_port=""
if command -v nginx > /dev/null && [ -z "${NO_NGINX:-}" ]; then
  ng_port=$(free_port)
  mkdir -p "$work/nginx"
  cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream registry { server 127.0.0.1:$reg_port; keepalive 256; }
  server {
    listen 127.0.0.1:$ng_port;
    client_max_body_size 0;
    proxy_request_buffering off; proxy_buffering off; proxy_http_version 1.1;
    location / {
      proxy_pass http://registry; proxy_set_header Connection ""; proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
  nginx -c "$work/nginx.conf" > "$work/nginx.log" 2>&1 & pids+=($!); ng_pid=$!
  for _ in $(seq 1 60); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ng_port/v2/")" = 401 ] && break; sleep 0.5; done
fi

repos=(bench/blob bench/chunked bench/image bench/rss0 bench/rss1 bench/rss2 bench/rss3 bench/big)
token=$(java -cp "$cp_registry" "$home/bench/Token.java" mint "$work/token.key" "$work/token.crt" berth-bench berth-registry "${repos[@]}")

declare -A BASE=([dist]="http://127.0.0.1:$dist_port" [berth]="http://127.0.0.1:$reg_port" [gateway]="http://127.0.0.1:$gw_port")
auth() { [ "$1" = dist ] && echo "X-None: 1" || echo "Authorization: Bearer $token"; }
targets=(dist berth gateway)
if [ -n "$ng_port" ]; then BASE[nginx]="http://127.0.0.1:$ng_port"; targets+=(nginx); fi

head -c "${SIZE_MIB}M" /dev/urandom > "$work/blob"
digest="sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)"
bytes=$(stat -c %s "$work/blob")
mkdir -p "$work/chunks" && split -b 64M -d "$work/blob" "$work/chunks/c"

location() { # POST an upload session, print its absolute URL
  local t=$1 repo=$2 loc
  loc=$(curl -s -D - -o /dev/null -X POST -H "$(auth "$t")" "${BASE[$t]}/v2/$repo/blobs/uploads/" | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
  [[ "$loc" == /* ]] && loc="${BASE[$t]}$loc"
  echo "$loc"
}
with_digest() { [[ "$1" == *\?* ]] && echo "$1&digest=$digest" || echo "$1?digest=$digest"; }

upload_put() { # one streamed PUT of the whole blob; prints MB/s
  local t=$1 repo=${2:-bench/blob} loc
  loc=$(location "$t" "$repo")
  curl -s -o /dev/null -X PUT -H "$(auth "$t")" -H 'Content-Type: application/octet-stream' -T "$work/blob" \
    -w '%{http_code} %{time_total}\n' "$(with_digest "$loc")" | awk -v b="$bytes" '$1!=201 {print "upload failed: " $0 > "/dev/stderr"; exit 1} {printf "%.0f\n", b/$2/1e6}'
}

upload_chunked() { # 64 MiB PATCHes with Content-Range, then PUT; prints MB/s
  local t=$1 loc start=0 begin end size
  loc=$(location "$t" bench/chunked)
  begin=$(date +%s.%N)
  for chunk in "$work"/chunks/c*; do
    size=$(stat -c %s "$chunk")
    out=$(curl -s -D - -o /dev/null -X PATCH -H "$(auth "$t")" -H 'Content-Type: application/octet-stream' \
      -H "Content-Range: $start-$((start + size - 1))" -T "$chunk" "$loc" | tr -d '\r')
    loc=$(echo "$out" | awk 'tolower($1)=="location:" {print $2}'); [[ "$loc" == /* ]] && loc="${BASE[$t]}$loc"
    start=$((start + size))
  done
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "$(auth "$t")" "$(with_digest "$loc")")
  [ "$code" = 201 ] || { echo "chunked upload to $t failed: $code" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v b="$bytes" -v s="$begin" -v e="$end" 'BEGIN {printf "%.0f\n", b/(e-s)/1e6}'
}

download() { # prints MB/s
  curl -s -o /dev/null -H "$(auth "$1")" -w '%{http_code} %{speed_download}\n' "${BASE[$1]}/v2/bench/blob/blobs/$digest" \
    | awk '$1!=200 {print "download failed: " $0 > "/dev/stderr"; exit 1} {printf "%.0f\n", $2/1e6}'
}

skopeo_flags() { [ "$1" = dist ] && echo "" || echo "--$2-registry-token $token"; }
host() { echo "${BASE[$1]#http://}"; }

skopeo_push() { # seconds for skopeo copy of the test image into the registry
  local t=$1 s e
  s=$(date +%s.%N)
  skopeo --insecure-policy copy -q --dest-tls-verify=false $(skopeo_flags "$t" dest) "oci:$work/image:v1" "docker://$(host "$t")/bench/image:v1"
  e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f\n", e-s}'
}

skopeo_pull() { # seconds for skopeo copy of the test image out of the registry
  local t=$1 s e
  rm -rf "$work/pulled"
  s=$(date +%s.%N)
  skopeo --insecure-policy copy -q --src-tls-verify=false $(skopeo_flags "$t" src) "docker://$(host "$t")/bench/image:v1" "oci:$work/pulled:v1"
  e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f\n", e-s}'
}

concurrent_pulls() { # seconds for 8 simultaneous pulls of the test image
  local t=$1 s e
  s=$(date +%s.%N)
  for i in 1 2 3 4 5 6 7 8; do
    rm -rf "$work/pulled$i"
    skopeo --insecure-policy copy -q --src-tls-verify=false $(skopeo_flags "$t" src) "docker://$(host "$t")/bench/image:v1" "oci:$work/pulled$i:v1" &
  done
  wait -n; wait -n; wait -n; wait -n; wait -n; wait -n; wait -n; wait -n
  e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f\n", e-s}'
}

manifest_rps() { # requests/s of GET manifest by $2 (tag or digest); notes CPU per request in $work/cpu.$t
  local t=$1 ref=$2 out reg0 proxy0 reg1 proxy1 proxy=()
  case $t in gateway) proxy=("$gw_pid") ;; nginx) mapfile -t proxy < <(pgrep -P "$ng_pid") ;; esac
  reg0=$(ticks_of "$reg_pid"); proxy0=$(ticks_of "${proxy[@]}")
  out=$(wrk_manifest "$t" "$ref" 8s)
  reg1=$(ticks_of "$reg_pid"); proxy1=$(ticks_of "${proxy[@]}")
  [ "$t" = dist ] || echo "$out" | awk -v r=$((reg1 - reg0)) -v p=$((proxy1 - proxy0)) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {printf "%.1f %.1f\n", r * 1e6 / hz / $1, p * 1e6 / hz / $1}' >> "$work/cpu.$t"
  echo "$out" | awk '/Requests\/sec/ {printf "%.0f\n", $2}'
}
wrk_manifest() { # target reference duration: wrk's report of GET manifest requests for that long
  wrk -t2 -c32 -d"$3" -H "$(auth "$1")" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "${BASE[$1]}/v2/bench/image/manifests/$2"
}
# CPU ticks of processes, without their JIT compiler threads: compiling is a JVM's warm-up, not what a request
# costs once it runs, and it went on through the measured runs (half of a fresh gateway's CPU in one profile)
ticks_of() {
  local p t=0
  for p in "$@"; do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
    for task in /proc/"$p"/task/*; do
      case "$(cat "$task/comm" 2>/dev/null)" in
        C1\ CompilerThre*|C2\ CompilerThre*) t=$((t - $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}'))) ;;
      esac
    done
  done
  echo $t
}
cpu_per_request() { # the median CPU microseconds per request of registry-service and of the proxy, for target $1
  [ -f "$work/cpu.$1" ] || return 0
  printf "    %-8s registry-service %5s us" "$1" "$(cut -d' ' -f1 "$work/cpu.$1" | median)"
  [ "$1" = berth ] && echo || echo ", $1 $(cut -d' ' -f2 "$work/cpu.$1" | median) us"
}

peak_rss() { # MiB of the registry process's largest RSS while four full-size uploads run at once
  local t=$1 pid=$2 peak=0 rss uploads=()
  for i in 0 1 2 3; do upload_put "$t" "bench/rss$i" > /dev/null & uploads+=($!); done
  # sampled while they run (VmHWM would also count whatever the process did earlier in this bench)
  while any_alive "${uploads[@]}"; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.2
  done
  wait
  echo $((peak / 1024))
}
any_alive() { for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
big_layer() { # a BIG_GIB GiB layer (default 10) pushed and pulled through the gateway, streamed both ways, never on disk:
  # MB/s each way, whether the digest pulled is the one pushed, and the RSS of registry-service and the gateway meanwhile
  local size=$((${BIG_GIB:-10} * 1024 * 1024 * 1024)) digest loc s e push pull got sampler
  # (the generator ends on SIGPIPE when head has enough: not a failure)
  big_stream() { { openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass pass:berth-big-layer < /dev/zero 2>/dev/null || true; } | head -c "$size"; }
  digest="sha256:$(big_stream | sha256sum | cut -d' ' -f1)"
  ( while true; do
      printf '%s %s\n' "$(awk '/VmRSS/ {print $2}' "/proc/$reg_pid/status")" "$(awk '/VmRSS/ {print $2}' "/proc/$gw_pid/status")"
      sleep 1
    done ) > "$work/big.rss" & sampler=$!; pids+=("$sampler")
  loc=$(location gateway bench/big)
  [ -n "$loc" ] || { echo "big layer: the gateway opened no upload session" >&2; exit 1; }
  s=$(date +%s.%N)
  code=$(big_stream | curl -s -o "$work/big.put" -w '%{http_code}' -X PUT -H "$(auth gateway)" \
    -H 'Content-Type: application/octet-stream' -T - "$(with_digest "$loc")")
  e=$(date +%s.%N); push=$(awk -v b="$size" -v s="$s" -v e="$e" 'BEGIN {printf "%.0f", b/(e-s)/1e6}')
  [ "$code" = 201 ] || { echo "big layer push failed: $code $(cat "$work/big.put")" >&2; kill "$sampler"; exit 1; }
  s=$(date +%s.%N)
  got="sha256:$(curl -s -H "$(auth gateway)" "${BASE[gateway]}/v2/bench/big/blobs/$digest" | sha256sum | cut -d' ' -f1)"
  e=$(date +%s.%N); pull=$(awk -v b="$size" -v s="$s" -v e="$e" 'BEGIN {printf "%.0f", b/(e-s)/1e6}')
  kill "$sampler"
  echo "${BIG_GIB:-10} GiB layer through the gateway: push $push MB/s, pull $pull MB/s, digest $([ "$got" = "$digest" ] && echo intact || echo "WRONG ($got)")"
  awk 'NR==1 {r0=$1; g0=$2} {if ($1>r) r=$1; if ($2>g) g=$2; r1=$1; g1=$2}
    END {printf "  RSS MiB (first, largest, last sample): registry-service %d, %d, %d; gateway %d, %d, %d (%d samples)\n",
      r0/1024, r/1024, r1/1024, g0/1024, g/1024, g1/1024, NR}' "$work/big.rss"
}

settle() { # waits (up to a minute) until the Berth processes are idle: pull events of a run before are
  # flushed and relayed in the background, and must not be charged to the next measurement
  local a b
  for _ in $(seq 1 60); do
    a=$(ticks_of "$reg_pid" "$gw_pid"); sleep 1; b=$(ticks_of "$reg_pid" "$gw_pid")
    [ $((b - a)) -le 5 ] && return 0
  done
}

cost() { # proxied direct unit: the proxy's slowdown in percent
  awk -v a="$1" -v b="$2" -v u="$3" 'BEGIN {c=(u=="s")?(a-b)/b:(b-a)/b; printf "%+.1f%%", c*100}'
}

measure() { # name unit fn : runs fn RUNS times for each target, interleaved, prints the medians and ratios
  local name=$1 unit=$2 fn=$3; shift 3
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $fn "* ]]; then return; fi
  declare -A runs med
  for _ in $(seq 1 "$RUNS"); do
    for t in "${targets[@]}"; do
      settle
      runs[$t]+="$("$fn" "$t" "$@") "
    done
  done
  for t in "${targets[@]}"; do med[$t]=$(echo "${runs[$t]}" | tr ' ' '\n' | grep . | median); done
  printf "%-34s %10s %10s %10s %-6s %8s %9s" "$name" "${med[dist]}" "${med[berth]}" "${med[gateway]}" "$unit" \
    "$(awk -v a="${med[berth]}" -v b="${med[dist]}" -v u="$unit" 'BEGIN {r=(u=="s")?b/a:a/b; printf "%.2fx", r}')" \
    "$(cost "${med[gateway]}" "${med[berth]}" "$unit")"
  [ -z "$ng_port" ] || printf " %10s %9s" "${med[nginx]}" "$(cost "${med[nginx]}" "${med[berth]}" "$unit")"
  echo
  [ -z "${VERBOSE:-}" ] || for t in "${targets[@]}"; do echo "    $t: ${runs[$t]}"; done
}

java "$home/bench/MakeImage.java" "$work/image" v1 8 16
# warm-up: the JIT compiles the hot paths on the first GiBs
for t in "${targets[@]}"; do upload_put "$t" > /dev/null; download "$t" > /dev/null; skopeo_push "$t" > /dev/null; done
# and on manifest GETs: registry-service's first 8 s run was a third slower without, and after only 3 s
# the gateway's first run still often was (5,600 against 6,500 req/s); the median of three absorbs what is left
for t in "${targets[@]}"; do wrk_manifest "$t" v1 10s > /dev/null; done
manifest_digest="sha256:$(skopeo --insecure-policy inspect --raw --tls-verify=false "docker://$(host dist)/bench/image:v1" | sha256sum | cut -d' ' -f1)"

echo
echo "Berth registry-service vs CNCF Distribution $(docker-registry --version 2>/dev/null | awk '{print $3}'), $STORAGE storage, medians of $RUNS runs, $(nproc) cores"
printf "%-34s %10s %10s %10s %-6s %8s %9s" "" "distrib." "berth" "via gw" "" "berth/d" "gw cost"
[ -z "$ng_port" ] || printf " %10s %9s" "via nginx" "ngx cost"
echo
measure "blob upload ${SIZE_MIB} MiB, one PUT" MB/s upload_put
measure "blob upload ${SIZE_MIB} MiB, 64 MiB chunks" MB/s upload_chunked
measure "blob download ${SIZE_MIB} MiB" MB/s download
measure "skopeo copy push (8x16 MiB)" s skopeo_push
measure "skopeo copy pull (8x16 MiB)" s skopeo_pull
measure "8 concurrent skopeo pulls" s concurrent_pulls
measure "manifest GET by tag (token)" req/s manifest_rps v1
measure "manifest GET by digest (token)" req/s manifest_rps "$manifest_digest"
if [ -f "$work/cpu.berth" ]; then
  echo "  CPU per manifest GET (median of both kinds; wrk, on the same cores, and the JVMs' JIT compiler threads are not counted):"
  for t in berth gateway nginx; do cpu_per_request "$t"; done
fi
if [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" peak_rss "* ]]; then
  printf "%-34s %10s %10s %10s %-6s\n" "peak RSS, 4 concurrent uploads" "$(peak_rss dist "$dist_pid")" "$(peak_rss berth "$reg_pid")" "-" MiB
fi
if [[ " ${ONLY:-} " == *" big_layer "* ]]; then big_layer; fi
echo "(Distribution runs without auth; Berth verifies a Bearer token on every request. 'gw cost' is the"
echo " gateway's slowdown against registry-service direct; for seconds lower is better, for rates higher."
[ -z "$ng_port" ] || echo " 'ngx cost': the same hop through nginx $(nginx -v 2>&1 | sed 's|.*/||'), for reference.)"
[ -n "$ng_port" ] || echo " Install nginx for a reference line of what a C proxy costs in the same place.)"
