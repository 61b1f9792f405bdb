#!/usr/bin/env bash
# The operator's OCI image, built without Docker or a registry, reproducibly, from Debian packages:
#
#   hack/image.sh            build target/image/oci (an OCI image layout, tag launchplan-operator:<version>)
#   hack/image.sh check      build it twice from scratch and compare the manifests' digests
#   hack/image.sh demo-app   build target/image/demo-app/oci (tag demo-app:<version>): the real node's
#                            demo application (simulator/demo-app, one static Go binary, one layer)
#
# hack/cluster.sh import-image loads a layout into the real node's containerd (no registry).
#
# Layers, the same as operator/Dockerfile's:
#   1. a minimal Debian bookworm root with the JRE (openjdk-17-jre-headless), made by mmdebstrap
#      (variant essential: no apt, no shell tools beyond the essential set; no docs, man pages or
#      locales; apt lists and caches removed);
#   2. the operator's shaded jar at /app/launchplan-operator.jar, owned by root.
# Config: user 10001:10001, HOME=/tmp, WORKDIR /tmp, ports 8080 and 8081, the Dockerfile's ENTRYPOINT.
#
# Reproducible: every timestamp is SOURCE_DATE_EPOCH (default: the time of the last commit), the jar
# is built reproducibly by Maven, tar entries are sorted with numeric owners, umoci writes no history
# time of its own, and the JRE's trust store is rewritten without random salts. The Debian layer is the same for the same package versions; which
# versions went in is in the image (/var/lib/dpkg/status) and in target/image/packages.txt.
#
# Push it with skopeo, e.g.:
#   skopeo copy oci:target/image/oci:launchplan-operator:0.1.0 docker://registry.example/launchplan-operator:0.1.0
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="${IMAGE_OUT:-$repo/target/image}"
name=launchplan-operator
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$repo/operator/pom.xml" | head -n 1)"
version="${IMAGE_TAG:-${version%-SNAPSHOT}}"
suite=bookworm
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
jar="$repo/operator/target/launchplan-operator.jar"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct)}"
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"

log() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] FAILED: %s\n' "$*" >&2; exit 1; }

need_tools() {
  local missing=()
  command -v mmdebstrap > /dev/null || missing+=(mmdebstrap)
  command -v umoci > /dev/null || missing+=(umoci)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: apt-get install -y ${missing[*]}"
    log "installing ${missing[*]} from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null \
      || { apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null; } \
      || die "apt-get install ${missing[*]} failed"
  fi
}

# Layer 1: Debian with the JRE, as a tarball.
debian_layer() {
  local tar="$1" packages="$2"
  [ "$(id -u)" = 0 ] || die "mmdebstrap --mode=root needs root (run as root, or use operator/Dockerfile)"
  log "Debian $suite root with openjdk-17-jre-headless (mmdebstrap)"
  # update-alternatives links java's man page even when man pages are not installed: give it the directory.
  mmdebstrap --quiet --variant=essential --mode=root --include=openjdk-17-jre-headless \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook="dpkg-query --admindir=\"\$1/var/lib/dpkg\" -W -f='\${Package} \${Version}\n' > '$packages'" \
    --customize-hook="$(declare -f reproducible_cacerts); reproducible_cacerts \"\$1\"" \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/* "$1"/usr/share/man "$1"/tmp/*' \
    "$suite" "$tar" "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security $suite-security main"
}

# ca-certificates-java writes the JRE's trust store as PKCS#12 with random salts and a MAC, so no two
# builds agree; the same certificates, in the same order, written without either, are the same bytes.
# The JRE reads it as before (its certificates need no password). Runs in the image's root, with its keytool.
reproducible_cacerts() {
  local root="$1" keytool=/usr/lib/jvm/java-17-openjdk-amd64/bin/keytool
  chroot "$root" "$keytool" -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE \
    -importkeystore -noprompt -srckeystore /etc/ssl/certs/java/cacerts -srcstorepass changeit \
    -destkeystore /tmp/cacerts -deststoretype PKCS12 -deststorepass changeit > /dev/null
  mv "$root/tmp/cacerts" "$root/etc/ssl/certs/java/cacerts"
}

# Layer 2: the jar, owned by root, with fixed times.
jar_layer() {
  local tar="$1" dir
  [ -f "$jar" ] || { log "building the operator jar (mvn -B -q -pl operator -am -DskipTests package)";
    (cd "$repo" && mvn -B -q -pl operator -am -DskipTests package) || die "building the jar failed"; }
  dir="$(mktemp -d)"
  mkdir -p "$dir/app"
  cp "$jar" "$dir/app/launchplan-operator.jar"
  cp "$repo/operator/jvm.options" "$dir/app/jvm.options"
  chmod 0755 "$dir/app"
  chmod 0644 "$dir/app/launchplan-operator.jar" "$dir/app/jvm.options"
  tar --create --file "$tar" --directory "$dir" --sort=name --mtime="@$SOURCE_DATE_EPOCH" \
    --owner=0 --group=0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime app
  rm -rf "$dir"
}

build() {
  local work layout
  need_tools
  work="$(mktemp -d "${TMPDIR:-/tmp}/launchplan-image.XXXXXX")"
  trap 'rm -rf "$work"' RETURN
  local started=$SECONDS
  debian_layer "$work/debian.tar" "$work/packages.txt"
  jar_layer "$work/app.tar"
  layout="$work/oci"
  log "OCI layout (umoci): $name:$version, created $created"
  umoci init --layout "$layout"
  umoci new --image "$layout:$version"
  umoci raw add-layer --image "$layout:$version" --history.created="$created" \
    --history.created_by="mmdebstrap --variant=essential $suite + openjdk-17-jre-headless" "$work/debian.tar"
  umoci raw add-layer --image "$layout:$version" --history.created="$created" \
    --history.created_by="COPY operator/target/launchplan-operator.jar operator/jvm.options /app/" "$work/app.tar"
  umoci config --image "$layout:$version" --no-history --created="$created" \
    --author="launchplan-operator" --os=linux --architecture=amd64 \
    --config.user=10001:10001 --config.workingdir=/tmp \
    --config.env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --config.env=HOME=/tmp \
    --config.env=MALLOC_ARENA_MAX=2 \
    --config.exposedports=8080/tcp --config.exposedports=8081/tcp \
    --config.entrypoint=java --config.entrypoint=@/app/jvm.options \
    --config.entrypoint=-jar --config.entrypoint=/app/launchplan-operator.jar \
    --clear=config.labels --config.label=org.opencontainers.image.title=$name \
    --config.label=org.opencontainers.image.version="$version" \
    --manifest.annotation=org.opencontainers.image.created="$created"
  umoci gc --layout "$layout"
  rm -rf "$out/oci"
  mkdir -p "$out"
  cp -a "$layout" "$out/oci"
  cp "$work/packages.txt" "$out/packages.txt"
  local manifest size
  manifest="$(digest "$out/oci" "$version")"
  size="$(du -sb "$out/oci/blobs" | cut -f1)"
  printf '%s\n' "$manifest" > "$out/digest"
  log "done in $((SECONDS - started)) s: $out/oci ($name:$version) manifest $manifest, $((size / 1024 / 1024)) MiB compressed"
}

# The manifest digest of tag $2 in layout $1.
digest() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
index = json.load(open(sys.argv[1] + "/index.json"))
for m in index["manifests"]:
    if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == sys.argv[2]:
        print(m["digest"])
        break
else:
    sys.exit("tag " + sys.argv[2] + " not in " + sys.argv[1])
EOF
}

# The demo app: a static Go binary (stdlib only, -trimpath, no build id) as the image's only layer.
demo_app() {
  local work layout dir="$out/demo-app" demo_version="$version"
  command -v go > /dev/null || die "go is not installed (needed to build simulator/demo-app)"
  need_tools
  work="$(mktemp -d "${TMPDIR:-/tmp}/launchplan-demo-image.XXXXXX")"
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$work/root"
  (cd "$repo/simulator/demo-app" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -buildvcs=false \
      -ldflags='-s -w -buildid=' -o "$work/root/demo-app" .) || die "go build simulator/demo-app failed"
  touch -d "@$SOURCE_DATE_EPOCH" "$work/root/demo-app"
  tar --create --file "$work/app.tar" --directory "$work/root" --sort=name --mtime="@$SOURCE_DATE_EPOCH" \
    --owner=0 --group=0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime demo-app
  layout="$work/oci"
  umoci init --layout "$layout"
  umoci new --image "$layout:$demo_version"
  umoci raw add-layer --image "$layout:$demo_version" --history.created="$created" \
    --history.created_by="go build simulator/demo-app" "$work/app.tar"
  umoci config --image "$layout:$demo_version" --no-history --created="$created" \
    --author="launchplan-operator" --os=linux --architecture=amd64 --config.user=65534:65534 \
    --config.exposedports=8080/tcp --config.entrypoint=/demo-app --config.cmd=serve \
    --clear=config.labels --config.label=org.opencontainers.image.title=demo-app
  umoci gc --layout "$layout"
  rm -rf "$dir/oci"
  mkdir -p "$dir"
  cp -a "$layout" "$dir/oci"
  digest "$dir/oci" "$demo_version" > "$dir/digest"
  log "demo app image: $dir/oci (demo-app:$demo_version) manifest $(cat "$dir/digest")"
}

case "${1:-build}" in
  build) build ;;
  demo-app) demo_app ;;
  check)
    build
    first="$(cat "$out/digest")"
    log "building again from scratch to compare"
    build
    second="$(cat "$out/digest")"
    [ "$first" = "$second" ] || die "not reproducible: $first then $second"
    log "reproducible: both builds gave $first"
    ;;
  *) die "usage: hack/image.sh [build|check|demo-app]" ;;
esac
