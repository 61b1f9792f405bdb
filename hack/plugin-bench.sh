#!/usr/bin/env bash
# The plugin's start-up and `get -A` time (JVM start included), as `make plugin-bench` runs it on the
# local cluster: installs the build into target/plugin-bench/ (with its class-data archive), creates
# N LaunchPlans (default 1000) in namespace plugin-bench with a status like the operator's (history,
# analysis, conditions; written through the status subresource), then times R runs (default 5) of
#   kubectl-launchplan --version       JVM start and the command line, no API request
#   kubectl-launchplan get -A          the table of every plan
#   the same without the archive, and without the launcher's JVM flags
#   kubectl get lp -A                  for reference
# and prints min / median wall seconds of each. The namespace is deleted at the end (KEEP=1 keeps it,
# and a later run reuses its plans).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-1000}
runs=${R:-5}
ns=${NS:-plugin-bench}
: "${KUBECONFIG:?set KUBECONFIG (. .cluster/env)}"
prefix=$root/target/plugin-bench
PREFIX=$prefix "$root/hack/install-plugin.sh" >/dev/null
plugin=$prefix/bin/kubectl-launchplan
lib=$prefix/lib/kubectl-launchplan

cleanup() {
  [[ -n ${proxy_pid:-} ]] && kill "$proxy_pid" 2>/dev/null || true
  [[ -n ${KEEP:-} ]] || kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

kubectl create namespace "$ns" >/dev/null 2>&1 || true
if [[ $(kubectl -n "$ns" get lp --no-headers 2>/dev/null | grep -c Succeeded) -ne $n ]]; then
echo "creating $n LaunchPlans in namespace $ns ..." >&2
python3 - "$n" "$ns" > "$prefix/plans.yaml" <<'PY'
import sys
n, ns = int(sys.argv[1]), sys.argv[2]
for i in range(n):
    print(f"""---
apiVersion: launchplan.io/v1alpha1
kind: LaunchPlan
metadata: {{name: app-{i:04d}, namespace: {ns}}}
spec:
  targetRef: {{name: app-{i:04d}}}
  template: {{spec: {{containers: [{{name: app, image: "registry.example/app:{i}"}}]}}}}
  analysis:
    queries:
      - {{name: error-rate, expr: 'sum(rate(http_requests_total{{code=~"5.."}}[1m])) > 1', for: 20s}}
      - {{name: latency, expr: 'histogram_quantile(0.99, rate(http_request_duration_seconds_bucket[1m])) > 0.5'}}""")
PY
kubectl apply --server-side -f "$prefix/plans.yaml" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
kubectl proxy --port "$port" >/dev/null 2>&1 & proxy_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/version" >/dev/null && break; sleep 0.1; done
status='{"status":{"phase":"Succeeded","observedGeneration":1,"revision":"5d8c7f9b1a","stableRevision":"9a1b2c3d4e",
 "reason":"Verified","message":"revision 5d8c7f9b1a verified for 5m with every check passing",
 "phaseStartedAt":"2026-12-01T10:05:00Z","launchStartedAt":"2026-12-01T09:58:00Z","endedAt":"2026-12-01T10:05:00Z",
 "analysis":[{"name":"error-rate","value":"0.02","firing":false},{"name":"latency","value":"0.21","firing":false}],
 "conditions":[{"type":"Ready","status":"True","reason":"Verified","message":"launch is Succeeded","lastTransitionTime":"2026-12-01T10:05:00Z","observedGeneration":1},
  {"type":"Progressing","status":"False","reason":"Verified","message":"done","lastTransitionTime":"2026-12-01T10:05:00Z","observedGeneration":1}],
 "history":[
  {"phase":"Canary","reason":"LaunchStarted","message":"launching revision 5d8c7f9b1a onto Deployment app (stable revision 9a1b2c3d4e)","revision":"5d8c7f9b1a","at":"2026-12-01T09:58:00.100Z"},
  {"phase":"Observing","reason":"CanaryReady","message":"1/1 canary pods ready; observing for 2m","revision":"5d8c7f9b1a","at":"2026-12-01T09:58:02.100Z"},
  {"phase":"RollingOut","reason":"Promoted","message":"canary observed for 2m with every check passing; rolling out","revision":"5d8c7f9b1a","at":"2026-12-01T10:00:02.100Z"},
  {"phase":"Verifying","reason":"RolledOut","message":"all 3 replicas run revision 5d8c7f9b1a; verifying for 5m","revision":"5d8c7f9b1a","at":"2026-12-01T10:00:30.100Z"},
  {"phase":"Succeeded","reason":"Verified","message":"revision 5d8c7f9b1a verified for 5m with every check passing","revision":"5d8c7f9b1a","at":"2026-12-01T10:05:00.100Z"}]}}'
echo "writing their status ..." >&2
for i in $(seq 0 $((n - 1))); do
  printf 'app-%04d\n' "$i"
done | xargs -P 4 -I{} curl -fsS -o /dev/null -X PATCH -H 'Content-Type: application/merge-patch+json' \
  --data "$status" "http://127.0.0.1:$port/apis/launchplan.io/v1alpha1/namespaces/$ns/launchplans/{}/status"
fi

count=$("$plugin" get -A | grep -c "^$ns ")
[[ $count -eq $n ]] || { echo "error: get -A showed $count plans of $ns, not $n" >&2; exit 1; }

measure() { # label, command...
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || { echo "error: $label failed: $*" >&2; exit 1; }
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {printf "%-52s min %.2f s   median %.2f s   (%d runs)\n", label, a[1], a[int((NR+1)/2)], NR}'
}
breakdown() { # label, command...: where the time of one command goes (KUBECTL_LAUNCHPLAN_TRACE), median of R runs
  local label=$1; shift
  local traces=$prefix/traces
  rm -rf "$traces" && mkdir -p "$traces"
  for i in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    KUBECTL_LAUNCHPLAN_TRACE=1 "$@" 2>"$traces/$i" >/dev/null || { echo "error: $label failed: $*" >&2; cat "$traces/$i" >&2; exit 1; }
    t1=$(date +%s%N)
    echo "wall $(( (t1 - t0) / 1000000 ))" >> "$traces/$i"
  done
  python3 - "$label" "$traces" <<'PY'
import os, re, statistics, sys
label, d = sys.argv[1], sys.argv[2]
runs = []
for f in sorted(os.listdir(d)):
    stages, wall = [], None
    for line in open(os.path.join(d, f)):
        m = re.match(r"trace: (\d+) ms (.*)", line)
        if m:
            stages.append((re.sub(r" [0-9]+$|\(.*\)", "", m.group(2)).strip(), int(m.group(1))))
        elif line.startswith("wall "):
            wall = int(line.split()[1])
    runs.append((stages, wall))
print(f"breakdown of {label} (median of {len(runs)} runs; ms since the previous stage, JVM uptime):")
names = [s for s, _ in runs[0][0]]
for i, name in enumerate(names):
    deltas = []
    for r, (stages, _) in enumerate(runs):
        at = dict(stages).get(name)
        deltas.append(at - (dict(stages).get(names[i - 1], 0) if i else 0))
    print(f"  {('to ' + name) if i else 'JVM start to main':<44} {statistics.median(deltas):6.0f} ms")
outside = [w - dict(s)["exit"] for s, w in runs]
print(f"  {'launcher, JVM creation, exit (wall - uptime)':<44} {statistics.median(outside):6.0f} ms")
print(f"  {'wall':<44} {statistics.median([w for _, w in runs]):6.0f} ms")
PY
}

echo "plans in the cluster: $(kubectl get lp -A --no-headers | wc -l) ($n in $ns); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "kubectl-launchplan --version" "$plugin" --version
measure "kubectl-launchplan get -A" "$plugin" get -A
measure "kubectl-launchplan -n $ns get app-0001" "$plugin" -n "$ns" get app-0001
measure "get -A without the class-data archive" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$lib/kubectl-launchplan.jar" get -A
measure "get -A with the JVM's defaults (no flags, no archive)" java -jar "$lib/kubectl-launchplan.jar" get -A
measure "kubectl get lp -A (reference)" kubectl get lp -A
measure "kubectl-launchplan -n $ns get ($n plans)" "$plugin" -n "$ns" get
measure "kubectl -n $ns get lp (reference)" kubectl -n "$ns" get lp
breakdown "kubectl-launchplan -n $ns get" "$plugin" -n "$ns" get
