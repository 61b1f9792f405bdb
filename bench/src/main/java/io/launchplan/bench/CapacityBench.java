package io.launchplan.bench;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.launch.TickSchedule;
import io.launchplan.testsupport.LaunchPlanYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * N concurrent LaunchPlans, each on its own 2-replica Deployment, all Observing with a 10 s
 * analysis interval and two queries (one text shared by every plan, one on the plan's canary),
 * measured for a fixed window: does the operator keep its ticks, and what does that cost?
 */
final class CapacityBench {
  /** The same text in every plan: never fires; coalescing should send it once per tick of the fleet. */
  static final String GLOBAL_QUERY = "sum(rate(http_requests_total{code=~\"5..\"}[1m])) > 1e9";
  static final String CANARY_QUERY = "sum(rate(http_requests_total{namespace=\"${namespace}\",pod=~\"${canaryPods}\",code=~\"5..\"}[1m]))"
      + " / sum(rate(http_requests_total{namespace=\"${namespace}\",pod=~\"${canaryPods}\"}[1m])) > 0.2";

  /** Everything measured at one size; the report picks its figures from here. */
  record Result(int plans, String namespace, double setupSeconds, double windowSeconds, int observingAtEnd,
      long ticks, Stats.Summary tickLag, Stats.Summary publishDelay, Double reconcileP50, Double reconcileP99,
      double reconciles, double reconcileSeconds, Double queryP50, Double queryP99,
      double rssMb, double rssMaxMb, Double rssPeakMb, double heapMedianMb, double heapMaxMb, Double heapLiveMb, double cpuCores,
      Map<String, Double> environmentCpuCores, double machineBusyCores, double apiRequestsPerMin,
      double apiBackgroundPerMin, Map<String, Double> apiTopPerMin, long operatorApiRequests,
      Map<String, Long> operatorApiByVerb, double prometheusQueries,
      long proxiedQueries, long globalQuerySends, Double gcSeconds, Double gcCollections, List<Double> lags) {

    double prometheusQueriesPerTick() {
      return ticks == 0 ? Double.NaN : prometheusQueries / ticks;
    }

    /** How often the shared query reached Prometheus per analysis interval (1 = perfect coalescing). */
    double globalSendsPerInterval() {
      return globalQuerySends / (windowSeconds / BenchConfig.CAPACITY_INTERVAL.toSeconds());
    }

    /** The operator's own API-server requests per analysis tick (all its requests in the window, watches included). */
    double operatorApiRequestsPerTick() {
      return ticks == 0 ? Double.NaN : (double) operatorApiRequests / ticks;
    }

    /** Share of the window the operator's JVM spent in garbage collection (all its collectors). */
    Double gcShare() {
      return gcSeconds == null ? null : gcSeconds / windowSeconds;
    }

    /** Mean time of one collection in the window, in milliseconds. */
    Double gcMeanPauseMillis() {
      return gcSeconds == null || gcCollections == null || gcCollections == 0 ? null : gcSeconds / gcCollections * 1000;
    }

    /** Mean time of one reconcile. */
    double reconcileMeanSeconds() {
      return reconciles == 0 ? Double.NaN : reconcileSeconds / reconciles;
    }

    /** Share of the operator's reconcile threads busy during the window; at 1 ticks start falling behind. */
    double reconcilePoolBusy() {
      return reconcileSeconds / windowSeconds / reconcileThreads();
    }

    /** Operator CPU per analysis tick, in milliseconds. */
    double cpuMillisPerTick() {
      return ticks == 0 ? Double.NaN : cpuCores * windowSeconds * 1000 / ticks;
    }

    /**
     * Repeated runs at one size as one result: the median of each measured quantity (derived
     * figures such as queries per tick then come from medians of their parts), the lowest
     * {@code observingAtEnd}, and the tick-lag samples of all runs together. The report's row uses
     * the median of each figure instead; this one feeds the growth figures.
     */
    static Result median(List<Result> runs) {
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("no runs");
      }
      if (runs.size() == 1) {
        return runs.get(0);
      }
      Result first = runs.get(0);
      List<Double> allLags = new ArrayList<>();
      runs.forEach(r -> allLags.addAll(r.lags()));
      return new Result(first.plans(), first.namespace(), num(med(runs, Result::setupSeconds)), num(med(runs, Result::windowSeconds)),
          runs.stream().mapToInt(Result::observingAtEnd).min().orElse(0), Math.round(med(runs, r -> (double) r.ticks())),
          medSummary(runs, Result::tickLag), medSummary(runs, Result::publishDelay), med(runs, Result::reconcileP50),
          med(runs, Result::reconcileP99), num(med(runs, Result::reconciles)), num(med(runs, Result::reconcileSeconds)),
          med(runs, Result::queryP50), med(runs, Result::queryP99), num(med(runs, Result::rssMb)), num(med(runs, Result::rssMaxMb)),
          med(runs, Result::rssPeakMb), num(med(runs, Result::heapMedianMb)), num(med(runs, Result::heapMaxMb)),
          med(runs, Result::heapLiveMb), num(med(runs, Result::cpuCores)), medMap(runs, Result::environmentCpuCores),
          num(med(runs, Result::machineBusyCores)), num(med(runs, Result::apiRequestsPerMin)), num(med(runs, Result::apiBackgroundPerMin)),
          medMap(runs, Result::apiTopPerMin), Math.round(med(runs, r -> (double) r.operatorApiRequests())),
          first.operatorApiByVerb(), num(med(runs, Result::prometheusQueries)),
          Math.round(med(runs, r -> (double) r.proxiedQueries())), Math.round(med(runs, r -> (double) r.globalQuerySends())),
          med(runs, Result::gcSeconds), med(runs, Result::gcCollections), allLags);
    }

    /** Median of a quantity over the runs that have it; null when none has. */
    private static Double med(List<Result> runs, java.util.function.Function<Result, Double> f) {
      List<Double> v = new ArrayList<>();
      for (Result r : runs) {
        Double d = f.apply(r);
        if (d != null && !d.isNaN()) {
          v.add(d);
        }
      }
      v.sort(null);
      return v.isEmpty() ? null : Stats.quantile(v, 0.5);
    }

    private static double num(Double v) {
      return v == null ? Double.NaN : v;
    }

    private static Stats.Summary medSummary(List<Result> runs, java.util.function.Function<Result, Stats.Summary> f) {
      return new Stats.Summary((int) Math.round(med(runs, r -> (double) f.apply(r).n())), med(runs, r -> f.apply(r).p50()),
          med(runs, r -> f.apply(r).p95()), med(runs, r -> f.apply(r).p99()), med(runs, r -> f.apply(r).max()));
    }

    private static Map<String, Double> medMap(List<Result> runs, java.util.function.Function<Result, Map<String, Double>> f) {
      Map<String, Double> m = new java.util.LinkedHashMap<>();
      for (Result r : runs) {
        f.apply(r).keySet().forEach(k -> m.putIfAbsent(k, null));
      }
      m.replaceAll((k, ignored) -> med(runs, r -> f.apply(r).get(k)));
      return m;
    }
  }

  /** How much a counter of the operator grew in the window; null when the operator does not export it. */
  private static Double delta(MetricsText before, MetricsText after, String name) {
    return after.has(name) ? after.sum(name) - before.sum(name) : null;
  }

  /** The operator's reconcile threads: its default, or what the environment passes on to it. */
  static int reconcileThreads() {
    String v = System.getenv("LAUNCHPLAN_RECONCILE_CONCURRENCY");
    return v == null || v.isBlank() ? io.launchplan.OperatorConfig.DEFAULT_CONCURRENCY : Integer.parseInt(v.trim());
  }

  private final BenchConfig config;
  private final BenchCluster cluster;
  private final Path rawDir;

  CapacityBench(BenchConfig config, BenchCluster cluster, Path rawDir) {
    this.config = config;
    this.cluster = cluster;
    this.rawDir = rawDir;
  }

  /** One run of {@code n} plans; {@code round} names its raw files when sizes are repeated. */
  Result run(int n, int round) {
    String ns = "bench-cap-" + n + "-" + Long.toString(System.currentTimeMillis() % 100000, 36);
    cluster.ensureNodes(n * 3 + 10);
    cluster.createNamespace(ns);
    Bench.log("capacity, %d plans in namespace %s (interval %d s, window %d s)", n, ns,
        BenchConfig.CAPACITY_INTERVAL.toSeconds(), config.window().toSeconds());
    Map<String, String> lastSeen = new ConcurrentHashMap<>();
    Map<String, List<Instant>> ticks = new ConcurrentHashMap<>();
    Map<String, Double> phases = new ConcurrentHashMap<>();
    List<Double> publishDelays = Collections.synchronizedList(new ArrayList<>());
    OperatorJvm operator = null;
    SharedIndexInformer<LaunchPlan> informer = null;
    try (QueryCountingProxy proxy = new QueryCountingProxy(config.prometheus())) {
      Path log = rawDir.resolve("operator-" + RawFiles.capacityName(n, round).replace(".json", ".log"));
      operator = OperatorJvm.start(config, List.of(ns), config.queryProxy() ? proxy.uri() : config.prometheus(), Map.of(),
          log, List.of(RequestLog.JVM_OPTION));
      RequestLog requests = new RequestLog(log, java.net.URI.create(cluster.client().getMasterUrl().toString()));
      double apiBackground = apiRatePerMin(Duration.ofSeconds(15));

      informer = cluster.client().resources(LaunchPlan.class).inNamespace(ns).inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(LaunchPlan p) {
          record(p);
        }

        @Override
        public void onUpdate(LaunchPlan old, LaunchPlan p) {
          record(p);
        }

        @Override
        public void onDelete(LaunchPlan p, boolean unknown) {}

        private void record(LaunchPlan p) {
          String at = p.getStatus() == null ? null : p.getStatus().getLastAnalysisAt();
          String name = p.getMetadata().getName();
          phases.putIfAbsent(name, TickSchedule.phaseOf(p.getMetadata().getUid()));
          if (at != null && !at.equals(lastSeen.put(name, at))) {
            Instant tick = Instant.parse(at);
            ticks.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(tick);
            publishDelays.add(Duration.between(tick, Instant.now()).toNanos() / 1e9);
          }
        }
      }, 0);

      long setupStart = System.nanoTime();
      BenchCluster.parallel(n, 8, i -> cluster.createDeployment(ns, app(i), 2, 20));
      cluster.awaitAvailable(ns, n, Duration.ofSeconds(120 + n));
      BenchCluster.parallel(n, 8, i -> cluster.createPlan(ns, planYaml(i)));
      cluster.awaitPhase(ns, Phase.Observing, n, Duration.ofSeconds(180 + n * 2L));
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      Bench.log("  all %d plans Observing after %.0f s of setup; measuring %d s", n, setupSeconds,
          config.window().toSeconds());

      Snapshot before = Snapshot.take(operator, cluster, proxy, config.repoRoot());
      long logFrom = requests.mark();
      List<Double> rss = new ArrayList<>();
      List<Double> heap = new ArrayList<>();
      long end = System.nanoTime() + config.window().toNanos();
      while (System.nanoTime() < end) {
        rss.add(ProcStats.rssMb(operator.pid()));
        heap.add(operator.heapMb());
        OperatorJvm.sleep(Math.min(2000, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
      }
      Snapshot after = Snapshot.take(operator, cluster, proxy, config.repoRoot());
      Map<String, Long> operatorRequests = requests.between(logFrom, requests.mark());
      // Read before the forced GC below, which the operator would not do by itself (it moves RSS).
      double rssEnd = ProcStats.rssMb(operator.pid());
      double rssPeak = ProcStats.rssPeakMb(operator.pid());
      Double heapLive = operator.forceGc() ? operator.heapMb() : null;
      int observing = (int) informer.getStore().list().stream()
          .filter(p -> p.getStatus() != null && p.getStatus().getPhase() == Phase.Observing).count();

      double wall = Duration.between(before.at(), after.at()).toNanos() / 1e9;
      List<Double> lags = new ArrayList<>();
      long inWindow = 0;
      for (var entry : ticks.entrySet()) {
        List<Instant> list = entry.getValue();
        double phase = phases.getOrDefault(entry.getKey(), 0.0);
        List<Instant> sorted;
        synchronized (list) {
          sorted = new ArrayList<>(list);
        }
        sorted.sort(null);
        for (int i = 0; i < sorted.size(); i++) {
          Instant t = sorted.get(i);
          if (t.isBefore(before.at()) || t.isAfter(after.at())) {
            continue;
          }
          inWindow++;
          if (i > 0 && !sorted.get(i - 1).isBefore(before.at())) {
            // Scheduled: the plan's next place in the interval slots after the previous tick.
            Instant scheduled = TickSchedule.next(sorted.get(i - 1), BenchConfig.CAPACITY_INTERVAL, phase);
            lags.add(Duration.between(scheduled, t).toNanos() / 1e9);
          }
        }
      }
      Map<Double, Double> reconcileBuckets = Stats.delta(before.operator().buckets("launchplan_reconcile_seconds"),
          after.operator().buckets("launchplan_reconcile_seconds"));
      Map<Double, Double> queryBuckets = Stats.delta(before.operator().buckets("launchplan_prometheus_query_seconds"),
          after.operator().buckets("launchplan_prometheus_query_seconds"));
      Map<String, Double> envCpu = new LinkedHashMap<>();
      before.environmentCpu().forEach((name, cpu) -> {
        Double later = after.environmentCpu().get(name);
        if (later != null && !cpu.isNaN() && !later.isNaN()) {
          envCpu.put(name, Stats.round((later - cpu) / wall, 3));
        }
      });
      Map<String, Double> apiTop = new TreeMap<>();
      after.apiByVerbResource().forEach((k, v) -> {
        double perMin = (v - before.apiByVerbResource().getOrDefault(k, 0.0)) / wall * 60;
        if (perMin >= 1) {
          apiTop.put(k, Stats.round(perMin, 1));
        }
      });
      List<Double> publish;
      synchronized (publishDelays) {
        publish = new ArrayList<>(publishDelays);
      }
      // Tick lag and the tick count come from the operator's own histogram: it knows each tick's
      // scheduled time, and since quiet ticks are not all written to status, a watch sees only some.
      Map<Double, Double> lagBuckets = Stats.delta(before.operator().buckets("launchplan_analysis_tick_lag_seconds"),
          after.operator().buckets("launchplan_analysis_tick_lag_seconds"));
      long scheduledTicks = Math.round(after.operator().sum("launchplan_analysis_tick_lag_seconds_count")
          - before.operator().sum("launchplan_analysis_tick_lag_seconds_count"));
      Stats.Summary tickLag = scheduledTicks > 0
          ? new Stats.Summary((int) scheduledTicks, Stats.histogramQuantile(0.5, lagBuckets),
              Stats.histogramQuantile(0.95, lagBuckets), Stats.histogramQuantile(0.99, lagBuckets),
              null) // a histogram has no maximum
          : Stats.Summary.of(lags);
      if (scheduledTicks > 0) {
        inWindow = scheduledTicks;
      }
      return new Result(n, ns, setupSeconds, wall, observing, inWindow, tickLag,
          Stats.Summary.of(publish), Stats.histogramQuantile(0.5, reconcileBuckets), Stats.histogramQuantile(0.99, reconcileBuckets),
          after.operator().sum("launchplan_reconcile_seconds_count") - before.operator().sum("launchplan_reconcile_seconds_count"),
          after.operator().sum("launchplan_reconcile_seconds_sum") - before.operator().sum("launchplan_reconcile_seconds_sum"),
          Stats.histogramQuantile(0.5, queryBuckets), Stats.histogramQuantile(0.99, queryBuckets),
          rssEnd, rss.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), rssPeak,
          Stats.quantile(sortedCopy(heap), 0.5), heap.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
          heapLive, (after.operatorCpu() - before.operatorCpu()) / wall, envCpu,
          (after.machineBusy() - before.machineBusy()) / wall,
          (after.apiRequests() - before.apiRequests()) / wall * 60, apiBackground, apiTop,
          operatorRequests.values().stream().mapToLong(Long::longValue).sum(), operatorRequests,
          after.operator().sum("launchplan_prometheus_query_seconds_count")
              - before.operator().sum("launchplan_prometheus_query_seconds_count"),
          after.proxied() - before.proxied(), after.globalSends() - before.globalSends(),
          delta(before.operator(), after.operator(), "jvm_gc_collection_seconds_sum"),
          delta(before.operator(), after.operator(), "jvm_gc_collection_seconds_count"), lags);
    } finally {
      if (informer != null) {
        informer.close();
      }
      if (operator != null) {
        operator.close();
      }
      cluster.deleteNamespace(ns, Duration.ofSeconds(300));
    }
  }

  /** Requests per minute the API server answered (all clients) over {@code d}. */
  private double apiRatePerMin(Duration d) {
    double a = cluster.apiserverRequests();
    long t = System.nanoTime();
    OperatorJvm.sleep(d.toMillis());
    double b = cluster.apiserverRequests();
    return (b - a) / ((System.nanoTime() - t) / 1e9) * 60;
  }

  private static List<Double> sortedCopy(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.removeIf(x -> x == null || x.isNaN());
    s.sort(null);
    return s.isEmpty() ? List.of(Double.NaN) : s;
  }

  /** The counters read at the start and the end of the window. */
  private record Snapshot(Instant at, MetricsText operator, double operatorCpu, Map<String, Double> environmentCpu,
      double machineBusy, double apiRequests, Map<String, Double> apiByVerbResource, long proxied, long globalSends) {
    static Snapshot take(OperatorJvm operator, BenchCluster cluster, QueryCountingProxy proxy, Path repoRoot) {
      MetricsText api = cluster.apiserverMetrics();
      Map<String, Double> env = new LinkedHashMap<>();
      ProcStats.environmentPids(repoRoot).forEach((name, pid) -> env.put(name, ProcStats.cpuSeconds(pid)));
      return new Snapshot(Instant.now(), operator.metrics(), ProcStats.cpuSeconds(operator.pid()), env,
          ProcStats.machineBusySeconds(), api.sum("apiserver_request_total"),
          api.sumBy("apiserver_request_total", "verb", "resource", "subresource"), proxy.total(),
          proxy.count(GLOBAL_QUERY));
    }
  }

  static String app(int i) {
    return String.format("app-%04d", i);
  }

  /** Each plan has a lane of its own: lanes default to the namespace and would run these launches one at a time. */
  private static String planYaml(int i) {
    return planYaml("cap-", i);
  }

  /** As above, named {@code <prefix><number>}; the footprint's finished plans are the same plans. */
  static String planYaml(String prefix, int i) {
    return planYaml(prefix, i, GLOBAL_QUERY);
  }

  /** As above, with {@code globalQuery} as the text every plan shares. */
  static String planYaml(String prefix, int i, String globalQuery) {
    String name = prefix + app(i).substring(4);
    return LaunchPlanYaml.of(name, app(i), """
        lane: %s
        canary: {replicas: 1, observe: 60m}
        analysis:
          interval: %ds
          queries:
            - name: global-5xx
              action: Revert
              expr: '%s'
            - name: canary-5xx
              action: Revert
              expr: '%s'
        """.formatted(name, BenchConfig.CAPACITY_INTERVAL.toSeconds(), globalQuery, CANARY_QUERY));
  }
}
