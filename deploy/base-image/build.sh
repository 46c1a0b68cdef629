#!/usr/bin/env bash
# Builds Berth's JRE base image from Debian's own packages, without any container registry:
#   debootstrap --variant=minbase bookworm + Debian's OpenJDK 17 (with bookworm's security updates),
#   trimmed (docs but their copyright files, man pages, locales, apt lists and caches, logs),
#   a non-root user berth (uid/gid 10000) owning /var/lib/berth, made into an OCI image with umoci;
#   no package manager, PAM, login or disk tools left in it (BERTH_BASE_SLIM=false keeps them).
# The JRE: BERTH_BASE_JRE=jlink (the default) links a runtime of the modules Berth's services use
# (BERTH_BASE_MODULES) with jlink from Debian's openjdk-17-jmods into /usr/lib/jvm/berth-jre, with
# the certificates of ca-certificates-java, and removes the packages it was made from: about 110 MB
# less than the whole openjdk-17-jre-headless. BERTH_BASE_JRE=package keeps openjdk-17-jre-headless
# as Debian installs it (every module; the image is then about 300 MB).
#
# Output (the services' images are built on it by Jib, see docs/images.md):
#   deploy/base-image/target/berth-jre.tar     docker-archive, what Jib's `tar://` base images read
#   deploy/base-image/target/oci/              the OCI image layout umoci wrote (tag `17`)
#   deploy/base-image/target/berth-jre.digest  the image's manifest digest
# The result is cached under ${BERTH_CACHE:-~/.cache/berth}/base-image/<key>, keyed by this script and
# the settings below: a second run only copies it. --refresh builds again (e.g. for new security updates).
#
# Needs root (debootstrap, chroot), debootstrap, umoci, skopeo, and Debian's mirror.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${BERTH_BASE_IMAGE_OUT:-$here/target}"
suite="${BERTH_BASE_SUITE:-bookworm}"
mirror="${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${BERTH_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
jre="${BERTH_BASE_JRE:-jlink}"
# What the services need (jdeps over their libraries) and what an operator uses in a running container
# (jcmd, JFR); jdk.localedata is left out (English and the root locale only).
modules="${BERTH_BASE_MODULES:-java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.attach,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs}"
case "$jre" in
  jlink) packages="openjdk-17-jre-headless openjdk-17-jdk-headless"; java_home=/usr/lib/jvm/berth-jre ;;
  package) packages="openjdk-17-jre-headless"; modules=all; java_home=/usr/lib/jvm/java-17-openjdk-amd64 ;;
  *) echo "build.sh: BERTH_BASE_JRE is jlink or package, not $jre" >&2; exit 2 ;;
esac
uid=10000
tag=17
# BERTH_BASE_SLIM=false keeps apt, perl, PAM and the rest of minbase (an image to apt-get install more on)
slim="${BERTH_BASE_SLIM:-true}"
case "$slim" in true|false) ;; *) echo "build.sh: BERTH_BASE_SLIM is true or false, not $slim" >&2; exit 2 ;; esac

refresh=false
for arg in "$@"; do
  case "$arg" in
    --refresh) refresh=true ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "build.sh: unknown argument $arg (--refresh, --help)" >&2; exit 2 ;;
  esac
done

key="$( { cat "$0"; echo "$suite $mirror $security $jre $modules $uid $tag $slim"; } | sha256sum | cut -c1-16)"
cache="${BERTH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth}/base-image/$key"

publish() {
  mkdir -p "$out"
  rm -rf "$out/oci" "$out/berth-jre.tar" "$out/berth-jre.digest"
  cp -a "$cache/oci" "$out/oci"
  cp "$cache/berth-jre.tar" "$cache/berth-jre.digest" "$out/"
  echo "base image: $out/berth-jre.tar ($(cat "$out/berth-jre.digest"), cache $cache)"
}

if [ "$refresh" = false ] && [ -f "$cache/berth-jre.digest" ]; then
  publish
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "build.sh: debootstrap and chroot need root (run it as root, or with sudo)" >&2
  exit 1
fi
for tool in debootstrap umoci skopeo; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/berth-base-image.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  for m in proc sys dev/pts dev; do umount -l "$rootfs/$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "debootstrap $suite (minbase) from $mirror ..."
debootstrap --variant=minbase --components=main "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }

cat > "$rootfs/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
# no docs, man pages or locales from any package installed from now on (and in images built on this one)
cat > "$rootfs/etc/dpkg/dpkg.cfg.d/01-berth-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
cat > "$rootfs/etc/apt/apt.conf.d/01-berth-slim" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF

mount -t proc proc "$rootfs/proc"
mount --bind /dev "$rootfs/dev"
mount --bind /dev/pts "$rootfs/dev/pts"
cat > "$rootfs/tmp/install.sh" <<EOF
set -eux
export DEBIAN_FRONTEND=noninteractive LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin
apt-get update -q
apt-get -y -q dist-upgrade
apt-get install -y -q $packages
groupadd --system --gid $uid berth
useradd --system --uid $uid --gid $uid --home-dir /home/berth --create-home --shell /usr/sbin/nologin berth
install -d -o $uid -g $uid -m 0750 /var/lib/berth
if [ "$jre" = jlink ]; then
  /usr/lib/jvm/java-17-openjdk-amd64/bin/jlink --add-modules "$modules" --output "$java_home" \\
    --strip-java-debug-attributes --no-man-pages --no-header-files --compress=2
  # the CA certificates Debian keeps for Java (ca-certificates-java), instead of the jmod's own
  rm -f "$java_home/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$java_home/lib/security/cacerts"
  apt-get purge -y -q --auto-remove $packages ca-certificates-java java-common
  # the class data sharing archive of this runtime: the JVM starts faster with it
  "$java_home/bin/java" -Xshare:dump
  ln -sf "$java_home/bin/java" /usr/bin/java
fi
apt-get clean
# No package manager, no logins, no disk tools in the image (as distroless): apt and its libraries, perl and
# debconf, PAM, login and passwd (the user exists already), util-linux, e2fsprogs, openssl. dpkg, a shell,
# coreutils and tar stay (kubectl exec and cp), and dpkg's database still lists every package that is here.
if [ "$slim" = true ]; then
  dpkg --purge --force-remove-essential --force-depends \
    apt libapt-pkg6.0 gpgv debian-archive-keyring e2fsprogs libext2fs2 libss2 logsave libcom-err2 mount \
    util-linux util-linux-extra login passwd adduser libpam-modules libpam-modules-bin libpam-runtime libpam0g \
    libsemanage2 libsemanage-common libsepol2 libdb5.3 openssl libssl3 libgnutls30 libp11-kit0 libunistring2 \
    libidn2-0 libhogweed6 libnettle8 libtasn1-6 libsystemd0 libgcrypt20 libgpg-error0 liblz4-1 libxxhash0 \
    libseccomp2 libudev1 libcap-ng0 libaudit1 libaudit-common
  dpkg --purge --force-remove-essential --force-depends debconf perl-base
  rm -rf /etc/apt /var/lib/apt /var/cache/apt /var/cache/debconf /etc/security /var/lib/pam
fi
java -version
EOF
chroot "$rootfs" /bin/sh /tmp/install.sh > "$work/install.log" 2>&1 || { tail -n 30 "$work/install.log" >&2; exit 1; }
rm -f "$rootfs/tmp/install.sh"
java_version="$(grep -m1 'openjdk version' "$work/install.log" | cut -d'"' -f2)"
for m in dev/pts dev proc; do umount "$rootfs/$m"; done

echo "trimming ..."
find "$rootfs/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/lintian "$rootfs"/usr/share/linda
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old
find "$rootfs/var/log" -type f -delete
rm -rf "$rootfs"/tmp/* "$rootfs"/var/tmp/* "$rootfs"/root/.cache
# glibc's iconv converters (8 MB): the JVM has its own charsets
rm -rf "$rootfs"/usr/lib/x86_64-linux-gnu/gconv
# the JVM's class data sharing archive is kept (it starts the JVM faster); the one for heaps over 32 GiB is not
rm -f "$rootfs"/usr/lib/jvm/*/lib/server/classes_nocoops.jsa

echo "packing the OCI image with umoci ..."
layout="$work/oci"
umoci init --layout "$layout"
umoci new --image "$layout:$tag"
umoci unpack --image "$layout:$tag" "$work/bundle" > /dev/null
rm -rf "$work/bundle/rootfs"
mv "$rootfs" "$work/bundle/rootfs"
umoci repack --image "$layout:$tag" --history.created_by "deploy/base-image/build.sh: debootstrap $suite + OpenJDK $java_version ($jre)" "$work/bundle"
umoci config --image "$layout:$tag" --os linux --architecture amd64 \
  --author "Berth (deploy/base-image/build.sh)" \
  --config.user "$uid:$uid" --config.workingdir /home/berth \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env JAVA_HOME="$java_home" --config.env LANG=C.UTF-8 \
  --config.label org.opencontainers.image.title=berth-jre \
  --config.label org.opencontainers.image.description="Debian $suite with OpenJDK $java_version (Debian's; $jre, modules: $modules), non-root user berth ($uid)" \
  --config.label org.opencontainers.image.base.name="debian:$suite"
umoci gc --layout "$layout"

echo "writing the docker-archive for Jib ..."
skopeo copy --quiet "oci:$layout:$tag" "docker-archive:$work/berth-jre.tar:berth/jre:$tag"
skopeo inspect --raw "oci:$layout:$tag" | sha256sum | awk '{print "sha256:" $1}' > "$work/berth-jre.digest"

rm -rf "$cache"
mkdir -p "$cache"
mv "$layout" "$cache/oci"
mv "$work/berth-jre.tar" "$work/berth-jre.digest" "$cache/"
publish
