package io.launchplan.bench;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.Labels;
import io.launchplan.launch.Revisions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small end: the operator's footprint with nothing to do, and beside {@link #PLANS} finished
 * launches (the state of a small cluster most of the time). Each state gets a fresh operator JVM
 * with the bench's JVM options (those of the image). The finished launches are honest ones: each
 * Deployment's pod template carries the {@code launchplan.io/revision} a launch of its plan leaves
 * there, so the plan ends {@code Succeeded}/{@code AlreadyLaunched} without a canary, as a plan
 * re-applied after its launch does.
 */
final class FootprintBench {
  static final int PLANS = 50;
  /** Time for the JVM to settle (class loading, JIT, first GCs) before the window. */
  private static final Duration SETTLE = Duration.ofSeconds(60);

  /**
   * One state's figures: RSS steady (end of window) and peak (VmHWM), live heap after a full GC,
   * threads, and the operator's CPU, API-server requests and Prometheus queries in the window.
   */
  record Point(String state, int plans, double rssMb, double rssPeakMb, Double heapLiveMb, int threads,
      double cpuSeconds, long apiRequests, Map<String, Long> apiByKind, long queries, double windowSeconds,
      Double setupSeconds) {}

  private final BenchConfig config;
  private final BenchCluster cluster;
  private final Path rawDir;

  FootprintBench(BenchConfig config, BenchCluster cluster, Path rawDir) {
    this.config = config;
    this.cluster = cluster;
    this.rawDir = rawDir;
  }

  List<Point> run() {
    String suffix = Long.toString(System.currentTimeMillis() % 100000, 36);
    List<Point> points = new ArrayList<>();
    String idle = "bench-fp-idle-" + suffix;
    cluster.createNamespace(idle);
    Bench.log("footprint: idle operator (namespace %s, no plans)", idle);
    points.add(measure("idle", idle, 0, null));
    cluster.deleteNamespace(idle, Duration.ofMinutes(2));

    String ns = "bench-fp-" + PLANS + "-" + suffix;
    cluster.ensureNodes(PLANS + 10);
    cluster.createNamespace(ns);
    Bench.log("footprint: %d finished launches (namespace %s)", PLANS, ns);
    long start = System.nanoTime();
    BenchCluster.parallel(PLANS, 8, i -> {
      LaunchPlan plan = cluster.planObject(ns, planYaml(i));
      String revision = Revisions.templateHash(plan.getSpec().getTemplate());
      cluster.createDeployment(ns, CapacityBench.app(i), 1, 0, Map.of(Labels.REVISION, revision));
    });
    cluster.awaitAvailable(ns, PLANS, Duration.ofSeconds(120 + PLANS));
    BenchCluster.parallel(PLANS, 8, i -> cluster.createPlan(ns, planYaml(i)));
    double setup = (System.nanoTime() - start) / 1e9;
    points.add(measure("ended", ns, PLANS, setup));
    cluster.deleteNamespace(ns, Duration.ofMinutes(3));
    return points;
  }

  private Point measure(String state, String ns, int plans, Double setupSeconds) {
    Path log = rawDir.resolve("operator-footprint-" + state + ".log");
    try (QueryCountingProxy proxy = new QueryCountingProxy(config.prometheus());
        OperatorJvm operator = OperatorJvm.start(config, List.of(ns), proxy.uri(), Map.of(), log,
            List.of(RequestLog.JVM_OPTION))) {
      if (plans > 0) {
        cluster.awaitPhase(ns, Phase.Succeeded, plans, Duration.ofSeconds(120 + plans));
      }
      OperatorJvm.sleep(SETTLE.toMillis());
      RequestLog requests = new RequestLog(log, java.net.URI.create(cluster.client().getMasterUrl().toString()));
      long logFrom = requests.mark();
      long queriesFrom = proxy.total();
      double cpuFrom = ProcStats.cpuSeconds(operator.pid());
      long t0 = System.nanoTime();
      long end = t0 + config.footprintWindow().toNanos();
      double rssMax = 0;
      while (System.nanoTime() < end) {
        rssMax = Math.max(rssMax, ProcStats.rssMb(operator.pid()));
        OperatorJvm.sleep(Math.min(2000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
      }
      double window = (System.nanoTime() - t0) / 1e9;
      double cpu = ProcStats.cpuSeconds(operator.pid()) - cpuFrom;
      long queries = proxy.total() - queriesFrom;
      Map<String, Long> api = requests.between(logFrom, requests.mark());
      double rss = ProcStats.rssMb(operator.pid());
      double peak = ProcStats.rssPeakMb(operator.pid());
      int threads = ProcStats.threads(operator.pid());
      Double live = operator.forceGc() ? operator.heapMb() : null;
      long apiTotal = api.values().stream().mapToLong(Long::longValue).sum();
      Bench.log("  %s: RSS %.0f MB (max in window %.0f, peak %.0f), live heap %s MB, %d threads, CPU %.2f s, "
          + "%d API requests, %d queries in %.0f s", state, rss, rssMax, peak, live == null ? "?" : String.format("%.1f", live),
          threads, cpu, apiTotal, queries, window);
      return new Point(state, plans, rss, peak, live, threads, cpu, apiTotal, api, queries, window, setupSeconds);
    }
  }

  static Map<String, Object> report(Point p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", p.state());
    m.put("plans", p.plans());
    m.put("rss_mb", Math.round(p.rssMb()));
    m.put("rss_peak_mb", Math.round(p.rssPeakMb()));
    m.put("heap_live_mb", p.heapLiveMb() == null ? null : Math.round(p.heapLiveMb() * 10) / 10.0);
    m.put("threads", p.threads());
    m.put("cpu_seconds", Math.round(p.cpuSeconds() * 100) / 100.0);
    m.put("api_requests", p.apiRequests());
    m.put("api_by_kind", p.apiByKind());
    m.put("prometheus_queries", p.queries());
    m.put("window_s", Math.round(p.windowSeconds()));
    m.put("setup_s", p.setupSeconds() == null ? null : Math.round(p.setupSeconds()));
    return m;
  }

  private static String planYaml(int i) {
    return CapacityBench.planYaml("fp-", i);
  }
}
