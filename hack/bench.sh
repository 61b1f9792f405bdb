#!/usr/bin/env bash
# make bench: detect-to-revert latency and capacity of the operator on the local environment.
# Ensures the local cluster runs (cluster-up when `cluster.sh status` finds anything wrong), builds
# the operator and the harness, runs the harness (bench/, io.launchplan.bench.Bench) and prints a
# table. Results: bench/results/<timestamp>.json and .png, raw numbers in bench/results/raw-<timestamp>/.
#
# Knobs (environment): BENCH_RUNS (20), BENCH_INTERVALS (1,5,10), BENCH_CAPACITY (100,300; 1000 is
# opt-in), BENCH_CAPACITY_REPEAT (1), BENCH_WINDOW_S (180), BENCH_PHASES (footprint,latency,push,capacity), BENCH_FOOTPRINT_WINDOW_S (60),
# BENCH_PUSH (auto|on|off), BENCH_OPERATOR_JAVA_OPTS (-Xmx256m @operator/jvm.options, as the image under the
# chart's 512Mi limit), BENCH_SKIP_BUILD=1. See bench/README.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if ! hack/cluster.sh status >/dev/null 2>&1; then
  hack/cluster.sh up
fi
# shellcheck source=/dev/null
source .cluster/env

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "==> building the operator and the bench harness"
  mvn -B -q -DskipTests package
fi

revision="${BENCH_OPERATOR_REVISION:-$(git describe --always --dirty 2>/dev/null || echo unknown)}"
echo "==> running the bench (operator ${revision}); this takes a while, progress below"
BENCH_REPO="$repo" BENCH_OPERATOR_REVISION="$revision" exec java -jar bench/target/launchplan-bench.jar
