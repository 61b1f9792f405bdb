#!/usr/bin/env bash
# Helm for this repo, pinned: builds helm $HELM_VERSION once with `go install` from the Go module
# proxy into $HELM_BIN_DIR (hack/versions.sh) and runs it on the chart helm/launchplan-operator.
#
#   hack/helm.sh path                  install if missing, print the helm binary's path
#   hack/helm.sh lint [ARGS...]        helm lint --strict, with the default values and with watchNamespaces
#   hack/helm.sh template [ARGS...]    helm template launchplan-operator <chart> --namespace launchplan ARGS...
#   hack/helm.sh helm ARGS...          any other helm command, e.g. `hack/helm.sh helm version`
#
# The first build takes a few minutes (module downloads and compiling); later calls use the cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=hack/versions.sh
source "$here/versions.sh"

CHART="$repo/helm/launchplan-operator"
HELM="$HELM_BIN_DIR/helm"

log() { printf '[helm] %s\n' "$*" >&2; }
fail() { printf '[helm] FAILED: %s\n' "$*" >&2; exit 1; }

install_helm() {
  [ -x "$HELM" ] && return 0
  command -v go >/dev/null || fail "go is not installed; helm $HELM_VERSION is built with go install (Go >= 1.24)"
  local t0 mod kube_ver major minor ldflags
  t0=$(date +%s)
  mkdir -p "$HELM_BIN_DIR"
  log "building helm $HELM_VERSION with go install into $HELM_BIN_DIR (first time only; takes a few minutes)"
  # helm's own Makefile stamps the version and the Kubernetes version that `helm template` and
  # `helm lint` assume (its client-go minor + 1.x); a plain go install would report v1.20.
  mod=$(cd "$HELM_BIN_DIR" && GOFLAGS=-mod=mod go mod download -json "helm.sh/helm/v3@$HELM_VERSION" \
        | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')
  [ -n "$mod" ] && [ -f "$mod" ] || fail "cannot download helm.sh/helm/v3@$HELM_VERSION from the Go module proxy"
  kube_ver=$(awk '$1 == "k8s.io/client-go" {print $2; exit}' "$mod")
  [ -n "$kube_ver" ] || fail "no k8s.io/client-go requirement in helm $HELM_VERSION's go.mod"
  major=1 # client-go v0.X.Y is Kubernetes 1.X.Y
  minor=$(echo "$kube_ver" | cut -d. -f2)
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags+=" -X $p.k8sVersionMajor=$major -X $p.k8sVersionMinor=$minor"
  done
  GOBIN="$HELM_BIN_DIR" CGO_ENABLED=0 GOFLAGS= go install -trimpath -ldflags "$ldflags" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" || fail "go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  log "helm $HELM_VERSION built in $(( $(date +%s) - t0 ))s"
}

# helm keeps repositories, cache and config in the home directory by default; the chart needs
# none of them, so keep them inside the repo's ignored .cluster/ rather than in ~.
export HELM_CACHE_HOME="${HELM_CACHE_HOME:-$repo/.cluster/helm/cache}"
export HELM_CONFIG_HOME="${HELM_CONFIG_HOME:-$repo/.cluster/helm/config}"
export HELM_DATA_HOME="${HELM_DATA_HOME:-$repo/.cluster/helm/data}"

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  path)
    install_helm
    echo "$HELM"
    ;;
  lint)
    install_helm
    "$HELM" lint --strict "$CHART" "$@"
    "$HELM" lint --strict "$CHART" --set 'watchNamespaces={shop,payments}' "$@"
    ;;
  template)
    install_helm
    "$HELM" template launchplan-operator "$CHART" --namespace launchplan "$@"
    ;;
  helm)
    install_helm
    "$HELM" "$@"
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
    ;;
esac
