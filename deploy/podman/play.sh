#!/bin/sh
# Plays Berth's Helm chart on this machine with podman: `deploy/podman/play.sh up|down`.
# Renders deploy/helm/berth with deploy/podman/values.yaml (host networking, the machine's PostgreSQL on
# 127.0.0.1:5432 with role/database berth, Redis on 127.0.0.1:6379), adds Secrets made here with openssl, keeps
# the kinds podman kube play understands (Deployment, ConfigMap, Secret, PersistentVolumeClaim) and plays them.
# Needs: podman, openssl, Maven (the render uses the deploy module), and the images
# berth/{registry-service,core-service,jobservice,proxy-gateway}:<version> in podman's storage.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BERTH_PODMAN_DIR:-$root/deploy/target/podman}
version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$root/deploy/helm/berth/Chart.yaml")
manifest=$work/berth-podman.yaml

down() {
    [ -f "$manifest" ] && podman kube down "$manifest" || true
}

up() {
    for image in registry-service core-service jobservice proxy-gateway; do
        if ! podman image exists "berth/$image:$version"; then
            echo "missing image berth/$image:$version in podman's storage: build the images first (issue #20), e.g." >&2
            echo "  podman load -i $image/target/<image tarball>   or   skopeo copy oci-archive:<tarball> containers-storage:berth/$image:$version" >&2
            exit 1
        fi
    done
    mkdir -p "$work"
    [ -f "$work/token.key" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=berth-token-service \
        -keyout "$work/token.key" -out "$work/token.crt" 2>/dev/null
    [ -f "$work/secret.key" ] || openssl rand -base64 32 > "$work/secret.key"
    [ -f "$work/admin-password" ] || openssl rand -hex 12 > "$work/admin-password"
    b64() { base64 -w0 "$1"; }
    (cd "$root" && flock /tmp/berth-mvn.lock mvn -B -q -o -pl deploy -am -Prender process-classes \
        -Dberth.render.values="$root/deploy/podman/values.yaml" -Dberth.render.output="$work/chart.yaml")
    {
        cat <<YAML
apiVersion: v1
kind: Secret
metadata: {name: berth-admin}
data: {BERTH_ADMIN_PASSWORD: $(printf %s "$(cat "$work/admin-password")" | base64 -w0)}
---
apiVersion: v1
kind: Secret
metadata: {name: berth-secret-key}
data: {secretKey: $(b64 "$work/secret.key")}
---
apiVersion: v1
kind: Secret
metadata: {name: berth-token}
type: kubernetes.io/tls
data: {tls.key: $(b64 "$work/token.key"), tls.crt: $(b64 "$work/token.crt")}
---
apiVersion: v1
kind: Secret
metadata: {name: berth-database}
data: {password: $(printf %s "${BERTH_DATABASE_PASSWORD:-berth}" | base64 -w0)}
YAML
        # only the kinds podman kube play knows
        awk 'BEGIN { RS = "\n---\n" } /\nkind: (Deployment|ConfigMap|Secret|PersistentVolumeClaim)\n/ { printf "---\n%s\n", $0 }' "$work/chart.yaml"
    } > "$manifest"
    podman kube play "$manifest"
    echo "waiting for the gateway (127.0.0.1:9080/q/health/ready) ..."
    i=0
    until curl -fsS -o /dev/null http://127.0.0.1:9080/q/health/ready; do
        i=$((i + 1)); [ $i -lt 120 ] || { echo "not ready after 4 minutes: podman pod ps; podman logs <container>" >&2; exit 1; }
        sleep 2
    done
    echo "Berth runs at http://localhost:8080 - admin / $(cat "$work/admin-password")"
    echo "  skopeo login --tls-verify=false -u admin localhost:8080; deploy/podman/play.sh down stops it"
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
