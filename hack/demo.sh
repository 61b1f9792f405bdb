#!/usr/bin/env bash
# The operator's main job end to end on the local environment: brings up the cluster, Prometheus
# and the traffic simulator, runs the operator from the build, applies the demo app and both
# example launches, and prints each launch's timeline until one has Succeeded and one Reverted.
#
# REAL=1 runs the same two launches on the real node instead (examples/real/): real containers of
# the demo app, real traffic from a load generator through kube-proxy, Prometheus scraping the
# pods' own metrics. Without it, the pods sit on KWOK nodes and the simulator plays their traffic.
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
# Every CRD the operator watches (LaunchPlan, LaunchPolicy, LaunchApproval): it stops when one is missing.
kubectl apply --server-side --force-conflicts -f crds/ >/dev/null
kubectl wait --for condition=established crd/launchplans.launchplan.io crd/launchpolicies.launchplan.io \
  crd/launchapprovals.launchplan.io --timeout=30s >/dev/null

step "starting the operator (log: .cluster/logs/operator-demo.log)"
mkdir -p .cluster/logs
# The receiver listens where hack/alertmanager/alertmanager.yml sends, with the same local token.
LAUNCHPLAN_METRICS_PORT=18080 LAUNCHPLAN_PROMETHEUS_URL="$LAUNCHPLAN_PROMETHEUS_URL" \
  LAUNCHPLAN_RECEIVER_PORT=18081 LAUNCHPLAN_RECEIVER_TOKEN=launchplan-local-receiver-token \
  java -jar operator/target/launchplan-operator.jar > .cluster/logs/operator-demo.log 2>&1 &
operator_pid=$!
trap 'kill $operator_pid 2>/dev/null || true' EXIT

if [ "${REAL:-0}" = 1 ]; then
  ns=demo-real examples=examples/real
  step "demo app on the real node: Deployments checkout and search, a load generator, in namespace $ns"
else
  ns=demo examples=examples
  step "demo app: Deployments checkout and search in namespace $ns"
fi
kubectl delete namespace "$ns" --ignore-not-found --wait=true >/dev/null
kubectl apply -f "$examples/demo-app.yaml" >/dev/null
kubectl -n "$ns" rollout status deployment/checkout --timeout=60s
kubectl -n "$ns" rollout status deployment/search --timeout=60s
sleep 5   # let Prometheus see a few scrapes of the stable pods

step "applying $examples/launch-succeeds.yaml and $examples/launch-reverts.yaml"
kubectl apply -f "$examples/launch-succeeds.yaml" -f "$examples/launch-reverts.yaml"

phase() { kubectl -n "$ns" get lp "$1" -o jsonpath='{.status.phase}' 2>/dev/null || true; }
deadline=$(( $(date +%s) + 240 ))
while :; do
  kubectl -n "$ns" get lp
  c=$(phase checkout); s=$(phase search)
  if [[ "$c" =~ ^(Succeeded|Reverted)$ && "$s" =~ ^(Succeeded|Reverted)$ ]]; then break; fi
  if (( $(date +%s) > deadline )); then echo "demo: launches did not finish in 4 minutes; see .cluster/logs/operator-demo.log" >&2; exit 1; fi
  sleep 5
done

for plan in checkout search; do
  step "timeline of LaunchPlan $ns/$plan"
  kubectl -n "$ns" get lp "$plan" -o jsonpath='{range .status.history[*]}{.at}{"  "}{.phase}{"  "}{.reason}{"  "}{.message}{"\n"}{end}'
done
step "target images after the launches"
kubectl -n "$ns" get deploy -o custom-columns='NAME:.metadata.name,IMAGE:.spec.template.spec.containers[0].image,ENV:.spec.template.spec.containers[0].env[*].value,NODE:.spec.template.spec.nodeSelector'
if [ "${REAL:-0}" = 1 ]; then
  step "the load generator's view (real requests through the Services)"
  kubectl -n "$ns" logs deployment/load --all-containers --tail=2 --prefix
fi
c=$(phase checkout); s=$(phase search)
echo
echo "checkout: $c (expected Succeeded); search: $s (expected Reverted)"
[[ "$c" == Succeeded && "$s" == Reverted ]]
