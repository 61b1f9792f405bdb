# Pinned versions of everything the local test environment builds or installs.
# Sourced by the other hack/ scripts; change a version here and the cache key changes with it.
KUBE_VERSION="${KUBE_VERSION:-v1.36.3}"
KWOK_VERSION="${KWOK_VERSION:-v0.7.0}"
HELM_VERSION="${HELM_VERSION:-v3.19.0}"
LP_CACHE="${LP_CACHE:-$HOME/.cache/launchplan}"
KUBE_BIN_DIR="$LP_CACHE/kubernetes-$KUBE_VERSION/bin"
KWOK_BIN_DIR="$LP_CACHE/kwok-$KWOK_VERSION/bin"
HELM_BIN_DIR="$LP_CACHE/helm-$HELM_VERSION/bin"
