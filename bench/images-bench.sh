#!/usr/bin/env bash
# Berth's images (docs/images.md): per service, the image's uncompressed size (base + app) and the time
# from `podman run` to /q/health/ready answering 200 on the management port, RUNS times (median).
# The containers run as Kubernetes would run them: non-root (the image's user 10000), read-only root
# filesystem with a tmpfs /tmp, configuration by BERTH_* environment variables only, against the
# machine's PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379), host network.
# Needs root, podman, skopeo, psql, openssl, and the images: mvn -B package -DskipTests -Pimages
#   RUNS=3 bench/images-bench.sh
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
pg_user="${BERTH_TEST_PG_USER:-postgres}"
work="$(mktemp -d /tmp/berth-images-bench.XXXXXX)"
db="berth_images_bench_$$"
# runc and explicit ulimits: on machines with hybrid cgroups (v1 controllers beside a cgroup2 mount) crun refuses
# to start containers, and rootful podman's default ulimits (nofile 1048576, nproc 4194304) above the
# machine's hard limits make both runtimes fail with "setrlimit: Operation not permitted"
podman=(podman --root "$work/storage" --runroot "$work/run" --storage-driver vfs --cgroup-manager cgroupfs --events-backend none
  --runtime "${BERTH_PODMAN_RUNTIME:-runc}")
limits=(--ulimit nofile=16384:16384 --ulimit nproc=8192:8192)

cleanup() {
  "${podman[@]}" rm -f -a >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

declare -A module=([registry]=registry-service [core]=core-service [jobservice]=jobservice [gateway]=proxy-gateway)
declare -A mgmt=([registry]=19181 [core]=19182 [jobservice]=19183 [gateway]=19180)

psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "CREATE DATABASE $db" >/dev/null
mkdir -p "$work/secrets" "$work/data"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/secrets/token.key" 2>/dev/null
openssl req -new -x509 -key "$work/secrets/token.key" -out "$work/secrets/token.crt" -days 2 -subj /CN=berth-token-service 2>/dev/null
openssl rand -base64 32 > "$work/secrets/secret.key"
chmod 644 "$work/secrets"/*
chown -R 10000:10000 "$work/data"

env_args=(
  -e BERTH_DATABASE_URL="postgresql://127.0.0.1:5432/$db" -e BERTH_DATABASE_USER="$pg_user" -e BERTH_DATABASE_PASSWORD=unused
  -e BERTH_REDIS_URL=redis://127.0.0.1:6379/14
  -e BERTH_REGISTRY_PORT=19081 -e BERTH_REGISTRY_URL=http://127.0.0.1:19081 -e BERTH_REGISTRY_MANAGEMENT_PORT="${mgmt[registry]}"
  -e BERTH_CORE_PORT=19082 -e BERTH_CORE_URL=http://127.0.0.1:19082 -e BERTH_CORE_MANAGEMENT_PORT="${mgmt[core]}"
  -e BERTH_JOBSERVICE_PORT=19083 -e BERTH_JOBSERVICE_URL=http://127.0.0.1:19083 -e BERTH_JOBSERVICE_MANAGEMENT_PORT="${mgmt[jobservice]}"
  -e BERTH_GATEWAY_PORT=19080 -e BERTH_GATEWAY_MANAGEMENT_PORT="${mgmt[gateway]}" -e BERTH_EXTERNAL_URL=http://127.0.0.1:19080
  -e BERTH_TOKEN_PRIVATE_KEY=/etc/berth/secrets/token.key -e BERTH_TOKEN_CERTIFICATE=/etc/berth/secrets/token.crt
  -e BERTH_SECRET_KEY_FILE=/etc/berth/secrets/secret.key -e BERTH_ADMIN_PASSWORD=Bench12345
)

base_id="$("${podman[@]}" pull -q "oci:$home/deploy/base-image/target/oci:17")"
base_size="$("${podman[@]}" image inspect --format '{{.Size}}' "$base_id")"
echo "JRE base image: $(echo "$base_size / 1000000" | bc -l | xargs printf '%.1f') MB uncompressed"
printf '%-11s %14s %14s %14s %s\n' service "size (MB)" "app (MB)" "ready (s)" "runs"
for s in registry core jobservice gateway; do
  archive="$home/${module[$s]}/target/${module[$s]}.oci.tar"
  [ -f "$archive" ] || { echo "$archive is missing: mvn -B package -DskipTests -Pimages" >&2; exit 1; }
  "${podman[@]}" pull -q "oci-archive:$archive" > "$work/$s.id"
  id="$(cat "$work/$s.id")"
  size="$("${podman[@]}" image inspect --format '{{.Size}}' "$id")"
  app="$(echo "($size - $base_size) / 1000000" | bc -l)"
  times=()
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    "${podman[@]}" run -d "${limits[@]}" --name "bench-$s" --network host --read-only --read-only-tmpfs \
      -v "$work/secrets:/etc/berth/secrets:ro" -v "$work/data:/var/lib/berth" "${env_args[@]}" "$id" >/dev/null
    until curl -fs -o /dev/null "http://127.0.0.1:${mgmt[$s]}/q/health/ready"; do
      if [ "$("${podman[@]}" inspect --format '{{.State.Running}}' "bench-$s")" != true ]; then
        "${podman[@]}" logs "bench-$s" | tail -n 20 >&2; echo "$s exited before it was ready" >&2; exit 1
      fi
      if [ "$(echo "$(date +%s.%N) - $start > 120" | bc)" = 1 ]; then echo "$s not ready after 120 s" >&2; exit 1; fi
      sleep 0.05
    done
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
    # the gateway needs the others up to be ready: they stay up until the last run of the gateway
    if [ "$s" = gateway ] || [ "$_" != "$runs" ]; then "${podman[@]}" rm -f -t 5 "bench-$s" >/dev/null; fi
  done
  median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR]=$1 } END { printf "%.2f", a[int((NR+1)/2)] }')"
  printf '%-11s %14.1f %14.1f %14s %s\n' "$s" "$(echo "$size / 1000000" | bc -l)" "$app" "$median" "$(printf '%.2f ' "${times[@]}")"
done
