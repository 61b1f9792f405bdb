package io.launchplan.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the measurements into the JSON report's figures (rounded, named as bench/README.md explains). */
final class Report {
  private Report() {}

  static Map<String, Object> latency(LatencyBench.Result r, PushBench.Result push) {
    var runs = r.runs();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("interval_s", r.intervalSeconds());
    m.put("runs", runs.size());
    m.put("completed", runs.stream().filter(t -> t.t3() != null && t.t2() != null && t.t1() != null).count());
    put(m, "source_to_firing", Stats.Summary.of(values(runs, RevertRun.Times::sourceToSignal)));
    put(m, "firing_to_deleted", Stats.Summary.of(values(runs, RevertRun.Times::signalToDeleted)));
    put(m, "operator_share", Stats.Summary.of(values(runs, RevertRun.Times::operatorShare)));
    put(m, "wait_for_tick", Stats.Summary.of(values(runs, RevertRun.Times::waitForTick)));
    put(m, "end_to_end", Stats.Summary.of(values(runs, RevertRun.Times::endToEnd)));
    m.put("operator_metric_detect_to_revert_mean_s",
        r.operatorMetricCount() == 0 ? null : Stats.round(r.operatorMetricSum() / r.operatorMetricCount(), 3));
    m.put("operator_metric_detect_to_revert_count", (long) r.operatorMetricCount());
    Stats.Summary p = push == null || push.runs() == null ? null : Stats.Summary.of(values(push.runs(), RevertRun.Times::endToEnd));
    m.put("push_end_to_end_p50_s", p == null ? null : Stats.round(p.p50(), 3));
    m.put("push_end_to_end_p95_s", p == null ? null : Stats.round(p.p95(), 3));
    return m;
  }

  static Map<String, Object> push(PushBench.Result push) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("analysis_interval_s", 60);
    if (push.runs() == null) {
      m.put("runs", 0);
      m.put("skipped", push.skipped());
      m.put("end_to_end_p50_s", null);
      m.put("end_to_end_p95_s", null);
      return m;
    }
    m.put("runs", push.runs().size());
    put(m, "end_to_end", Stats.Summary.of(values(push.runs(), RevertRun.Times::endToEnd)));
    put(m, "source_to_alert", Stats.Summary.of(values(push.runs(), RevertRun.Times::sourceToSignal)));
    put(m, "alert_to_deleted", Stats.Summary.of(values(push.runs(), RevertRun.Times::signalToDeleted)));
    return m;
  }

  static Map<String, Object> capacity(CapacityBench.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plans", r.plans());
    m.put("tick_lag_p50_s", Stats.round(r.tickLag().p50(), 3));
    m.put("tick_lag_p99_s", Stats.round(r.tickLag().p99(), 3));
    m.put("tick_lag_max_s", Stats.round(r.tickLag().max(), 3));
    m.put("reconcile_p99_s", Stats.round(r.reconcileP99(), 4));
    m.put("reconcile_p50_s", Stats.round(r.reconcileP50(), 4));
    m.put("reconcile_mean_s", Stats.round(r.reconcileMeanSeconds(), 4));
    m.put("reconcile_threads_busy", Stats.round(r.reconcilePoolBusy(), 3));
    m.put("prometheus_query_p50_s", Stats.round(r.queryP50(), 4));
    m.put("prometheus_query_p99_s", Stats.round(r.queryP99(), 4));
    m.put("rss_mb", Stats.round(r.rssMb(), 1));
    m.put("rss_window_max_mb", Stats.round(r.rssMaxMb(), 1));
    // VmHWM can trail a VmRSS sample by a few pages (the kernel folds per-thread RSS counters in lazily).
    m.put("rss_peak_mb", r.rssPeakMb() == null ? null : Stats.round(Math.max(r.rssPeakMb(), r.rssMaxMb()), 1));
    m.put("heap_mb", Stats.round(r.heapMedianMb(), 1));
    m.put("heap_max_mb", Stats.round(r.heapMaxMb(), 1));
    m.put("heap_live_mb", Stats.round(r.heapLiveMb(), 1));
    m.put("gc_share", Stats.round(r.gcShare(), 4));
    m.put("gc_mean_pause_ms", Stats.round(r.gcMeanPauseMillis(), 2));
    m.put("cpu_cores", Stats.round(r.cpuCores(), 3));
    m.put("cpu_ms_per_tick", Stats.round(r.cpuMillisPerTick(), 2));
    m.put("api_requests_per_min", Stats.round(r.apiRequestsPerMin(), 0));
    m.put("api_requests_per_min_background", Stats.round(r.apiBackgroundPerMin(), 0));
    m.put("operator_api_requests_per_min", Stats.round(r.operatorApiRequests() / r.windowSeconds() * 60, 0));
    m.put("operator_api_requests_per_tick", Stats.round(r.operatorApiRequestsPerTick(), 2));
    m.put("prometheus_queries_per_tick", Stats.round(r.prometheusQueriesPerTick(), 3));
    m.put("global_query_sends_per_interval", r.proxiedQueries() == 0 ? null : Stats.round(r.globalSendsPerInterval(), 2));
    m.put("global_query_sends", r.proxiedQueries() == 0 ? null : r.globalQuerySends());
    m.put("ticks", r.ticks());
    m.put("reconciles", (long) r.reconciles());
    m.put("window_s", Stats.round(r.windowSeconds(), 1));
    m.put("observing_at_end", r.observingAtEnd());
    m.put("setup_s", Stats.round(r.setupSeconds(), 0));
    m.put("status_publish_delay_p50_s", Stats.round(r.publishDelay().p50(), 3));
    m.put("status_publish_delay_p99_s", Stats.round(r.publishDelay().p99(), 3));
    m.put("machine_busy_cores", Stats.round(r.machineBusyCores(), 2));
    m.put("environment_cpu_cores", r.environmentCpuCores());
    return m;
  }

  /** The figures of each run at one size, as {@code per_run} lists them next to the medians. */
  static final List<String> PER_RUN = List.of("tick_lag_p50_s", "tick_lag_p99_s", "reconcile_p99_s", "rss_mb",
      "rss_peak_mb", "heap_live_mb", "gc_share", "cpu_cores", "operator_api_requests_per_min", "global_query_sends_per_interval",
      "machine_busy_cores", "setup_s");

  /**
   * Repeated runs at one size as one report row: each figure is the median of that figure over the
   * runs (of those that have it; maps such as {@code environment_cpu_cores} key by key), with
   * {@code runs} and the main figures of each run under {@code per_run}. One run gives its row as is.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> capacityMedian(List<Map<String, Object>> rows) {
    if (rows.size() == 1) {
      return rows.get(0);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (String key : rows.get(0).keySet()) {
      List<Object> values = new ArrayList<>();
      rows.forEach(r -> values.add(r.get(key)));
      if (values.stream().anyMatch(v -> v instanceof Map)) {
        Map<String, Object> sub = new LinkedHashMap<>();
        for (Object v : values) {
          if (v instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).keySet().forEach(k -> sub.putIfAbsent(k, null));
          }
        }
        sub.replaceAll((k, ignored) -> medianOf(values.stream()
            .map(v -> v instanceof Map<?, ?> map ? (Object) map.get(k) : null).toList()));
        m.put(key, sub);
      } else {
        m.put(key, medianOf(values));
      }
    }
    m.put("runs", rows.size());
    List<Map<String, Object>> perRun = new ArrayList<>();
    for (var r : rows) {
      Map<String, Object> p = new LinkedHashMap<>();
      PER_RUN.forEach(k -> p.put(k, r.get(k)));
      perRun.add(p);
    }
    m.put("per_run", perRun);
    return m;
  }

  /**
   * The median of the numbers among {@code values} (null when there are none); a value that is not a
   * number (a name) is the same in every run and is passed on. Rounded to 4 decimals.
   */
  private static Object medianOf(List<Object> values) {
    List<Double> numbers = new ArrayList<>();
    Object other = null;
    boolean allIntegral = true;
    for (Object v : values) {
      if (v instanceof Number n) {
        numbers.add(n.doubleValue());
        allIntegral &= v instanceof Integer || v instanceof Long;
      } else if (v != null) {
        other = v;
      }
    }
    if (numbers.isEmpty()) {
      return other;
    }
    numbers.sort(null);
    double q = Stats.quantile(numbers, 0.5);
    return allIntegral && q == Math.rint(q) ? (Object) Math.round(q) : Stats.round(q, 4);
  }

  /**
   * Growth between the capacity points (ratios), and an extrapolated limit on this machine: the
   * plan count at which the operator alone, or the whole local stack with it, would need both cores.
   */
  static Map<String, Object> growth(List<CapacityBench.Result> points, int cores) {
    Map<String, Object> g = new LinkedHashMap<>();
    List<Map<String, Object>> per = new ArrayList<>();
    for (var r : points) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("plans", r.plans());
      m.put("rss_mb_per_plan", Stats.round(r.rssMb() / r.plans(), 3));
      m.put("heap_live_kb_per_plan", r.heapLiveMb() == null ? null : Stats.round(r.heapLiveMb() * 1024 / r.plans(), 1));
      m.put("cpu_ms_per_tick", Stats.round(r.cpuMillisPerTick(), 2));
      m.put("operator_api_requests_per_tick", Stats.round(r.operatorApiRequestsPerTick(), 2));
      m.put("prometheus_queries_per_tick", Stats.round(r.prometheusQueriesPerTick(), 3));
      m.put("stack_cpu_ms_per_tick", Stats.round(stackCores(r) * r.windowSeconds() * 1000 / Math.max(1, r.ticks()), 2));
      per.add(m);
    }
    g.put("per_plan", per);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 1; i < points.size(); i++) {
      var a = points.get(i - 1);
      var b = points.get(i);
      double dn = b.plans() - a.plans();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from_plans", a.plans());
      m.put("to_plans", b.plans());
      m.put("plans_ratio", Stats.round(b.plans() / (double) a.plans(), 2));
      m.put("rss_ratio", Stats.round(b.rssMb() / a.rssMb(), 2));
      m.put("heap_live_ratio", a.heapLiveMb() == null || b.heapLiveMb() == null ? null : Stats.round(b.heapLiveMb() / a.heapLiveMb(), 2));
      m.put("cpu_ratio", Stats.round(b.cpuCores() / a.cpuCores(), 2));
      m.put("operator_api_requests_ratio", a.operatorApiRequests() == 0 ? null
          : Stats.round((double) b.operatorApiRequests() / a.operatorApiRequests(), 2));
      m.put("rss_mb_per_100_plans", Stats.round((b.rssMb() - a.rssMb()) / dn * 100, 1));
      m.put("heap_live_mb_per_100_plans", a.heapLiveMb() == null || b.heapLiveMb() == null ? null
          : Stats.round((b.heapLiveMb() - a.heapLiveMb()) / dn * 100, 1));
      m.put("operator_cores_per_100_plans", Stats.round((b.cpuCores() - a.cpuCores()) / dn * 100, 3));
      m.put("stack_cores_per_100_plans", Stats.round((stackCores(b) - stackCores(a)) / dn * 100, 3));
      steps.add(m);
    }
    g.put("steps", steps);
    if (!points.isEmpty()) {
      var hi = points.get(points.size() - 1);
      double opPerPlan = points.size() >= 2
          ? (hi.cpuCores() - points.get(points.size() - 2).cpuCores()) / (hi.plans() - points.get(points.size() - 2).plans())
          : hi.cpuCores() / hi.plans();
      Map<String, Object> limit = new LinkedHashMap<>();
      limit.put("cores", cores);
      limit.put("reconcile_threads", CapacityBench.reconcileThreads());
      limit.put("plans_until_reconcile_threads_saturate", hi.reconcileMeanSeconds() > 0
          ? Math.round(CapacityBench.reconcileThreads() * BenchConfig.CAPACITY_INTERVAL.toSeconds() / hi.reconcileMeanSeconds())
          : null);
      limit.put("plans_until_operator_cpu_uses_all_cores", extrapolate(hi.plans(), hi.cpuCores(), opPerPlan, cores));
      Integer firstBehind = points.stream().filter(r -> r.tickLag().p50() != null && r.tickLag().p50() > 1.0)
          .map(CapacityBench.Result::plans).findFirst().orElse(null);
      limit.put("first_measured_size_with_tick_lag_p50_over_1s", firstBehind);
      limit.put("basis", "reconcile threads: threads x interval / mean reconcile time at the largest point (reconciles"
          + " mostly wait on the API server, and get slower as it gets busier, so this is an upper bound);"
          + " operator CPU: linear in plans from the last " + (points.size() >= 2 ? "two capacity points" : "capacity point (through 0)")
          + ". The local stack's CPU (API server, etcd, Prometheus ...) is in per_plan but not extrapolated:"
          + " other work on a shared machine moves it more than the plans do");
      g.put("limit", limit);
    }
    return g;
  }

  /** CPU of the operator plus every process of the local environment during the window. */
  static double stackCores(CapacityBench.Result r) {
    return r.cpuCores() + r.environmentCpuCores().values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static Long extrapolate(int plans, double used, double perPlan, int cores) {
    if (!(perPlan > 0)) {
      return null;
    }
    return Math.round(plans + (cores - used) / perPlan);
  }

  private static void put(Map<String, Object> m, String name, Stats.Summary s) {
    m.put(name + "_p50_s", Stats.round(s.p50(), 3));
    m.put(name + "_p95_s", Stats.round(s.p95(), 3));
    m.put(name + "_max_s", Stats.round(s.max(), 3));
  }

  private static List<Double> values(List<RevertRun.Times> runs, java.util.function.Function<RevertRun.Times, Double> f) {
    List<Double> v = new ArrayList<>();
    for (var t : runs) {
      Double d = t == null ? null : f.apply(t);
      if (d != null) {
        v.add(d);
      }
    }
    return v;
  }
}
