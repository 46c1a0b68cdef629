#!/bin/sh
# Plays Berth's Helm chart on this machine with podman: `deploy/podman/play.sh up|down`.
# Renders deploy/helm/berth with deploy/podman/values.yaml (host networking, the machine's PostgreSQL on
# 127.0.0.1:5432 with role/database berth, Redis on 127.0.0.1:6379), adds Secrets made here with openssl, keeps
# the kinds podman kube play understands (Deployment, ConfigMap, Secret, PersistentVolumeClaim) and plays them.
# Probes are kept but do nothing here: podman 4.3 runs them with curl inside the container (the images have none)
# and only on systemd timers.
# Needs: podman, openssl, Maven (the render uses the deploy module), and the images
# berth/{registry-service,core-service,jobservice,scanner,proxy-gateway}:<version> in podman's storage.
# BERTH_PODMAN_CHART=<file> plays a chart rendered beforehand instead (no Maven; KubePlayIT renders its own);
# podman's own CONTAINERS_STORAGE_CONF and CONTAINERS_CONF choose its storage and runtime.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${BERTH_PODMAN_DIR:-$root/deploy/target/podman}
version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$root/deploy/helm/berth/Chart.yaml")
manifest=$work/berth-podman.yaml

down() {
    [ -f "$manifest" ] && podman kube down "$manifest" || true
    podman secret rm berth-admin berth-database >/dev/null 2>&1 || true
}

up() {
    for image in registry-service core-service jobservice scanner proxy-gateway; do
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
    # Podman before 4.4 (Debian bookworm has 4.3) gets two things of Secrets wrong: env secretKeyRef looks up a
    # podman secret holding a JSON object of base64 values, not the Secret documents of the played file; and
    # a secret volume's files hold the values still base64-encoded. With it, the env Secrets become podman
    # secrets and the secret volumes host directories of the same files (readable by the pods' user only).
    old_podman=false
    [ "$(printf '%s\n' "$(podman version --format '{{.Client.Version}}')" 4.4 | sort -V | head -n1)" = 4.4 ] || old_podman=true
    mkdir -p "$work/secrets/berth-token" "$work/secrets/berth-secret-key"
    cp "$work/token.key" "$work/secrets/berth-token/tls.key"
    cp "$work/token.crt" "$work/secrets/berth-token/tls.crt"
    cp "$work/secret.key" "$work/secrets/berth-secret-key/secret.key"  # named as the chart's items name them
    chown -R 10000:10000 "$work/secrets" && chmod -R u=rX,go= "$work/secrets"
    # the Secrets that env secretKeyRef reads
    env_secret() {
        if [ "$old_podman" = true ]; then
            podman secret rm "$1" >/dev/null 2>&1 || true
            printf '{"%s": "%s"}' "$2" "$(printf %s "$3" | base64 -w0)" | podman secret create "$1" - >/dev/null
        else
            printf -- '---\napiVersion: v1\nkind: Secret\nmetadata: {name: %s}\ndata: {%s: %s}\n' "$1" "$2" "$(printf %s "$3" | base64 -w0)"
        fi
    }
    chart=${BERTH_PODMAN_CHART:-$work/chart.yaml}
    [ -n "${BERTH_PODMAN_CHART:-}" ] || (cd "$root" && flock /tmp/berth-mvn.lock mvn -B -q -o -pl deploy -am -Prender process-test-classes \
        -Dberth.render.values="$root/deploy/podman/values.yaml" -Dberth.render.output="$chart")
    [ -s "$chart" ] || { echo "no rendered chart at $chart" >&2; exit 1; }
    {
        # the Secrets mounted as files (the token key pair, the secret key)
        cat <<YAML
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
YAML
        env_secret berth-admin BERTH_ADMIN_PASSWORD "$(cat "$work/admin-password")"
        env_secret berth-database password "${BERTH_DATABASE_PASSWORD:-berth}"
        # only the kinds podman kube play knows; and no container ports: podman 4.3 publishes each declared
        # containerPort, which it refuses in the host's network (there the ports are the host's anyway)
        awk 'BEGIN { RS = "\n---\n" } /\nkind: (Deployment|ConfigMap|Secret|PersistentVolumeClaim)\n/ { printf "---\n%s\n", $0 }' "$chart" |
            awk 'skip && match($0, /^ */) && RLENGTH > indent { next }
                 { skip = 0 }
                 /^ *ports:$/ { match($0, /^ */); indent = RLENGTH; skip = 1; next }
                 { print }' |
            if [ "$old_podman" = true ]; then
                # each secret volume becomes a hostPath volume of the directory with the Secret's files
                awk -v dir="$work/secrets" '
                    insecret && match($0, /^ */) && RLENGTH > indent { if ($1 == "secretName:") name = $2; next }
                    insecret { print pad "hostPath: {path: " dir "/" name ", type: Directory}"; insecret = 0 }
                    /^ *secret:$/ { match($0, /^ */); indent = RLENGTH; pad = substr($0, 1, indent); insecret = 1; next }
                    { print }
                    END { if (insecret) print pad "hostPath: {path: " dir "/" name ", type: Directory}" }'
            else
                cat
            fi
    } > "$manifest"
    podman kube play "$manifest"
    echo "waiting for the four services (127.0.0.1:9080-9083/q/health/ready) ..."
    for port in 9080 9081 9082 9083; do
        i=0
        until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
            i=$((i + 1)); [ $i -lt 120 ] || { echo "not ready after 4 minutes: podman pod ps; podman logs <container>" >&2; exit 1; }
            sleep 2
        done
    done
    echo "Berth runs at http://localhost:8080 - admin / $(cat "$work/admin-password")"
    echo "  skopeo login --tls-verify=false -u admin localhost:8080; deploy/podman/play.sh down stops it"
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
