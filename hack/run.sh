#!/usr/bin/env bash
# Runs the operator from the build against the current KUBECONFIG (like `make run` in
# kubebuilder projects), after applying the CRD. Each launch transition is one log line.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if [ -z "${KUBECONFIG:-}" ] && [ -f .cluster/kubeconfig ]; then export KUBECONFIG="$repo/.cluster/kubeconfig"; fi
[ -f .cluster/env ] && [ -z "${LAUNCHPLAN_PROMETHEUS_URL:-}" ] && source .cluster/env
source hack/versions.sh
kubectl_bin="$KUBE_BIN_DIR/kubectl"; [ -x "$kubectl_bin" ] || kubectl_bin=kubectl
mvn -B -q -DskipTests package
"$kubectl_bin" apply --server-side --force-conflicts -f crds/launchplans.launchplan.io-v1.yml
# The Alertmanager receiver where hack/alertmanager/alertmanager.yml sends, with its local token.
export LAUNCHPLAN_RECEIVER_PORT="${LAUNCHPLAN_RECEIVER_PORT:-18081}"
[ -n "${LAUNCHPLAN_RECEIVER_TOKEN_SECRET:-}" ] || export LAUNCHPLAN_RECEIVER_TOKEN="${LAUNCHPLAN_RECEIVER_TOKEN:-launchplan-local-receiver-token}"
exec java -jar operator/target/launchplan-operator.jar
