#!/usr/bin/env bash
# The operator's main job end to end on the local environment: brings up the cluster, Prometheus
# and the traffic simulator, runs the operator from the build, applies the demo app and both
# example launches, and prints each launch's timeline until one has Succeeded and one Reverted.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

step() { printf '\n==> %s\n' "$*"; }

step "local cluster, Prometheus, Alertmanager, traffic simulator"
hack/cluster.sh up
source .cluster/env
source hack/versions.sh
kubectl() { "$KUBE_BIN_DIR/kubectl" "$@"; }

step "building the operator"
mvn -B -q -DskipTests package
kubectl apply --server-side --force-conflicts -f crds/launchplans.launchplan.io-v1.yml >/dev/null
kubectl wait --for condition=established crd/launchplans.launchplan.io --timeout=30s >/dev/null

step "starting the operator (log: .cluster/logs/operator-demo.log)"
mkdir -p .cluster/logs
# The receiver listens where hack/alertmanager/alertmanager.yml sends, with the same local token.
LAUNCHPLAN_METRICS_PORT=18080 LAUNCHPLAN_PROMETHEUS_URL="$LAUNCHPLAN_PROMETHEUS_URL" \
  LAUNCHPLAN_RECEIVER_PORT=18081 LAUNCHPLAN_RECEIVER_TOKEN=launchplan-local-receiver-token \
  java -jar operator/target/launchplan-operator.jar > .cluster/logs/operator-demo.log 2>&1 &
operator_pid=$!
trap 'kill $operator_pid 2>/dev/null || true' EXIT

step "demo app: Deployments checkout and search in namespace demo"
kubectl delete namespace demo --ignore-not-found --wait=true >/dev/null
kubectl apply -f examples/demo-app.yaml >/dev/null
kubectl -n demo rollout status deployment/checkout --timeout=60s
kubectl -n demo rollout status deployment/search --timeout=60s
sleep 5   # let Prometheus see a few scrapes of the stable pods

step "applying examples/launch-succeeds.yaml and examples/launch-reverts.yaml"
kubectl apply -f examples/launch-succeeds.yaml -f examples/launch-reverts.yaml

phase() { kubectl -n demo get lp "$1" -o jsonpath='{.status.phase}' 2>/dev/null || true; }
deadline=$(( $(date +%s) + 240 ))
while :; do
  kubectl -n demo get lp
  c=$(phase checkout); s=$(phase search)
  if [[ "$c" =~ ^(Succeeded|Reverted)$ && "$s" =~ ^(Succeeded|Reverted)$ ]]; then break; fi
  if (( $(date +%s) > deadline )); then echo "demo: launches did not finish in 4 minutes; see .cluster/logs/operator-demo.log" >&2; exit 1; fi
  sleep 5
done

for plan in checkout search; do
  step "timeline of LaunchPlan demo/$plan"
  kubectl -n demo get lp "$plan" -o jsonpath='{range .status.history[*]}{.at}{"  "}{.phase}{"  "}{.reason}{"  "}{.message}{"\n"}{end}'
done
step "target images after the launches"
kubectl -n demo get deploy -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image
c=$(phase checkout); s=$(phase search)
echo
echo "checkout: $c (expected Succeeded); search: $s (expected Reverted)"
[[ "$c" == Succeeded && "$s" == Reverted ]]
