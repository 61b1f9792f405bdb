#!/usr/bin/env bash
# Local test environment of launchplan-operator, all on 127.0.0.1 and all under .cluster/:
#
#   hack/cluster.sh up      build (once) and start everything; idempotent, fast when already up
#   hack/cluster.sh down    stop exactly what `up` started and delete the cluster; idempotent
#   hack/cluster.sh status  nodes and health of every component; non-zero exit if anything is wrong
#   hack/cluster.sh env     print the export lines (the content of .cluster/env)
#   hack/cluster.sh import-image LAYOUT REPO   an OCI layout into the real node's containerd as REPO:<tag>
#   hack/cluster.sh check-config   validate the Prometheus/Alertmanager configs and rule unit tests
#
# What runs, and where:
#   Kubernetes (kwokctl, runtime binary)  https://127.0.0.1:16443   kubeconfig .cluster/kubeconfig
#     etcd 16379/16380, kube-controller-manager 16257, kube-scheduler 16259, kwok-controller 16247
#     two fake nodes (hack/kwok/nodes.yaml) on which pods become Running/Ready without containers
#   Prometheus      http://127.0.0.1:19090  config hack/prometheus/, data .cluster/prometheus/
#   Alertmanager    http://127.0.0.1:19093  config hack/alertmanager/, data .cluster/alertmanager/
#                   -> webhook http://127.0.0.1:18081/alertmanager (served by the operator)
#   Simulator       http://127.0.0.1:19101  simulator/target/launchplan-simulator.jar
#
# Processes this script starts itself are recorded in .cluster/pids/<name>.pid with their logs in
# .cluster/logs/<name>.log. kwokctl runs the control plane processes and records them in its own
# work dir (.cluster/kwok/clusters/launchplan/{pids,logs}); `kwokctl delete cluster` stops them.
# -E: the ERR trap (one-line failure diagnosis of `up`) also fires inside functions.
set -Eeuo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=hack/versions.sh
source "$here/versions.sh"

CLUSTER_NAME=launchplan
CLUSTER_DIR="$repo/.cluster"
PID_DIR="$CLUSTER_DIR/pids"
LOG_DIR="$CLUSTER_DIR/logs"
KUBECONFIG_PATH="$CLUSTER_DIR/kubeconfig"
ENV_FILE="$CLUSTER_DIR/env"
# kwokctl keeps everything (pki, etcd data, component logs, pids) under $KWOK_WORKDIR; pointing it
# into .cluster/ keeps the home directory clean and makes `down` + `rm -rf .cluster` a full reset.
export KWOK_WORKDIR="$CLUSTER_DIR/kwok"
KWOK_CLUSTER_DIR="$KWOK_WORKDIR/clusters/$CLUSTER_NAME"
KWOKCTL_CONFIG="$here/kwok/kwokctl.yaml"
# kubectl's discovery/HTTP cache, for our kubectl and the one kwokctl runs itself (readiness checks),
# which would otherwise create ~/.kube/cache.
export KUBECACHEDIR="$CLUSTER_DIR/kubectl-cache"

APISERVER_PORT=16443
# The other control plane ports, as set in hack/kwok/kwokctl.yaml (checked before creating it).
KWOK_PORTS=(16379 16380 16257 16259 16247 "$APISERVER_PORT")
PROMETHEUS_ADDR=127.0.0.1:19090
ALERTMANAGER_ADDR=127.0.0.1:19093
SIMULATOR_ADDR=127.0.0.1:19101

PROMETHEUS_CONFIG="$here/prometheus/prometheus.yml"
PROMETHEUS_DIR="$CLUSTER_DIR/prometheus"
ALERTMANAGER_CONFIG="$here/alertmanager/alertmanager.yml"
ALERTMANAGER_DIR="$CLUSTER_DIR/alertmanager"
SIMULATOR_JAR="$repo/simulator/target/launchplan-simulator.jar"

KUBECTL="$KUBE_BIN_DIR/kubectl"
# shellcheck source=hack/node.sh
source "$here/node.sh"
KWOKCTL="$KWOK_BIN_DIR/kwokctl"

# ---------------------------------------------------------------------------------------------
# Output, failure reporting and step timing
# ---------------------------------------------------------------------------------------------

CURRENT_STEP=""
STEP_NAMES=()
STEP_SECONDS=()

log() { printf '[cluster] %s\n' "$*" >&2; }

now_ms() { date +%s%3N; }

# Prints the last lines of each given log that exists, so a failure shows its cause right away.
show_logs() {
  local f
  for f in "$@"; do
    [ -n "$f" ] && [ -s "$f" ] || continue
    printf -- '----- last lines of %s -----\n' "$f" >&2
    tail -n 25 "$f" >&2
    printf -- '-----\n' >&2
  done
}

# die WHAT TODO [LOG...]: the one failure format of `up`, with the logs that explain it.
die() {
  local what="$1" todo="$2"; shift 2
  trap - ERR
  printf 'cluster-up FAILED at step %s: %s; %s\n' "${CURRENT_STEP:-setup}" "$what" "$todo" >&2
  show_logs "$@"
  [ ${#STEP_NAMES[@]} -eq 0 ] || print_timings "(failed)" >&2
  exit 1
}

# Any command failing without an explicit die() still yields the same one-line diagnosis.
on_err() {
  local rc=$? cmd=$BASH_COMMAND
  trap - ERR
  printf 'cluster-up FAILED at step %s: command `%s` exited with %s; see the output above and the logs in %s\n' \
    "${CURRENT_STEP:-setup}" "$cmd" "$rc" "$LOG_DIR" >&2
  exit "$rc"
}

# run_step NAME FUNCTION: runs one step of `up` and records how long it took.
run_step() {
  local name="$1" fn="$2" t0
  CURRENT_STEP="$name"
  t0=$(now_ms)
  "$fn"
  STEP_NAMES+=("$name")
  STEP_SECONDS+=("$(fmt_ms $(( $(now_ms) - t0 )))")
  CURRENT_STEP=""
}

fmt_ms() { printf '%d.%01ds' $(( $1 / 1000 )) $(( ($1 % 1000) / 100 )); }

print_timings() {
  local i
  echo "Step timings:"
  for i in "${!STEP_NAMES[@]}"; do
    printf '  %-14s %8s\n' "${STEP_NAMES[$i]}" "${STEP_SECONDS[$i]}"
  done
  printf '  %-14s %8s\n' total "$1"
}

# ---------------------------------------------------------------------------------------------
# Processes, ports and health
# ---------------------------------------------------------------------------------------------

# Command line of a live process, NULs turned into spaces; empty when it does not exist.
proc_cmdline() { tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline" || true; }

# is_ours PID MARKER: the process is alive, is one of the programs we start, and its command line
# names MARKER (our config file or jar). A recycled PID of some other program never matches.
is_ours() {
  local pid="$1" marker="$2"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  is_our_process "$pid" && [[ "$(proc_cmdline "$pid")" == *"$marker"* ]]
}

# is_our_process PID: a control plane process of our kwok cluster (a cached binary run via the
# cluster's bin/ symlinks), or our Prometheus, Alertmanager or simulator (by config file / jar).
is_our_process() {
  local pid="$1" exe cmd
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  [ -n "$exe" ] || return 1
  is_node_process "$pid" && return 0
  cmd="$(proc_cmdline "$pid")"
  case "$exe" in
    "$KUBE_BIN_DIR"/*|"$KWOK_BIN_DIR"/*) [[ "$cmd" == *"$KWOK_WORKDIR"* ]] ;;
    */prometheus) [[ "$cmd" == *"$PROMETHEUS_CONFIG"* ]] ;;
    */prometheus-alertmanager) [[ "$cmd" == *"$ALERTMANAGER_CONFIG"* ]] ;;
    */java) [[ "$cmd" == *"$SIMULATOR_JAR"* ]] ;;
    *) return 1 ;;
  esac
}

pid_file() { echo "$PID_DIR/$1.pid"; }
recorded_pid() { cat "$(pid_file "$1")" 2>/dev/null || true; }

# Who listens on a TCP port where a service of ours on 127.0.0.1 would collide: 127.0.0.1 itself or
# a wildcard address; empty when nobody does. A listener on another address (the real node's
# forwarders on its bridge address use the same port numbers) does not collide.
port_holder() {
  ss -Hltnp "( sport = :$1 )" 2>/dev/null \
    | awk '$4 ~ /^(127\.0\.0\.1|0\.0\.0\.0|\*|\[::\]|\[::ffff:127\.0\.0\.1\]):[0-9]+$/' || true
}
port_pids() { port_holder "$1" | { grep -o 'pid=[0-9]*' || true; } | cut -d= -f2 | sort -u; }

# require_port_free PORT WHAT: fails naming the holder when PORT is taken. A process of ours
# holding it (see is_our_process) is a leftover that `down` cleans up; anything else is named.
require_port_free() {
  local port="$1" what="$2" holder pid
  holder="$(port_holder "$port")"
  [ -n "$holder" ] || return 0
  for pid in $(port_pids "$port"); do
    if ! is_our_process "$pid"; then
      die "port 127.0.0.1:$port needed by $what is taken by another process: $(echo "$holder" | tr -s ' ')" \
          "stop that process (pid $pid: $(proc_cmdline "$pid" | cut -c1-150)) or free port $port, then rerun"
    fi
  done
  die "port 127.0.0.1:$port needed by $what is held by a leftover process of this environment: $(echo "$holder" | tr -s ' ')" \
      "run 'hack/cluster.sh down' to stop leftovers, then rerun 'hack/cluster.sh up'"
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# wait_http URL SECONDS PID WHAT LOG: waits for URL to answer 2xx while PID stays alive.
wait_http() {
  local url="$1" timeout="$2" pid="$3" what="$4" logf="$5" deadline
  deadline=$(( $(date +%s) + timeout ))
  until http_ok "$url"; do
    [ -d "/proc/$pid" ] || die "$what exited during startup" "read its log $logf and fix the cause" "$logf"
    [ "$(date +%s)" -lt "$deadline" ] || die "$what did not answer $url within ${timeout}s" \
      "read its log $logf; 'hack/cluster.sh down' then 'up' retries from scratch" "$logf"
    sleep 0.2
  done
}

# start_bg NAME WORKDIR CMD...: starts CMD detached (own session, so it survives this shell and its
# terminal), stdout+stderr to .cluster/logs/NAME.log, and records its PID.
start_bg() {
  local name="$1" dir="$2"; shift 2
  local logf="$LOG_DIR/$name.log"
  mkdir -p "$dir"
  printf '=== %s: %s\n' "$(date -Is)" "$*" >> "$logf"
  # A non-interactive shell runs `&` jobs in its own process group, so setsid does not fork and
  # $! is the PID of the program itself.
  # 9>&-: the long-lived process must not inherit the lock of take_lock, or it would hold it forever.
  (cd "$dir" && exec setsid "$@" >> "$logf" 2>&1 < /dev/null 9>&-) &
  echo $! > "$(pid_file "$name")"
}

# stop_pid NAME PID: TERM, wait up to 15s, then KILL.
stop_pid() {
  local name="$1" pid="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 75); do
    [ -d "/proc/$pid" ] || { log "stopped $name (pid $pid)"; return 0; }
    # A zombie child of ours counts as gone.
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.2
  done
  log "$name (pid $pid) ignored TERM for 15s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# ensure_service NAME MARKER HEALTH_URL PORT: 0 when the recorded process is ours and healthy
# (nothing to do); otherwise clears a stale record and returns 1 so the caller starts a fresh one.
ensure_service() {
  local name="$1" marker="$2" url="$3" port="$4" pid
  pid="$(recorded_pid "$name")"
  # A healthy process of ours on the port whose PID file was lost (deleted .cluster/pids, an
  # interrupted `up`) is adopted rather than reported as a conflict or started twice.
  if ! is_ours "$pid" "$marker"; then
    for pid in $(port_pids "$port"); do
      if is_ours "$pid" "$marker" && http_ok "$url"; then
        echo "$pid" > "$(pid_file "$name")"
        log "$name already running (pid $pid, unrecorded until now)"
        return 0
      fi
    done
    pid=""
  fi
  if is_ours "$pid" "$marker"; then
    if http_ok "$url"; then
      log "$name already running (pid $pid)"
      return 0
    fi
    # Alive but not answering: maybe still starting; give it a few seconds before replacing it.
    local i
    for i in $(seq 1 25); do http_ok "$url" && { log "$name already running (pid $pid)"; return 0; }; sleep 0.2; done
    log "$name (pid $pid) is running but $url does not answer; restarting it"
    stop_pid "$name" "$pid"
  fi
  rm -f "$(pid_file "$name")"
  return 1
}

# ---------------------------------------------------------------------------------------------
# kwokctl / kubectl
# ---------------------------------------------------------------------------------------------

# kwokctl with the local binaries forced everywhere it could otherwise download one, and an
# unroutable proxy for any remote URL: a download attempt fails at once instead of fetching.
# (Go never proxies loopback addresses, so talking to the local apiserver is unaffected.)
# NO_PROXY also names the real node's bridge: the API server (started by kwokctl, so with this
# environment) reaches the kubelet there for `kubectl logs` and `exec`.
kwokctl() {
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY="127.0.0.1,localhost,$NODE_SUBNET" \
  KWOK_KUBE_BINARY_PREFIX="$KUBE_BIN_DIR" KWOK_ETCD_BINARY_PREFIX="$KUBE_BIN_DIR" \
  KWOK_BINARY_PREFIX="$KWOK_BIN_DIR" KWOK_KUBECTL_BINARY="$KUBECTL" \
  KWOK_KUBE_VERSION="$KUBE_VERSION" \
    "$KWOKCTL" --name "$CLUSTER_NAME" "$@" 9>&-
}

kc() { "$KUBECTL" --kubeconfig "$KUBECONFIG_PATH" "$@"; }

apiserver_ready() { [ -s "$KUBECONFIG_PATH" ] && kc get --raw=/readyz --request-timeout=3s >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# up: the steps
# ---------------------------------------------------------------------------------------------

step_build() {
  local logf="$LOG_DIR/build-binaries.log" b
  # build-binaries.sh is a no-op when everything is cached; its first run takes many minutes.
  if ! "$here/build-binaries.sh" 2>&1 | tee -a "$logf" >&2; then
    die "hack/build-binaries.sh failed" "fix the build error shown in $logf and rerun" "$logf"
  fi
  for b in "$KUBE_BIN_DIR"/{kube-apiserver,kube-controller-manager,kube-scheduler,kubectl,etcd,kubelet,kube-proxy} \
           "$KWOK_BIN_DIR"/{kwok,kwokctl}; do
    [ -x "$b" ] || die "$b is missing after hack/build-binaries.sh" "delete $LP_CACHE and rerun to rebuild" "$logf"
  done
}

step_cluster() {
  local logf="$LOG_DIR/kwokctl.log" kwok_logs="$KWOK_CLUSTER_DIR/logs" p
  if apiserver_ready; then
    log "cluster $CLUSTER_NAME already running (https://127.0.0.1:$APISERVER_PORT)"
    return 0
  fi
  [ -d "$KWOK_CLUSTER_DIR" ] && stop_broken_cluster
  for p in "${KWOK_PORTS[@]}"; do require_port_free "$p" "the kwok cluster"; done
  log "creating cluster $CLUSTER_NAME with kwokctl (runtime binary) in $KWOK_CLUSTER_DIR"
  # `create cluster` on an existing (stopped) cluster starts its components again.
  # --kubeconfig "": do not touch ~/.kube/config; our kubeconfig is written below.
  render_kwokctl_config
  if ! kwokctl --config "$KWOKCTL_RENDERED" create cluster \
        --runtime binary \
        --kubeconfig "" \
        --kube-apiserver-binary "$KUBE_BIN_DIR/kube-apiserver" \
        --kube-controller-manager-binary "$KUBE_BIN_DIR/kube-controller-manager" \
        --kube-scheduler-binary "$KUBE_BIN_DIR/kube-scheduler" \
        --etcd-binary "$KUBE_BIN_DIR/etcd" \
        --kwok-controller-binary "$KWOK_BIN_DIR/kwok" \
        --timeout 3m >> "$logf" 2>&1; then
    die "kwokctl create cluster failed" "read $logf and $kwok_logs/; 'hack/cluster.sh down' then 'up' starts from scratch" \
        "$logf" "$kwok_logs/kube-apiserver.log" "$kwok_logs/etcd.log"
  fi
  write_kubeconfig
  local deadline=$(( $(date +%s) + 90 ))
  until apiserver_ready; do
    [ "$(date +%s)" -lt "$deadline" ] || die "kube-apiserver is not ready (/readyz) 90s after kwokctl created it" \
      "read the logs in $kwok_logs/; 'hack/cluster.sh down' then 'up' starts from scratch" \
      "$kwok_logs/kube-apiserver.log" "$kwok_logs/etcd.log"
    sleep 0.5
  done
}

# hack/kwok/kwokctl.yaml with this checkout's paths filled in (@PKI@: kwokctl's pki directory,
# @NODE_IP@: the real node's address), followed by the KWOK Stages of hack/kwok/stages.yaml (kwok's
# default node and pod stages, plus Job pods that finish as their launchplan.io/test-exit annotation
# says), written to .cluster/kwokctl.yaml. kwokctl v0.7.0 uses the Stages of its --config instead of
# its defaults when there are any (pkg/kwokctl/runtime/cluster.go), so stages.yaml keeps every default.
# Takes effect when a cluster is created from scratch: a stopped one starts with its saved kwok.yaml.
KWOKCTL_RENDERED="$CLUSTER_DIR/kwokctl.yaml"
KWOK_STAGES="$here/kwok/stages.yaml"
render_kwokctl_config() {
  { sed -e "s|@PKI@|$KWOK_CLUSTER_DIR/pki|g" -e "s|@NODE_IP@|$NODE_IP|g" "$KWOKCTL_CONFIG"
    printf -- '---\n'
    cat "$KWOK_STAGES"
  } > "$KWOKCTL_RENDERED"
}

# PIDs of the control plane processes of our cluster that are still alive (zombies excluded).
kwok_component_pids() {
  local d exe
  for d in /proc/[0-9]*; do
    exe="$(readlink "$d/exe" 2>/dev/null || true)"
    case "$exe" in
      "$KUBE_BIN_DIR"/*|"$KWOK_BIN_DIR"/*) [[ "$(proc_cmdline "${d#/proc/}")" == *"$KWOK_WORKDIR"* ]] && echo "${d#/proc/}" ;;
    esac
  done
  return 0
}

# An existing cluster whose API server does not answer (components died, machine restarted, or one
# was killed and is still shutting down) is stopped completely before it is started again:
# kwokctl only restarts a component whose recorded PID is not running, and it counts a process
# that is still terminating (kube-apiserver drains for up to 60s) or an unreaped zombie as running.
stop_broken_cluster() {
  local deadline
  log "cluster $CLUSTER_NAME exists but its API server is not ready; restarting all its components"
  kwokctl stop cluster >> "$LOG_DIR/kwokctl.log" 2>&1 || true  # SIGKILLs every recorded component
  deadline=$(( $(date +%s) + 20 ))
  while [ -n "$(kwok_component_pids)" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || die "control plane processes did not exit after kwokctl stop cluster: $(kwok_component_pids | xargs)" \
      "run 'hack/cluster.sh down' (it kills leftovers by PID), then 'up'" "$LOG_DIR/kwokctl.log"
    sleep 0.2
  done
}

# The kubeconfig at a fixed path with the certificates embedded (flattened), so it stays valid
# when copied and needs nothing but the file itself.
write_kubeconfig() {
  local tmp="$KUBECONFIG_PATH.tmp"
  kwokctl get kubeconfig > "$tmp" 2>> "$LOG_DIR/kwokctl.log" \
    || die "kwokctl get kubeconfig failed" "read $LOG_DIR/kwokctl.log" "$LOG_DIR/kwokctl.log"
  chmod 600 "$tmp"
  mv "$tmp" "$KUBECONFIG_PATH"
}

step_nodes() {
  local kwok_logs="$KWOK_CLUSTER_DIR/logs" deadline
  # Rewritten each time: cheap, and repairs a kubeconfig deleted by hand.
  write_kubeconfig
  kc apply -f "$here/kwok/nodes.yaml" > /dev/null \
    || die "kubectl apply -f hack/kwok/nodes.yaml failed" "check the API server: hack/cluster.sh status" "$kwok_logs/kube-apiserver.log"
  kc wait --for=condition=Ready node --all --timeout=90s > /dev/null 2>&1 \
    || die "the fake nodes did not become Ready within 90s" "read the kwok-controller log" "$kwok_logs/kwok-controller.log"
  # Pods are only admitted once the namespace's default ServiceAccount exists (created by
  # kube-controller-manager a moment after the namespace).
  deadline=$(( $(date +%s) + 90 ))
  until kc -n default get serviceaccount default > /dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "ServiceAccount default/default was not created within 90s" \
      "read the kube-controller-manager log" "$kwok_logs/kube-controller-manager.log"
    sleep 0.5
  done
}

step_packages() {
  local missing=() logf="$LOG_DIR/apt.log"
  command -v prometheus > /dev/null || missing+=(prometheus)
  command -v prometheus-alertmanager > /dev/null || missing+=(prometheus-alertmanager)
  # Lua 5.1 runs the Argo CD health check's test (ArgoCdHealthIT), as Argo CD's gopher-lua would.
  command -v lua5.1 > /dev/null || missing+=(lua5.1)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian (apt-get)"
  [ "$(id -u)" = 0 ] || die "${missing[*]} not installed and not running as root" \
    "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  # Wait for a concurrent apt/dpkg instead of failing on its lock.
  { apt-get -o DPkg::Lock::Timeout=600 update \
      && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
           "${missing[@]}"; } >> "$logf" 2>&1 \
    || die "apt-get install ${missing[*]} failed" "read $logf (network? dpkg lock?)" "$logf"
  command -v prometheus > /dev/null && command -v prometheus-alertmanager > /dev/null \
    || die "prometheus/prometheus-alertmanager still not on PATH after apt-get install" "read $logf" "$logf"
}

step_alertmanager() {
  local url="http://$ALERTMANAGER_ADDR/-/ready"
  ensure_service alertmanager "$ALERTMANAGER_CONFIG" "$url" "${ALERTMANAGER_ADDR##*:}" && return 0
  require_port_free "${ALERTMANAGER_ADDR##*:}" Alertmanager
  # --cluster.listen-address= : no gossip port, a single local instance.
  start_bg alertmanager "$ALERTMANAGER_DIR" prometheus-alertmanager \
    --config.file="$ALERTMANAGER_CONFIG" \
    --storage.path="$ALERTMANAGER_DIR/data" \
    --web.listen-address="$ALERTMANAGER_ADDR" \
    --web.external-url="http://$ALERTMANAGER_ADDR" \
    --cluster.listen-address=
  wait_http "$url" 30 "$(recorded_pid alertmanager)" Alertmanager "$LOG_DIR/alertmanager.log"
  log "started Alertmanager (pid $(recorded_pid alertmanager)) on http://$ALERTMANAGER_ADDR"
}

step_prometheus() {
  local url="http://$PROMETHEUS_ADDR/-/ready"
  # The folder tests drop rule files into (then POST /-/reload); referenced by prometheus.yml.
  mkdir -p "$PROMETHEUS_DIR/rules" "$PROMETHEUS_DIR/file_sd"
  ensure_service prometheus "$PROMETHEUS_CONFIG" "$url" "${PROMETHEUS_ADDR##*:}" && return 0
  require_port_free "${PROMETHEUS_ADDR##*:}" Prometheus
  # --rules.alert.resend-delay=2s: alerts are re-sent (and their end time extended) every 2s
  # instead of every minute, so a restarted Alertmanager or a resolved alert is seen quickly.
  start_bg prometheus "$PROMETHEUS_DIR" prometheus \
    --config.file="$PROMETHEUS_CONFIG" \
    --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --storage.tsdb.retention.time=1d \
    --web.listen-address="$PROMETHEUS_ADDR" \
    --web.external-url="http://$PROMETHEUS_ADDR" \
    --web.enable-lifecycle \
    --rules.alert.resend-delay=2s
  wait_http "$url" 60 "$(recorded_pid prometheus)" Prometheus "$LOG_DIR/prometheus.log"
  log "started Prometheus (pid $(recorded_pid prometheus)) on http://$PROMETHEUS_ADDR"
}

# Builds the simulator jar when it is missing or older than its sources.
build_simulator_if_needed() {
  local logf="$LOG_DIR/simulator-build.log"
  if [ -f "$SIMULATOR_JAR" ] && [ -z "$(find "$repo/simulator/src" "$repo/simulator/pom.xml" "$repo/pom.xml" \
        -newer "$SIMULATOR_JAR" -type f -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  command -v mvn > /dev/null || die "mvn not found, needed to build $SIMULATOR_JAR" "apt-get install -y maven"
  log "building the traffic simulator (mvn -B -q -pl simulator -DskipTests package)"
  (cd "$repo" && mvn -B -q -pl simulator -DskipTests package) > "$logf" 2>&1 \
    || die "building the simulator failed (mvn -B -q -pl simulator -DskipTests package)" \
           "fix the build error in $logf; or build it yourself from the repo root and rerun" "$logf"
  [ -f "$SIMULATOR_JAR" ] || die "mvn succeeded but $SIMULATOR_JAR does not exist" "check simulator/pom.xml (finalName)" "$logf"
}

step_simulator() {
  local url="http://$SIMULATOR_ADDR/healthz" pid
  command -v java > /dev/null || die "java not found, needed to run the simulator" "apt-get install -y openjdk-17-jre-headless"
  build_simulator_if_needed
  pid="$(recorded_pid simulator)"
  # A jar rebuilt since the simulator started means the running one is outdated: replace it.
  if is_ours "$pid" "$SIMULATOR_JAR" && [ "$SIMULATOR_JAR" -nt "$(pid_file simulator)" ]; then
    log "simulator jar is newer than the running simulator (pid $pid); restarting it"
    stop_pid simulator "$pid"
    rm -f "$(pid_file simulator)"
  fi
  ensure_service simulator "$SIMULATOR_JAR" "$url" "${SIMULATOR_ADDR##*:}" && return 0
  require_port_free "${SIMULATOR_ADDR##*:}" "the traffic simulator"
  start_bg simulator "$CLUSTER_DIR" java -jar "$SIMULATOR_JAR" \
    --kubeconfig "$KUBECONFIG_PATH" --listen "$SIMULATOR_ADDR" --file-sd "$PROMETHEUS_DIR/file_sd/pods.json"
  wait_http "$url" 60 "$(recorded_pid simulator)" "the traffic simulator" "$LOG_DIR/simulator.log"
  log "started the simulator (pid $(recorded_pid simulator)) on http://$SIMULATOR_ADDR"
}

env_lines() {
  cat <<EOF
export KUBECONFIG=$KUBECONFIG_PATH
export LAUNCHPLAN_PROMETHEUS_URL=http://$PROMETHEUS_ADDR
export LAUNCHPLAN_ALERTMANAGER_URL=http://$ALERTMANAGER_ADDR
export LAUNCHPLAN_SIMULATOR_URL=http://$SIMULATOR_ADDR
EOF
}

# One `up` or `down` at a time: two concurrent runs would race on ports and PID files.
take_lock() {
  mkdir -p "$CLUSTER_DIR"
  exec 9> "$CLUSTER_DIR/.lock"
  flock -w 600 9 || { echo "another hack/cluster.sh up/down is still running (lock $CLUSTER_DIR/.lock)" >&2; exit 1; }
}

cmd_up() {
  local t0
  t0=$(now_ms)
  take_lock
  mkdir -p "$PID_DIR" "$LOG_DIR"
  trap on_err ERR
  run_step build        step_build
  run_step cluster      step_cluster
  run_step nodes        step_nodes
  run_step real-node    step_real_node
  run_step packages     step_packages
  run_step alertmanager step_alertmanager
  run_step prometheus   step_prometheus
  run_step simulator    step_simulator
  env_lines > "$ENV_FILE"
  trap - ERR
  echo
  echo "Local test environment is up (source $ENV_FILE, or run: eval \"\$(hack/cluster.sh env)\"):"
  env_lines
  echo "  Kubernetes API:  https://127.0.0.1:$APISERVER_PORT"
  echo "  Prometheus:      http://$PROMETHEUS_ADDR"
  echo "  Alertmanager:    http://$ALERTMANAGER_ADDR   (webhook -> http://127.0.0.1:18081/alertmanager)"
  echo "  Simulator:       http://$SIMULATOR_ADDR"
  echo
  print_timings "$(fmt_ms $(( $(now_ms) - t0 )))"
}

# ---------------------------------------------------------------------------------------------
# down
# ---------------------------------------------------------------------------------------------

# PIDs of every process started from this environment, whether recorded or not (a crashed `up`,
# a lost PID file): the program must be one we start AND its command line must name our paths.
# A `tail -f .cluster/...` or an editor on our configs is never matched.
our_leftovers() {
  local d
  for d in /proc/[0-9]*; do
    is_our_process "${d#/proc/}" && echo "${d#/proc/}"
  done
  return 0
}

cmd_down() {
  local name pid left
  take_lock
  # The real node first: its pods are deleted through the API server, which must still run.
  node_down
  # Stop what we started, newest first, each only if the recorded PID is still that program.
  for name in simulator prometheus alertmanager; do
    pid="$(recorded_pid "$name")"
    case "$name" in
      simulator) marker="$SIMULATOR_JAR" ;;
      prometheus) marker="$PROMETHEUS_CONFIG" ;;
      alertmanager) marker="$ALERTMANAGER_CONFIG" ;;
    esac
    if is_ours "$pid" "$marker"; then stop_pid "$name" "$pid"; fi
    rm -f "$(pid_file "$name")"
  done
  if [ -d "$KWOK_CLUSTER_DIR" ]; then
    if [ -x "$KWOKCTL" ]; then
      log "deleting cluster $CLUSTER_NAME (kwokctl delete cluster)"
      # --kubeconfig: the file kwokctl removes its context from (it rejects ""; the default would
      # be ~/.kube/config). Ours is deleted below anyway.
      kwokctl delete cluster --kubeconfig "$KUBECONFIG_PATH" >> "$LOG_DIR/kwokctl.log" 2>&1 \
        || log "kwokctl delete cluster failed (see $LOG_DIR/kwokctl.log); cleaning up by hand"
    fi
  fi
  # Anything of ours still alive (a crashed `up`, a lost PID file, kwokctl unable to stop a
  # component) is stopped here, so `down` always ends with nothing of ours running.
  left="$(our_leftovers)"
  if [ -n "$left" ]; then
    for pid in $left; do
      log "stopping leftover pid $pid: $(proc_cmdline "$pid" | cut -c1-160)"
      stop_pid leftover "$pid"
    done
    sleep 0.5
    left="$(our_leftovers)"
    if [ -n "$left" ]; then
      for pid in $left; do echo "still running: pid $pid: $(proc_cmdline "$pid" | cut -c1-200)" >&2; done
      echo "cluster-down FAILED: processes of this environment are still running (listed above); kill them by PID" >&2
      exit 1
    fi
  fi
  # Fresh state next time: no cluster, no old metrics, no rule files left by a test. Logs stay
  # for post-mortems; the cached binaries ($LP_CACHE) stay.
  rm -rf "$KWOK_WORKDIR" "$PROMETHEUS_DIR" "$ALERTMANAGER_DIR" "$PID_DIR" "$KUBECONFIG_PATH" "$ENV_FILE" "$KUBECACHEDIR"
  log "down: nothing of the local test environment is running"
}

# ---------------------------------------------------------------------------------------------
# status
# ---------------------------------------------------------------------------------------------

# report NAME OK DETAIL: one line per component; remembers any failure for the exit code.
STATUS_BAD=0
report() {
  if [ "$2" = ok ]; then printf '  %-14s healthy    %s\n' "$1" "$3"
  else printf '  %-14s UNHEALTHY  %s\n' "$1" "$3"; STATUS_BAD=1; fi
}

service_status() {
  local name="$1" marker="$2" url="$3" pid
  pid="$(recorded_pid "$name")"
  if ! is_ours "$pid" "$marker"; then report "$name" bad "not running (no live process recorded in $(pid_file "$name"))"
  elif http_ok "$url"; then report "$name" ok "$url (pid $pid)"
  else report "$name" bad "pid $pid alive but $url does not answer (log: $LOG_DIR/$name.log)"; fi
}

cmd_status() {
  if [ -x "$KUBECTL" ] && [ -s "$KUBECONFIG_PATH" ]; then
    kc get nodes -o wide --request-timeout=5s 2>&1 || true
  else
    echo "no kubeconfig at $KUBECONFIG_PATH (cluster not up?)"
  fi
  echo
  echo "Components:"
  if apiserver_ready; then report kube-apiserver ok "https://127.0.0.1:$APISERVER_PORT/readyz"
  else report kube-apiserver bad "https://127.0.0.1:$APISERVER_PORT/readyz does not answer ok (logs: $KWOK_CLUSTER_DIR/logs/)"; fi
  service_status prometheus "$PROMETHEUS_CONFIG" "http://$PROMETHEUS_ADDR/-/ready"
  service_status alertmanager "$ALERTMANAGER_CONFIG" "http://$ALERTMANAGER_ADDR/-/ready"
  service_status simulator "$SIMULATOR_JAR" "http://$SIMULATOR_ADDR/healthz"
  node_status
  return "$STATUS_BAD"
}

cmd_check_config() {
  promtool check config "$PROMETHEUS_CONFIG"
  (cd "$here/prometheus/tests" && promtool test rules ./*.test.yml)
  amtool check-config "$ALERTMANAGER_CONFIG"
}

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) env_lines ;;
  import-image) [ $# -eq 3 ] || { echo "usage: hack/cluster.sh import-image OCI_LAYOUT_DIR REPOSITORY" >&2; exit 2; }
    node_import_layout "$2" "$3" ;;
  check-config) cmd_check_config ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
