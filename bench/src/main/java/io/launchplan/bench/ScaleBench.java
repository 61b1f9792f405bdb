package io.launchplan.bench;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.Labels;
import io.launchplan.launch.Revisions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The large end: one operator beside N plans of which most have ended (idle) and a few hundred
 * observe a canary (active), as a large cluster looks. Idle plans are honest ended launches (as in
 * {@link FootprintBench}: the Deployment already runs the plan's template, so it ends
 * {@code Succeeded}/{@code AlreadyLaunched}); active ones are {@link CapacityBench}'s plans. The two
 * groups live in namespaces of their own, so the operator's API requests (its request log) and
 * Prometheus queries (the counting proxy; idle plans share a text of their own) are counted per
 * group. Then a standby replica starts (time to {@code /readyz} with N plans), the leader is
 * killed, and the standby's take-over is timed.
 */
final class ScaleBench {
  /** The shared text of the idle plans: any query of an idle plan is then countable. */
  static final String IDLE_GLOBAL_QUERY = "sum(rate(http_requests_total{code=~\"5..\"}[1m])) > 2e9";
  static final String LEASE = "launchplan-bench-scale";
  private static final Duration SETTLE = Duration.ofSeconds(30);
  static final Duration LEASE_DURATION = Duration.ofSeconds(30);
  private static final Duration PROFILE = Duration.ofSeconds(60);
  private static final int SETUP_THREADS = 16;
  /** Ports of this phase's two operator replicas (the bench's range). */
  private static final int PORT_LEADER = 19250;
  private static final int PORT_STANDBY = 19251;

  private final BenchConfig config;
  private final BenchCluster cluster;
  private final Path rawDir;

  ScaleBench(BenchConfig config, BenchCluster cluster, Path rawDir) {
    this.config = config;
    this.cluster = cluster;
    this.rawDir = rawDir;
  }

  /** How many of {@code total} plans are active (observing) and idle (ended). */
  record Split(int active, int idle) {
    static Split of(int total, int active) {
      int a = Math.min(total, active);
      return new Split(a, total - a);
    }

    /** Pods on the bench nodes: one per plan, plus a canary per active plan. */
    int pods() {
      return idle + 2 * active;
    }
  }

  Map<String, Object> run(int total) {
    Split split = Split.of(total, config.scaleActive());
    String suffix = Long.toString(System.currentTimeMillis() % 100000, 36);
    String idleNs = "launchplan-bench-scale-idle-" + suffix;
    String activeNs = "launchplan-bench-scale-active-" + suffix;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("plans", total);
    r.put("active", split.active());
    r.put("idle", split.idle());
    r.put("idle_pods", config.scaleIdlePods());
    r.put("load_avg_start", Machine.loadAverage());
    Bench.log("scale: %d plans, %d active (%s), %d ended (%s)", total, split.active(), activeNs, split.idle(), idleNs);
    cluster.ensureNodes((config.scaleIdlePods() ? split.pods() : 2 * split.active()) + 20);
    cluster.createNamespace(idleNs);
    cluster.createNamespace(activeNs);
    OperatorJvm leader = null;
    try (QueryCountingProxy proxy = new QueryCountingProxy(config.prometheus())) {
      Path log = rawDir.resolve("operator-scale-" + total + "-leader.log");
      leader = OperatorJvm.start(config, List.of(idleNs, activeNs), proxy.uri(), leaseEnv(activeNs, "scale-leader"), log,
          List.of(RequestLog.JVM_OPTION), PORT_LEADER);
      RequestLog requests = new RequestLog(log, java.net.URI.create(cluster.client().getMasterUrl().toString()));

      Map<String, Object> setup = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      BenchCluster.parallel(split.idle(), SETUP_THREADS, i -> {
        LaunchPlan plan = cluster.planObject(idleNs, idlePlan(i));
        cluster.createDeployment(idleNs, CapacityBench.app(i), 1, -1,
            Map.of(Labels.REVISION, Revisions.templateHash(plan.getSpec().getTemplate())), !config.scaleIdlePods());
      });
      BenchCluster.parallel(split.active(), SETUP_THREADS, i -> cluster.createDeployment(activeNs, CapacityBench.app(i), 1, 20));
      setup.put("deployments_created_s", seconds(t0));
      if (config.scaleIdlePods()) {
        awaitCount("Deployments available", total, Duration.ofSeconds(300 + total / 10),
            () -> cluster.availableFromCache(idleNs) + cluster.availableFromCache(activeNs));
      } else {
        awaitCount("Deployments available (active) and created (idle, paused)", total, Duration.ofSeconds(300 + total / 10),
            () -> cluster.deploymentsFromCache(idleNs) + cluster.availableFromCache(activeNs));
      }
      setup.put("deployments_available_s", seconds(t0));
      long plansStart = System.nanoTime();
      BenchCluster.parallel(split.idle(), SETUP_THREADS, i -> cluster.createPlan(idleNs, idlePlan(i)));
      BenchCluster.parallel(split.active(), SETUP_THREADS, i -> cluster.createPlan(activeNs, CapacityBench.planYaml("cap-", i)));
      setup.put("plans_created_s", seconds(plansStart));
      awaitCount("plans ended (idle) or Observing (active)", total, Duration.ofSeconds(300 + total / 5), () -> {
        Map<Phase, Long> idle = cluster.phasesFromCache(idleNs);
        Map<Phase, Long> active = cluster.phasesFromCache(activeNs);
        for (var e : idle.entrySet()) {
          if (e.getKey() != null && e.getKey().isTerminal() && e.getKey() != Phase.Succeeded) {
            throw new IllegalStateException(e.getValue() + " idle plans ended " + e.getKey() + " (see " + log + ")");
          }
        }
        for (var e : active.entrySet()) {
          if (e.getKey() != null && e.getKey().isTerminal()) {
            throw new IllegalStateException(e.getValue() + " active plans ended " + e.getKey() + " (see " + log + ")");
          }
        }
        return idle.getOrDefault(Phase.Succeeded, 0L) + active.getOrDefault(Phase.Observing, 0L);
      });
      setup.put("plans_settled_s", seconds(plansStart));
      setup.put("total_s", seconds(t0));
      setup.put("leader_rss_peak_mb", round(ProcStats.rssPeakMb(leader.pid())));
      r.put("setup", setup);
      Bench.log("  setup: %s", setup);
      long idleMark = requests.mark();
      long idleQueriesMark = idleQueries(proxy, idleNs);
      long sinceEnded = System.nanoTime();
      Map<String, String> idleVersions = versions(idleNs);
      OperatorJvm.sleep(SETTLE.toMillis());

      r.put("window", window(leader, proxy, requests, idleNs, activeNs, split));
      Map<String, String> idleVersionsAfter = versions(idleNs);
      long changed = idleVersions.entrySet().stream().filter(e -> !e.getValue().equals(idleVersionsAfter.get(e.getKey()))).count();
      Map<String, Object> idle = new LinkedHashMap<>();
      double since = secondsSince(sinceEnded);
      idle.put("seconds", Math.round(since));
      idle.put("api_requests", requests.between(idleMark, requests.mark(), idleNs));
      idle.put("prometheus_queries", idleQueries(proxy, idleNs) - idleQueriesMark);
      idle.put("plans_changed", changed);
      r.put("idle_since_ended", idle);
      Bench.log("  idle plans, %.0f s since all ended: %s", since, idle);

      r.put("memory", memory(leader, total));
      r.put("profile", profile(leader, total));
      r.put("failover", failover(leader, proxy, idleNs, activeNs, split, total));
      leader = null; // killed by the failover
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      if (leader != null) {
        leader.close();
      }
      r.put("load_avg_end", Machine.loadAverage());
      writeQuietly(r, rawDir.resolve("scale-" + total + ".json")); // the figures, before a long teardown
      long t = System.nanoTime();
      cluster.deleteNamespace(idleNs, Duration.ofSeconds(600));
      cluster.deleteNamespace(activeNs, Duration.ofSeconds(300));
      r.put("teardown_s", Math.round(secondsSince(t)));
    }
    return r;
  }

  /** The measurement window: CPU, RSS, requests and queries per group, ticks of the active plans. */
  private Map<String, Object> window(OperatorJvm op, QueryCountingProxy proxy, RequestLog requests, String idleNs,
      String activeNs, Split split) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("load_avg_start", Machine.loadAverage());
    MetricsText before = op.metrics();
    double cpu0 = ProcStats.cpuSeconds(op.pid());
    double busy0 = ProcStats.machineBusySeconds();
    long mark = requests.mark();
    long idleQ = idleQueries(proxy, idleNs);
    long activeQ = activeQueries(proxy, activeNs);
    long t0 = System.nanoTime();
    long end = t0 + config.window().toNanos();
    List<Double> rss = new ArrayList<>();
    while (System.nanoTime() < end) {
      rss.add(ProcStats.rssMb(op.pid()));
      OperatorJvm.sleep(Math.min(2000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
    }
    double wall = secondsSince(t0);
    MetricsText after = op.metrics();
    long markEnd = requests.mark();
    double perMin = 60 / wall;
    w.put("seconds", Math.round(wall));
    w.put("cpu_cores", Stats.round((ProcStats.cpuSeconds(op.pid()) - cpu0) / wall, 3));
    w.put("machine_busy_cores", Stats.round((ProcStats.machineBusySeconds() - busy0) / wall, 2));
    w.put("rss_mb_end", round(ProcStats.rssMb(op.pid())));
    w.put("rss_mb_window_max", round(rss.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
    Map<String, Long> byNs = requests.byNamespace(mark, markEnd);
    w.put("api_requests_per_min", Map.of(
        "idle", Stats.round(byNs.getOrDefault(idleNs, 0L) * perMin, 1),
        "active", Stats.round(byNs.getOrDefault(activeNs, 0L) * perMin, 1),
        "cluster_scoped", Stats.round(byNs.getOrDefault("-", 0L) * perMin, 1)));
    w.put("api_requests_idle", requests.between(mark, markEnd, idleNs));
    w.put("api_requests_active", requests.between(mark, markEnd, activeNs));
    w.put("prometheus_queries_per_min", Map.of(
        "idle", Stats.round((idleQueries(proxy, idleNs) - idleQ) * perMin, 1),
        "active", Stats.round((activeQueries(proxy, activeNs) - activeQ) * perMin, 1)));
    Map<Double, Double> lag = Stats.delta(before.buckets("launchplan_analysis_tick_lag_seconds"),
        after.buckets("launchplan_analysis_tick_lag_seconds"));
    double ticks = after.sum("launchplan_analysis_tick_lag_seconds_count") - before.sum("launchplan_analysis_tick_lag_seconds_count");
    double reconciles = after.sum("launchplan_reconcile_seconds_count") - before.sum("launchplan_reconcile_seconds_count");
    Map<Double, Double> rec = Stats.delta(before.buckets("launchplan_reconcile_seconds"), after.buckets("launchplan_reconcile_seconds"));
    w.put("ticks", Math.round(ticks));
    w.put("ticks_expected", Math.round(split.active() * wall / BenchConfig.CAPACITY_INTERVAL.toSeconds()));
    w.put("tick_lag_p50_s", Stats.round(Stats.histogramQuantile(0.5, lag), 3));
    w.put("tick_lag_p99_s", Stats.round(Stats.histogramQuantile(0.99, lag), 3));
    w.put("reconciles", Math.round(reconciles));
    w.put("reconciles_beyond_ticks", Math.round(reconciles - ticks));
    w.put("reconcile_p50_s", Stats.round(Stats.histogramQuantile(0.5, rec), 3));
    w.put("reconcile_p99_s", Stats.round(Stats.histogramQuantile(0.99, rec), 3));
    w.put("reconcile_threads_busy", Stats.round((after.sum("launchplan_reconcile_seconds_sum")
        - before.sum("launchplan_reconcile_seconds_sum")) / wall / CapacityBench.reconcileThreads(), 3));
    Double gc = after.has("jvm_gc_collection_seconds_sum")
        ? after.sum("jvm_gc_collection_seconds_sum") - before.sum("jvm_gc_collection_seconds_sum") : null;
    w.put("gc_share", gc == null ? null : Stats.round(gc / wall, 4));
    w.put("load_avg_end", Machine.loadAverage());
    Bench.log("  window: %s", w);
    return w;
  }

  /** RSS steady and peak, the live heap after a full GC and what holds it. */
  private Map<String, Object> memory(OperatorJvm op, int total) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rss_mb", round(ProcStats.rssMb(op.pid())));
    m.put("rss_peak_mb", round(ProcStats.rssPeakMb(op.pid())));
    m.put("threads", ProcStats.threads(op.pid()));
    Double live = op.forceGc() ? op.heapMb() : null;
    m.put("heap_live_mb", live == null ? null : Stats.round(live, 1));
    String histogram = op.jcmd("GC.class_histogram");
    Files.writeString(rawDir.resolve("scale-" + total + "-histogram.txt"), histogram);
    ClassHistogram h = ClassHistogram.parse(histogram);
    m.put("histogram_total_mb", Stats.round(h.totalBytes() / (1024.0 * 1024), 1));
    m.put("histogram_top10", h.report(10));
    m.put("heap_live_kb_per_plan", live == null ? null : Stats.round(live * 1024 / total, 1));
    Bench.log("  memory: %s", m);
    return m;
  }

  /**
   * Where a reconcile's time goes, over {@link #PROFILE}: JFR CPU samples of the reconcile threads,
   * and wall-clock samples ({@code Thread.print} every 500 ms) of the busy ones.
   */
  private Map<String, Object> profile(OperatorJvm op, int total) throws IOException {
    Path jfr = rawDir.resolve("scale-" + total + ".jfr").toAbsolutePath();
    op.jcmd("JFR.start", "name=scale", "settings=profile", "filename=" + jfr);
    StackProfile wall = new StackProfile();
    long end = System.nanoTime() + PROFILE.toNanos();
    while (System.nanoTime() < end) {
      wall.addThreadDump(op.jcmd("Thread.print"), ScaleBench::reconcileThread,
          s -> s.stream().anyMatch(f -> f.endsWith("ThreadPoolExecutor.getTask")));
      OperatorJvm.sleep(500);
    }
    op.jcmd("JFR.stop", "name=scale");
    Map<String, Object> p = new LinkedHashMap<>();
    java.util.function.Predicate<String> ours = f -> f.startsWith("io.launchplan.");
    p.put("wall_samples", wall.samples());
    p.put("wall_self_top", wall.self(15));
    p.put("wall_operator_inclusive_top", wall.inclusive(25, ours));
    if (Files.exists(jfr)) {
      StackProfile cpu = StackProfile.fromJfr(jfr, n -> true);
      StackProfile rec = StackProfile.fromJfr(jfr, ScaleBench::reconcileThread);
      p.put("cpu_samples_all_threads", cpu.samples());
      p.put("cpu_self_top", cpu.self(20));
      // TLS to the API server: with C1 only (jvm.options) AES-GCM runs without its C2 intrinsics.
      p.put("cpu_share_tls", Stats.round(cpu.share(f -> f.startsWith("com.sun.crypto.") || f.startsWith("sun.security.")), 3));
      p.put("cpu_share_json", Stats.round(cpu.share(f -> f.startsWith("com.fasterxml.jackson.")), 3));
      p.put("cpu_share_reconcile", Stats.round(cpu.share(f -> f.startsWith("io.launchplan.cluster.LaunchPlanReconciler.")), 3));
      p.put("cpu_samples_reconcile_threads", rec.samples());
      p.put("cpu_reconcile_inclusive_top", rec.inclusive(25, ours));
    }
    Bench.log("  profile: %s", p);
    return p;
  }

  /**
   * A standby starts beside the leader (its time to {@code /readyz}: informers listed and synced
   * with every plan); the leader is killed (SIGKILL, the lease not given up); the standby's
   * take-over is timed until the first active plan ticks and until every plan was reconciled once.
   */
  private Map<String, Object> failover(OperatorJvm leader, QueryCountingProxy proxy, String idleNs, String activeNs,
      Split split, int total) {
    Map<String, Object> f = new LinkedHashMap<>();
    Path log = rawDir.resolve("operator-scale-" + total + "-standby.log");
    long start = System.nanoTime();
    try (OperatorJvm standby = OperatorJvm.start(config, List.of(idleNs, activeNs), proxy.uri(),
        leaseEnv(activeNs, "scale-standby"), log, List.of(), PORT_STANDBY)) {
      f.put("standby_metrics_up_s", Stats.round(secondsSince(start), 2));
      while (standby.readyz().getKey() != 200) {
        if (secondsSince(start) > 600) {
          throw new IllegalStateException("the standby was not ready within 600 s: " + standby.readyz().getValue());
        }
        OperatorJvm.sleep(100);
      }
      f.put("standby_start_to_readyz_s", Stats.round(secondsSince(start), 2));
      f.put("standby_readyz", standby.readyz().getValue().trim());
      OperatorJvm.sleep(10_000);
      f.put("standby_rss_mb", round(ProcStats.rssMb(standby.pid())));
      MetricsText before = standby.metrics();
      double ticks0 = before.sum("launchplan_analysis_tick_lag_seconds_count");
      double rec0 = before.sum("launchplan_reconcile_seconds_count");
      f.put("standby_reconciles_before", Math.round(rec0));
      long kill = System.nanoTime();
      leader.kill();
      Double leading = null;
      Double firstTick = null;
      Double allTicked = null;
      Double allReconciled = null;
      while (secondsSince(kill) < 300 && (firstTick == null || allReconciled == null || allTicked == null)) {
        if (leading == null && standby.readyz().getValue().contains("leader (holds the lease)")) {
          leading = secondsSince(kill);
        }
        MetricsText m = standby.metrics();
        double ticks = m.sum("launchplan_analysis_tick_lag_seconds_count") - ticks0;
        if (firstTick == null && ticks > 0) {
          firstTick = secondsSince(kill);
        }
        if (allTicked == null && ticks >= split.active()) {
          allTicked = secondsSince(kill);
        }
        if (allReconciled == null && m.sum("launchplan_reconcile_seconds_count") - rec0 >= total) {
          allReconciled = secondsSince(kill);
        }
        OperatorJvm.sleep(100);
      }
      f.put("lease_duration_s", LEASE_DURATION.toSeconds());
      f.put("kill_to_leading_s", round2(leading));
      f.put("kill_to_first_active_tick_s", round2(firstTick));
      f.put("kill_to_ticks_equal_active_plans_s", round2(allTicked));
      f.put("kill_to_every_plan_reconciled_s", round2(allReconciled));
      f.put("new_leader_rss_mb", round(ProcStats.rssMb(standby.pid())));
      f.put("new_leader_rss_peak_mb", round(ProcStats.rssPeakMb(standby.pid())));
      Bench.log("  failover: %s", f);
    }
    return f;
  }

  private Map<String, String> leaseEnv(String ns, String identity) {
    Map<String, String> env = new HashMap<>();
    env.put("LAUNCHPLAN_LEADER_ELECTION", "true");
    env.put("LAUNCHPLAN_LEASE_NAMESPACE", ns);
    env.put("LAUNCHPLAN_LEASE_NAME", LEASE);
    env.put("LAUNCHPLAN_IDENTITY", identity);
    // Longer than the default 15 s: on this shared 2-core machine the API server has stalled for
    // more than the 10 s renew deadline during a 10,000-plan setup, and a leader that cannot
    // renew exits (LeaderElection). The take-over below is timed against this lease.
    env.put("LAUNCHPLAN_LEASE_DURATION", LEASE_DURATION.toSeconds() + "s");
    return env;
  }

  /**
   * The operator's reconcile threads: its pool names them {@code reconcile-N}, and JOSDK renames a
   * thread {@code ReconcilerExecutor-<controller>-N} while it reconciles.
   */
  static boolean reconcileThread(String name) {
    return name.startsWith("reconcile-") || name.startsWith("ReconcilerExecutor-");
  }

  /** Queries of the idle plans: their shared text, or any text naming their namespace. */
  private static long idleQueries(QueryCountingProxy proxy, String idleNs) {
    return proxy.countWhere(q -> q.equals(IDLE_GLOBAL_QUERY) || q.contains("\"" + idleNs + "\""));
  }

  private static long activeQueries(QueryCountingProxy proxy, String activeNs) {
    return proxy.countWhere(q -> q.equals(CapacityBench.GLOBAL_QUERY) || q.contains("\"" + activeNs + "\""));
  }

  /** Each plan's resourceVersion: a plan whose version moved was written. */
  private Map<String, String> versions(String ns) {
    Map<String, String> v = new HashMap<>();
    List<LaunchPlan> plans = null;
    for (int attempt = 1; plans == null; attempt++) {
      try {
        plans = cluster.plans(ns);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (attempt == 5) {
          throw e;
        }
        OperatorJvm.sleep(5000);
      }
    }
    for (LaunchPlan p : plans) {
      v.put(p.getMetadata().getName(), p.getMetadata().getResourceVersion());
    }
    return v;
  }

  private static String idlePlan(int i) {
    return CapacityBench.planYaml("idle-", i, IDLE_GLOBAL_QUERY);
  }

  private static void awaitCount(String what, long count, Duration timeout, java.util.function.LongSupplier current) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastPrint = 0;
    while (true) {
      long now;
      try {
        now = current.getAsLong();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        // e.g. 429 "storage is (re)initializing" while another session re-applies the CRD
        Bench.log("  %s: API error, retrying: %s", what, e.getMessage().lines().findFirst().orElse(""));
        OperatorJvm.sleep(5000);
        continue;
      }
      if (now >= count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": " + now + " of " + count + " after " + timeout.toSeconds() + " s");
      }
      if (System.nanoTime() - lastPrint > 30_000_000_000L) {
        Bench.log("  %s: %d/%d (load %s)", what, now, count, Machine.loadAverage());
        lastPrint = System.nanoTime();
      }
      OperatorJvm.sleep(5000);
    }
  }

  private static void writeQuietly(Map<String, Object> r, Path file) {
    try {
      Bench.write(r, file);
    } catch (IOException e) {
      Bench.log("  cannot write %s: %s", file, e.getMessage());
    }
  }

  private static long seconds(long t) {
    return Math.round(secondsSince(t));
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }

  private static long round(double mb) {
    return Math.round(mb);
  }

  private static Double round2(Double s) {
    return s == null ? null : Stats.round(s, 2);
  }
}
