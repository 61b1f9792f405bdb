#!/usr/bin/env bash
# Builds, once, the Kubernetes control plane binaries (kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl), the real node's kubelet and kube-proxy, etcd, kwok and kwokctl from the Go module proxy, and caches them
# under $LP_CACHE keyed by version. A binary already in the cache is never rebuilt.
#
# Kubernetes' own go.mod points every k8s.io/<staging> module at ./staging/, which a module
# download does not carry, so a generated wrapper module requires k8s.io/kubernetes and
# replaces each staging module with its published v0.X.Y release of the same patch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/versions.sh"

log() { printf '[build] %s\n' "$*" >&2; }
fail() { printf '[build] FAILED: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not installed; install Go >= 1.26 (the Kubernetes $KUBE_VERSION module needs it)"

kube_bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kubelet kube-proxy)
missing=()
for b in "${kube_bins[@]}"; do [ -x "$KUBE_BIN_DIR/$b" ] || missing+=("$b"); done

if [ ${#missing[@]} -gt 0 ]; then
  start=$(date +%s)
  work="$LP_CACHE/kubernetes-$KUBE_VERSION/src"
  mkdir -p "$work/cmd/etcd" "$KUBE_BIN_DIR"
  staging_version="v0.${KUBE_VERSION#v1.}"
  log "Kubernetes $KUBE_VERSION (staging $staging_version): building ${missing[*]} into $KUBE_BIN_DIR"

  modfile="$work/kubernetes.mod"
  if [ ! -s "$modfile" ]; then
    curl -fsSL "${GOPROXY_URL:-https://proxy.golang.org}/k8s.io/kubernetes/@v/$KUBE_VERSION.mod" -o "$modfile.tmp" \
      || (cd "$work" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" >/dev/null && \
          cp "$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$KUBE_VERSION.mod" "$modfile.tmp") \
      || fail "cannot download k8s.io/kubernetes@$KUBE_VERSION go.mod from the Go module proxy"
    mv "$modfile.tmp" "$modfile"
  fi
  staging=$(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$modfile")
  [ -n "$staging" ] || fail "no ./staging/ replace lines found in k8s.io/kubernetes@$KUBE_VERSION go.mod"
  {
    echo "module launchplan.local/k8sbuild"
    echo
    echo "go $(awk '$1 == "go" {print $2; exit}' "$modfile")"
    echo
    echo "require k8s.io/kubernetes $KUBE_VERSION"
    echo
    echo "replace ("
    for m in $staging; do echo "	$m => $m $staging_version"; done
    echo ")"
  } > "$work/go.mod"
  cat > "$work/cmd/etcd/main.go" <<'GO'
// Command etcd is etcd's server, at the version Kubernetes itself requires.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  commit=$(curl -fsSL "${GOPROXY_URL:-https://proxy.golang.org}/k8s.io/kubernetes/@v/$KUBE_VERSION.info" 2>/dev/null \
           | sed -n 's/.*"Origin".*"Hash":"\([0-9a-f]*\)".*/\1/p' || true)
  minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  vpkgs=(k8s.io/component-base/version k8s.io/client-go/pkg/version)
  ldflags="-s -w"
  for p in "${vpkgs[@]}"; do
    ldflags+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    [ -n "$commit" ] && ldflags+=" -X $p.gitCommit=$commit"
  done
  cd "$work"
  export CGO_ENABLED=0 GOFLAGS=-mod=mod
  for b in "${missing[@]}"; do
    t0=$(date +%s)
    if [ "$b" = etcd ]; then pkg=./cmd/etcd; else pkg="k8s.io/kubernetes/cmd/$b"; fi
    go build -trimpath -ldflags "$ldflags" -o "$KUBE_BIN_DIR/$b.tmp" "$pkg" \
      || fail "go build $pkg (see the compiler output above; the wrapper module is in $work)"
    mv "$KUBE_BIN_DIR/$b.tmp" "$KUBE_BIN_DIR/$b"
    log "built $b in $(( $(date +%s) - t0 ))s"
  done
  log "Kubernetes binaries ready in $(( $(date +%s) - start ))s"
fi

if [ ! -x "$KWOK_BIN_DIR/kwok" ] || [ ! -x "$KWOK_BIN_DIR/kwokctl" ]; then
  t0=$(date +%s)
  mkdir -p "$KWOK_BIN_DIR"
  log "kwok $KWOK_VERSION: go install kwok and kwokctl into $KWOK_BIN_DIR"
  GOBIN="$KWOK_BIN_DIR" CGO_ENABLED=0 go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION" \
    || fail "go install sigs.k8s.io/kwok/cmd/{kwok,kwokctl}@$KWOK_VERSION"
  log "kwok built in $(( $(date +%s) - t0 ))s"
fi
