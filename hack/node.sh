# shellcheck shell=bash
# The local cluster's one real node, sourced by hack/cluster.sh (which provides log, die, start_bg,
# stop_pid, kc and the paths). Beside the KWOK nodes, this node runs real containers:
#
#   containerd + runc + CNI plugins   Debian's packages (containerd 1.6, runc 1.1, plugins 1.1)
#   kubelet, kube-proxy               built from the k8s.io/kubernetes module (hack/build-binaries.sh)
#   pause image                       built from the module's build/pause/linux/pause.c (gcc -static)
#
# Everything it needs from the host is made here and undone by node_down:
#   bridge $NODE_BRIDGE $NODE_IP/24       the node's InternalIP and its pods' gateway (pods: .10-.250)
#   policy route "from the bridge"        table $NODE_ROUTE_TABLE: the bridge subnet, else unreachable
#   unreachable $SERVICE_CIDR             the Service range (also the KWOK pods' fake IPs)
#   forwarders $NODE_IP:16443, :19090     -> 127.0.0.1: the API server (the `kubernetes` Service's
#                                         endpoint) and Prometheus, for the node's pods
#   sysctls                               saved before the node starts, restored after it stops
#   iptables chains KUBE-*/CNI-*          removed on stop (kube-proxy --cleanup, then by name)
#   mounts, cgroups                       unmounted / removed on stop
#
# No packet from a pod can leave this machine: every packet entering from the bridge is routed by
# table $NODE_ROUTE_TABLE, which knows only the bridge subnet (local addresses are delivered by the
# local table first). A Service IP without endpoints, a KWOK pod's IP or any outside address is
# answered "unreachable" on this machine. hack/cluster.sh checks it after every `up` (node_isolated).

NODE_NAME=launchplan-real-0
NODE_BRIDGE=lpbr0
NODE_SUBNET=10.213.0.0/24
NODE_IP=10.213.0.1
NODE_ROUTE_TABLE=213
SERVICE_CIDR=10.0.0.0/24
NODE_TAINT=launchplan.io/real-node
# What the node's pods reach on $NODE_IP (name:port, forwarded to 127.0.0.1:port by socat).
NODE_FORWARDS=(apiserver:16443 prometheus:19090)
PAUSE_VERSION=3.10.2
PAUSE_IMAGE=registry.k8s.io/pause:$PAUSE_VERSION
NODE_DIR="$CLUSTER_DIR/node"
# Unix sockets live under /run: a clone's path may be too long for a socket address (108 bytes).
NODE_RUN=/run/launchplan-node
CONTAINERD_SOCK="$NODE_RUN/containerd.sock"
CONTAINERD_CONFIG="$NODE_DIR/containerd.toml"
KUBELET_CONFIG="$NODE_DIR/kubelet.yaml"
KUBE_PROXY_CONFIG="$NODE_DIR/kube-proxy.yaml"
NODE_SYSCTLS_SAVED="$CLUSTER_DIR/node-sysctls.saved"
# The sysctls the kubelet, kube-proxy, containerd and the bridge plugin may change host-wide.
NODE_SYSCTLS=(vm.overcommit_memory kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys
  kernel.keys.root_maxbytes net.ipv4.ip_forward net.ipv4.conf.all.route_localnet
  net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_established
  net.netfilter.nf_conntrack_tcp_timeout_close_wait net.netfilter.nf_conntrack_tcp_be_liberal)

ctr_k8s() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

# A process of the real node: one of its programs with our config (or socket) on its command line.
is_node_process() {
  local pid="$1" exe cmd
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  cmd="$(proc_cmdline "$pid")"
  case "$exe" in
    "$KUBE_BIN_DIR/kubelet") [[ "$cmd" == *"$KUBELET_CONFIG"* ]] ;;
    "$KUBE_BIN_DIR/kube-proxy") [[ "$cmd" == *"$KUBE_PROXY_CONFIG"* ]] ;;
    */containerd) [[ "$cmd" == *"$CONTAINERD_CONFIG"* ]] ;;
    */containerd-shim-runc-v2) [[ "$cmd" == *"$CONTAINERD_SOCK"* ]] ;;
    */socat) [[ "$cmd" == *"bind=$NODE_IP"* ]] ;;
    *) return 1 ;;
  esac
}

node_packages() {
  local missing=() logf="$LOG_DIR/apt.log"
  command -v containerd > /dev/null || missing+=(containerd)
  command -v runc > /dev/null || missing+=(runc)
  [ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
  command -v conntrack > /dev/null || missing+=(conntrack)
  command -v socat > /dev/null || missing+=(socat)
  command -v gcc > /dev/null || missing+=(gcc)
  command -v umoci > /dev/null || missing+=(umoci)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian (apt-get) for the real node"
  { apt-get -o DPkg::Lock::Timeout=600 update \
      && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"; } \
      >> "$logf" 2>&1 || die "apt-get install ${missing[*]} failed" "read $logf (network? dpkg lock?)" "$logf"
  # Debian's containerd package starts no daemon here (PID 1 is not systemd); make sure.
  pkill -x -f '/usr/bin/containerd' 2>/dev/null || true
}

# The pause image from the Kubernetes module's source: a static binary in a one-layer OCI image.
PAUSE_LAYOUT="$LP_CACHE/kubernetes-$KUBE_VERSION/pause-$PAUSE_VERSION.oci"
node_pause_image() {
  [ -f "$PAUSE_LAYOUT/index.json" ] && return 0
  local src work logf="$LOG_DIR/pause-build.log"
  src="$(cd "$LP_CACHE/kubernetes-$KUBE_VERSION/src" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c"
  [ -f "$src" ] || die "pause.c not found in the k8s.io/kubernetes module ($src)" "rerun hack/build-binaries.sh"
  work="$(mktemp -d)"
  {
    gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_VERSION-$KUBE_VERSION" -o "$work/pause" "$src"
    umoci init --layout "$work/oci"
    umoci new --image "$work/oci:$PAUSE_VERSION"
    umoci unpack --image "$work/oci:$PAUSE_VERSION" "$work/bundle"
    install -m 0755 "$work/pause" "$work/bundle/rootfs/pause"
    umoci repack --image "$work/oci:$PAUSE_VERSION" "$work/bundle"
    umoci config --image "$work/oci:$PAUSE_VERSION" --config.entrypoint /pause --config.user 65535:65535 \
      --os linux --architecture amd64
    umoci gc --layout "$work/oci"
    rm -rf "$PAUSE_LAYOUT.tmp"
    cp -a "$work/oci" "$PAUSE_LAYOUT.tmp"
  } >> "$logf" 2>&1 || { rm -rf "$work"; die "building the pause image failed" "read $logf" "$logf"; }
  mv "$PAUSE_LAYOUT.tmp" "$PAUSE_LAYOUT"
  rm -rf "$work"
  log "built the pause image $PAUSE_IMAGE from $src"
}

# node_import_layout LAYOUT REPO: the OCI image layout directory LAYOUT (as hack/image.sh writes it)
# into the node's containerd; each tag T of the layout becomes image REPO:T.
node_import_layout() {
  local layout="$1" repo_name="$2" tar
  [ -f "$layout/index.json" ] || die "$layout is not an OCI image layout (no index.json)" "build it first: make image"
  node_running containerd || die "the real node's containerd is not running" "make cluster-up"
  tar="$(mktemp "${TMPDIR:-/tmp}/launchplan-import.XXXXXX.tar")"
  tar -C "$layout" -cf "$tar" .
  ctr_k8s images import --base-name "$repo_name" --digests=false "$tar" \
    || { rm -f "$tar"; die "ctr images import of $layout failed" "read $LOG_DIR/containerd.log"; }
  rm -f "$tar"
  # The list is read whole first: grep -q would stop reading and, under pipefail, fail the pipe.
  local images; images="$(ctr_k8s images ls -q)"
  grep -q "^$repo_name:" <<< "$images" \
    || die "no image $repo_name:<tag> in containerd after importing $layout (its index must name a tag)" "umoci ls --layout $layout"
}

# The demo app's image (hack/image.sh demo-app), rebuilt when its source is newer, in the node as
# $DEMO_IMAGE: every `up` starts with an empty containerd.
DEMO_LAYOUT="$repo/target/image/demo-app/oci"
DEMO_IMAGE_REPO=localhost/demo-app
node_demo_image() {
  if [ ! -f "$DEMO_LAYOUT/index.json" ] || [ -n "$(find "$repo/simulator/demo-app" -newer "$DEMO_LAYOUT/index.json" -type f -print -quit)" ]; then
    "$here/image.sh" demo-app >> "$LOG_DIR/demo-image.log" 2>&1 \
      || die "building the demo app image failed (hack/image.sh demo-app)" "read $LOG_DIR/demo-image.log" "$LOG_DIR/demo-image.log"
  fi
  node_import_layout "$DEMO_LAYOUT" "$DEMO_IMAGE_REPO" > /dev/null
}

sysctl_get() { sysctl -n "$1" 2>/dev/null || true; }

node_save_sysctls() {
  [ -s "$NODE_SYSCTLS_SAVED" ] && return 0   # saved by an earlier `up` that was never brought down
  local k v
  for k in "${NODE_SYSCTLS[@]}"; do
    v="$(sysctl_get "$k")"
    [ -n "$v" ] && printf '%s=%s\n' "$k" "$v"
  done > "$NODE_SYSCTLS_SAVED.tmp"
  mv "$NODE_SYSCTLS_SAVED.tmp" "$NODE_SYSCTLS_SAVED"
}

node_restore_sysctls() {
  [ -s "$NODE_SYSCTLS_SAVED" ] || return 0
  local line changed=()
  while IFS= read -r line; do
    [ "$(sysctl_get "${line%%=*}")" = "${line#*=}" ] && continue
    sysctl -q -w "$line" > /dev/null 2>&1 && changed+=("$line")
  done < "$NODE_SYSCTLS_SAVED"
  [ ${#changed[@]} -gt 0 ] && log "restored sysctls: ${changed[*]}"
  rm -f "$NODE_SYSCTLS_SAVED"
}

node_network_up() {
  if ! ip link show "$NODE_BRIDGE" > /dev/null 2>&1; then
    ip link add "$NODE_BRIDGE" type bridge
    sysctl -q -w "net.ipv6.conf.$NODE_BRIDGE.disable_ipv6=1" > /dev/null
    ip addr add "$NODE_IP/24" dev "$NODE_BRIDGE"
  fi
  ip link set "$NODE_BRIDGE" up
  ip route replace "$NODE_SUBNET" dev "$NODE_BRIDGE" src "$NODE_IP" table "$NODE_ROUTE_TABLE"
  ip route replace unreachable default table "$NODE_ROUTE_TABLE"
  # The rules read whole first: under pipefail, grep -q quitting at the first match makes
  # `ip rule show` die of SIGPIPE, the pipeline fail, and the add below run for a rule that exists.
  grep -q "iif $NODE_BRIDGE lookup $NODE_ROUTE_TABLE" <<<"$(ip rule show)" \
    || ip rule add iif "$NODE_BRIDGE" lookup "$NODE_ROUTE_TABLE" priority "$NODE_ROUTE_TABLE"
  ip route replace unreachable "$SERVICE_CIDR"
}

node_network_down() {
  local link
  while grep -q "iif $NODE_BRIDGE lookup $NODE_ROUTE_TABLE" <<<"$(ip rule show)"; do
    ip rule del iif "$NODE_BRIDGE" lookup "$NODE_ROUTE_TABLE" priority "$NODE_ROUTE_TABLE" 2>/dev/null || break
  done
  ip route flush table "$NODE_ROUTE_TABLE" 2>/dev/null || true
  ip route del unreachable "$SERVICE_CIDR" 2>/dev/null || true
  for link in $(ip -o link show master "$NODE_BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link del "$link" 2>/dev/null || true
  done
  ip link del "$NODE_BRIDGE" 2>/dev/null || true
}

# Removes the chains the kubelet, kube-proxy and the CNI plugins made, and every rule jumping to
# them; rules and chains of anyone else stay as they are.
node_iptables_down() {
  local save restore
  for save in iptables-save ip6tables-save; do
    restore="${save%-save}-restore"
    command -v "$save" > /dev/null || continue
    "$save" 2>/dev/null | grep -Eq '(KUBE|CNI)-' || continue
    "$save" | grep -Ev '^:(KUBE|CNI)-|-j (KUBE|CNI)-|^-A (KUBE|CNI)-|-g (KUBE|CNI)-' | "$restore" \
      || log "could not remove the KUBE-/CNI- chains with $restore (remove them by hand: $save | grep -E 'KUBE|CNI')"
  done
}

# write_if_changed FILE < content: replaces FILE only when the content differs. kube-proxy exits
# when its configuration file changes, so an unchanged `up` must not touch it.
write_if_changed() {
  local tmp="$1.tmp"
  cat > "$tmp"
  if cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv "$tmp" "$1"; fi
}

node_write_configs() {
  local pki="$KWOK_CLUSTER_DIR/pki"
  mkdir -p "$NODE_DIR/cni/net.d" "$NODE_DIR/cni/ipam" "$NODE_DIR/containerd" "$NODE_DIR/kubelet" "$NODE_RUN"
  write_if_changed "$CONTAINERD_CONFIG" <<EOF
# containerd of the real node (hack/node.sh). State under .cluster/node and $NODE_RUN only.
version = 2
root = "$NODE_DIR/containerd/root"
state = "$NODE_RUN/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$NODE_RUN/containerd.ttrpc.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$NODE_DIR/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # root here lacks CAP_SYS_RESOURCE: without this, pod sandboxes fail to set oom_score_adj.
  restrict_oom_score_adj = true
  # Network namespaces under the state dir, not /var/run/netns: down removes them with it.
  netns_mounts_under_state_dir = true
  enable_selinux = false
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE_DIR/cni/net.d"
EOF
  write_if_changed "$NODE_DIR/cni/net.d/10-launchplan.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "launchplan",
  "plugins": [
    {
      "type": "bridge", "bridge": "$NODE_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": {
        "type": "host-local", "dataDir": "$NODE_DIR/cni/ipam",
        "ranges": [[{"subnet": "$NODE_SUBNET", "rangeStart": "10.213.0.10", "rangeEnd": "10.213.0.250", "gateway": "$NODE_IP"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
  write_if_changed "$KUBELET_CONFIG" <<EOF
# kubelet of the real node (hack/node.sh)
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
# PID 1 is not systemd here; the host's cgroups are v1, which kubelet $KUBE_VERSION refuses unless
# told (cgroup v1 support is deprecated upstream and will be removed).
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $pki/ca.crt}
authorization:
  mode: Webhook
registerWithTaints:
  - {key: $NODE_TAINT, value: "true", effect: NoSchedule}
maxPods: 30
podPidsLimit: 4096
serializeImagePulls: false
# The images are imported, never pulled (no registry is reachable): never garbage-collect them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 200Mi, nodefs.available: 2%, imagefs.available: 2%}
evictionPressureTransitionPeriod: 10s
resolvConf: /etc/resolv.conf
nodeStatusReportFrequency: 10s
EOF
  write_if_changed "$KUBE_PROXY_CONFIG" <<EOF
# kube-proxy of the real node (hack/node.sh): Service IPs work from this node's pods only.
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $KUBECONFIG_PATH}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $NODE_SUBNET
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$NODE_IP/32"]
conntrack:
  # 0: leave the host's conntrack settings as they are.
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
EOF
}

node_wait() {
  local what="$1" timeout="$2" pidname="$3"; shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" > /dev/null 2>&1; do
    [ -d "/proc/$(recorded_pid "$pidname")" ] || die "$what exited during startup" "read $LOG_DIR/$pidname.log" "$LOG_DIR/$pidname.log"
    [ "$(date +%s)" -lt "$deadline" ] || die "$what not ready within ${timeout}s" "read $LOG_DIR/$pidname.log" "$LOG_DIR/$pidname.log"
    sleep 0.3
  done
}

# The process names of the forwarders (forward-apiserver, ...).
forward_names() { local f; for f in "${NODE_FORWARDS[@]}"; do echo "forward-${f%%:*}"; done; }

node_running() { local pid; pid="$(recorded_pid "$1")"; [ -n "$pid" ] && [ -d "/proc/$pid" ] && is_node_process "$pid"; }

step_real_node() {
  if [ "${LAUNCHPLAN_REAL_NODE:-1}" = 0 ]; then log "real node skipped (LAUNCHPLAN_REAL_NODE=0)"; return 0; fi
  [ "$(id -u)" = 0 ] || die "the real node needs root (bridge, mounts, cgroups)" "run as root, or LAUNCHPLAN_REAL_NODE=0 for KWOK nodes only"
  node_packages
  node_pause_image
  node_save_sysctls
  node_network_up
  node_write_configs
  if ! node_running containerd; then
    start_bg containerd "$NODE_DIR" containerd --config "$CONTAINERD_CONFIG"
    node_wait containerd 30 containerd ctr --address "$CONTAINERD_SOCK" version
  fi
  grep -qx "$PAUSE_IMAGE" <<< "$(ctr_k8s images ls -q)" || node_import_layout "$PAUSE_LAYOUT" "${PAUSE_IMAGE%:*}" > /dev/null
  local fwd
  for fwd in "${NODE_FORWARDS[@]}"; do
    node_running "forward-${fwd%%:*}" && continue
    start_bg "forward-${fwd%%:*}" "$NODE_DIR" socat "TCP-LISTEN:${fwd#*:},bind=$NODE_IP,reuseaddr,fork" "TCP:127.0.0.1:${fwd#*:}"
  done
  if ! node_running kube-proxy; then
    start_bg kube-proxy "$NODE_DIR" "$KUBE_BIN_DIR/kube-proxy" --config "$KUBE_PROXY_CONFIG"
  fi
  if ! node_running kubelet; then
    start_bg kubelet "$NODE_DIR" "$KUBE_BIN_DIR/kubelet" --config "$KUBELET_CONFIG" \
      --kubeconfig "$KUBECONFIG_PATH" --root-dir "$NODE_DIR/kubelet" --cert-dir "$NODE_DIR/kubelet/pki" \
      --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" \
      --node-labels "launchplan.io/node=real,type=real"
  fi
  node_demo_image
  node_wait "node $NODE_NAME" 90 kubelet kc wait --for=condition=Ready "node/$NODE_NAME" --timeout=2s
  node_isolated || die "a connection from the host to an unbacked Service IP did not fail locally" \
    "check 'ip route get 10.0.0.250' and 'ip rule'"
}

# A connection to an address of the Service range that no Service owns must fail on this machine
# (unreachable route), never leave through the default route.
node_isolated() {
  ! ip route get 10.0.0.250 > /dev/null 2>&1 || return 1
  ! timeout 3 bash -c 'exec 3<>/dev/tcp/10.0.0.250/80' 2>/dev/null
}

# Stops the node and undoes what it did to the host. Safe to run when nothing of it is running.
node_down() {
  local name pid i mnt
  # Pods first, through the kubelet, so their sandboxes and network namespaces are torn down by CRI.
  if node_running kubelet && apiserver_ready; then
    kc delete pods -A --field-selector "spec.nodeName=$NODE_NAME" --grace-period=0 --force --wait=false > /dev/null 2>&1 || true
    for i in $(seq 1 60); do
      [ -z "$(ctr_k8s tasks ls -q 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  for name in kubelet kube-proxy $(forward_names); do
    pid="$(recorded_pid "$name")"
    if [ -n "$pid" ] && is_node_process "$pid"; then stop_pid "$name" "$pid"; fi
    rm -f "$(pid_file "$name")"
  done
  if node_running containerd; then
    for i in $(ctr_k8s tasks ls -q 2>/dev/null); do ctr_k8s tasks kill -s SIGKILL "$i" > /dev/null 2>&1 || true; done
    sleep 0.5
    for i in $(ctr_k8s tasks ls -q 2>/dev/null); do ctr_k8s tasks delete -f "$i" > /dev/null 2>&1 || true; done
    stop_pid containerd "$(recorded_pid containerd)"
  fi
  rm -f "$(pid_file containerd)"
  # Anything of the node still alive (shims, a lost PID file).
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    is_node_process "$pid" && kill -KILL "$pid" 2>/dev/null || true
  done
  [ -x "$KUBE_BIN_DIR/kube-proxy" ] && "$KUBE_BIN_DIR/kube-proxy" --cleanup > "$LOG_DIR/kube-proxy-cleanup.log" 2>&1 || true
  node_iptables_down
  # Mounts under the node's directories (pod volumes, overlay rootfs, shm, netns), deepest first.
  for mnt in $(awk -v a="$NODE_DIR" -v b="$NODE_RUN" '$5 ~ "^"a || $5 ~ "^"b {print $5}' /proc/self/mountinfo | sort -r); do
    umount -l "$mnt" 2>/dev/null || true
  done
  # Cgroups the kubelet created (empty once the pods are gone).
  for mnt in /sys/fs/cgroup/*/kubepods* /sys/fs/cgroup/*/kubelet*; do
    [ -d "$mnt" ] && find "$mnt" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  node_network_down
  node_restore_sysctls
  rm -rf "$NODE_RUN" "$NODE_DIR"
}

node_status() {
  local name
  for name in containerd kube-proxy kubelet $(forward_names); do
    if node_running "$name"; then report "$name" ok "pid $(recorded_pid "$name") (log: $LOG_DIR/$name.log)"
    elif [ "${LAUNCHPLAN_REAL_NODE:-1}" = 0 ]; then printf '  %-14s skipped    LAUNCHPLAN_REAL_NODE=0\n' "$name"
    else report "$name" bad "not running (log: $LOG_DIR/$name.log)"; fi
  done
  if [ "${LAUNCHPLAN_REAL_NODE:-1}" != 0 ]; then
    if node_isolated; then report isolation ok "$SERVICE_CIDR unreachable from the host; bridge traffic routed by table $NODE_ROUTE_TABLE"
    else report isolation bad "a Service-range address is routable off this machine (ip route get 10.0.0.250)"; fi
  fi
}
