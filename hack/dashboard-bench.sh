#!/usr/bin/env bash
# Memory of `kubectl launchplan dashboard` following N LaunchPlans (default 300) for DURATION seconds
# (default 600), as `make dashboard-bench` runs it on the local cluster (docs/dashboard.md#memory).
#
# - N plans in namespace $NS (default db-bench), in lanes of 10, created by the writer below;
# - a writer (python, through `kubectl proxy`) plays the operator: every plan's status is written
#   every 10 s (analysis values, lastAnalysisAt), and every plan runs a launch every ~2 minutes
#   (Pending -> Canary -> Observing -> RollingOut -> Verifying -> Succeeded, each a history entry,
#   history capped at 50 like the operator's): N/10 status writes a second, all of them watched;
# - the dashboard (the packaged launcher, its own JVM flags) follows the namespace, with two event
#   streams open the whole time (the overview and one plan's page), a third opened and dropped
#   every 20 s (a page closed), and a plan page's charts fetched every 60 s;
# - every 30 s: the process' RSS, the heap used after a full GC (jcmd GC.run + GC.heap_info), its
#   threads, and the bytes the two streams received. CSV in target/dashboard-bench/samples.csv;
#   a summary at the end. The namespace is deleted at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-300}
duration=${DURATION:-600}
ns=${NS:-db-bench}
port=${PORT:-18353}
proxy_port=${PROXY_PORT:-18352}
: "${KUBECONFIG:?set KUBECONFIG (. .cluster/env)}"
out=$root/target/dashboard-bench
mkdir -p "$out"
[[ -f $root/plugin/target/kubectl-launchplan.jar ]] || { echo "build the plugin first: mvn -B -pl plugin -am package -DskipTests" >&2; exit 2; }
# a copy of the launcher and the jar: a rebuild during the run must not replace the jar under the JVM
cp "$root/plugin/target/bin/kubectl-launchplan" "$root/plugin/target/kubectl-launchplan.jar" "$out/"
launcher=$out/kubectl-launchplan
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n ${KEEP:-} ]] || kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

kubectl create namespace "$ns" >/dev/null 2>&1 || true
kubectl proxy --port "$proxy_port" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$proxy_port/version" >/dev/null && break; sleep 0.1; done

python3 - "$n" "$ns" "$proxy_port" "$((duration + 60))" > "$out/writer.log" 2>&1 <<'PY' & pids+=($!)
import json, random, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor
n, ns, port, duration = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
phases = ["Pending", "Canary", "Observing", "RollingOut", "Verifying", "Succeeded"]
history = {i: [] for i in range(n)}
def now(): return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".%03dZ" % (int(time.time() * 1000) % 1000)
def write(i, tick):
    step = (tick + i) % 12          # a launch every 12 ticks (2 minutes), each phase 2 ticks
    phase = phases[step // 2]
    if step % 2 == 0:
        history[i].append({"phase": phase, "reason": "Bench" + phase, "message": f"tick {tick}: {phase}", "revision": f"r{tick // 12:08d}", "at": now()})
        del history[i][:-50]
    status = {"phase": phase, "observedGeneration": 1, "revision": f"r{tick // 12:08d}", "reason": "Bench" + phase,
              "message": f"tick {tick}", "phaseStartedAt": now(), "lastAnalysisAt": now(),
              "analysis": [{"name": "error-rate", "value": "%.4f" % random.random(), "firing": False},
                           {"name": "latency", "value": "%.3f" % random.random(), "firing": False}],
              "history": history[i]}
    req = urllib.request.Request(f"{api}/app-{i:04d}/status",
        data=json.dumps({"status": status}).encode(), method="PATCH", headers={"Content-Type": "application/merge-patch+json"})
    urllib.request.urlopen(req, timeout=30).read()
api = f"http://127.0.0.1:{port}/apis/launchplan.io/v1alpha1/namespaces/{ns}/launchplans"
def create(i):
    canary_5xx = 'sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}",code=~"5.."}[1m])) > 1'
    plan = {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPlan", "metadata": {"name": f"app-{i:04d}"},
            "spec": {"targetRef": {"name": f"app-{i:04d}"}, "lane": f"lane-{i // 10:02d}",
                     "template": {"spec": {"containers": [{"name": "app", "image": f"registry.example/app:{i}"}]}},
                     "analysis": {"queries": [{"name": "error-rate", "expr": canary_5xx, "for": "20s"},
                                              {"name": "latency", "expr": "histogram_quantile(0.99, rate(http_request_duration_seconds_bucket[1m])) > 0.5"}]}}}
    req = urllib.request.Request(api, data=json.dumps(plan).encode(), method="POST", headers={"Content-Type": "application/json"})
    try: urllib.request.urlopen(req, timeout=30).read()
    except urllib.error.HTTPError as e:
        if e.code != 409: raise          # 409: kept from an earlier run (KEEP=1)
with ThreadPoolExecutor(4) as pool:
    list(pool.map(create, range(n)))
print(f"created {n} plans", flush=True)
start = time.time(); tick = 0; errors = 0
with ThreadPoolExecutor(4) as pool:
    while time.time() - start < duration:
        t0 = time.time()
        for f in [pool.submit(write, i, tick) for i in range(n)]:
            try: f.result()
            except Exception as e: errors += 1; print("write failed:", e, flush=True)
        took = time.time() - t0
        print(f"tick {tick}: {n} status writes in {took:.1f}s, errors so far {errors}", flush=True)
        tick += 1
        time.sleep(max(0, 10 - took))
PY

for _ in $(seq 600); do grep -q "^created" "$out/writer.log" && break; sleep 0.5; done
grep -q "^created" "$out/writer.log" || { echo "the plans were not created:" >&2; cat "$out/writer.log" >&2; exit 1; }
echo "dashboard JVM options: the launcher's, plus KUBECTL_LAUNCHPLAN_JAVA_OPTS=${KUBECTL_LAUNCHPLAN_JAVA_OPTS:-(none)}"
"$launcher" --kubeconfig "$KUBECONFIG" -n "$ns" dashboard --port "$port" > "$out/dashboard.log" 2>&1 & dash=$!; pids+=($dash)
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/api/overview" -o /dev/null && break; sleep 0.2; done
curl -sN "http://127.0.0.1:$port/events" -o "$out/overview.sse" & pids+=($!)
curl -sN "http://127.0.0.1:$port/events?plan=$ns/app-0000" -o "$out/plan.sse" & pids+=($!)

heap_used() { # KB used after a full GC
  jcmd "$dash" GC.run >/dev/null 2>&1 || true
  # the young and the old generation's "used" (Serial GC: "def new generation", "tenured generation"; G1: "garbage-first heap")
  jcmd "$dash" GC.heap_info 2>/dev/null | awk '/generation|garbage-first heap/ && /used/ {
    for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub("K.*", "", v); sum += v } } END { print sum + 0 }'
}
heap_committed() { # KB the heap has reserved from the OS (young + old "total")
  jcmd "$dash" GC.heap_info 2>/dev/null | awk '/generation|garbage-first heap/ && /total/ {
    for (i = 1; i <= NF; i++) if ($i == "total") { v = $(i+1); sub("K.*", "", v); sum += v } } END { print sum + 0 }'
}
echo "t_s,rss_kb,heap_used_after_gc_kb,heap_committed_kb,threads,overview_sse_bytes,plan_sse_bytes" > "$out/samples.csv"
start=$(date +%s)
last_sample=-30; last_drop=0; last_charts=0
while :; do
  t=$(( $(date +%s) - start ))
  (( t >= duration )) && break
  if (( t - last_drop >= 20 )); then curl -sN --max-time 5 "http://127.0.0.1:$port/events" -o /dev/null || true; last_drop=$t; fi
  if (( t - last_charts >= 60 )); then curl -s "http://127.0.0.1:$port/api/plans/$ns/app-0001/series" -o "$out/series.json" || true; last_charts=$t; fi
  if (( t - last_sample >= 30 )); then
    rss=$(awk '/VmRSS/ {print $2}' /proc/$dash/status); thr=$(awk '/Threads/ {print $2}' /proc/$dash/status)
    echo "$t,$rss,$(heap_used),$(heap_committed),$thr,$(stat -c %s "$out/overview.sse"),$(stat -c %s "$out/plan.sse")" | tee -a "$out/samples.csv"
    last_sample=$t
  fi
  sleep 1
done
rss=$(awk '/VmRSS/ {print $2}' /proc/$dash/status); thr=$(awk '/Threads/ {print $2}' /proc/$dash/status)
echo "$duration,$rss,$(heap_used),$(heap_committed),$thr,$(stat -c %s "$out/overview.sse"),$(stat -c %s "$out/plan.sse")" | tee -a "$out/samples.csv"
python3 - "$out/samples.csv" "$out/writer.log" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def col(k): return [int(r[k]) for r in rows if r[k]]
rss, heap, committed, thr = col("rss_kb"), col("heap_used_after_gc_kb"), col("heap_committed_kb"), col("threads")
half = len(rows) // 2
print(f"samples: {len(rows)} over {rows[-1]['t_s']} s")
print(f"RSS MB: first {rss[0]/1024:.0f}, max {max(rss)/1024:.0f}, last {rss[-1]/1024:.0f}; max of 1st half {max(rss[:half])/1024:.0f}, of 2nd half {max(rss[half:])/1024:.0f}")
print(f"heap used after full GC MB: first {heap[0]/1024:.1f}, max {max(heap)/1024:.1f}, last {heap[-1]/1024:.1f}; max of 1st half {max(heap[:half])/1024:.1f}, of 2nd half {max(heap[half:])/1024:.1f}")
print(f"heap committed MB: first {committed[0]/1024:.0f}, max {max(committed)/1024:.0f}, last {committed[-1]/1024:.0f}")
print(f"threads: first {thr[0]}, max {max(thr)}, last {thr[-1]}")
print(f"event stream bytes: overview {rows[-1]['overview_sse_bytes']}, plan {rows[-1]['plan_sse_bytes']}")
ticks = [l for l in open(sys.argv[2]) if l.startswith("tick")]
print(f"status writes: {len(ticks)} rounds; last: {ticks[-1].strip() if ticks else '-'}")
PY
