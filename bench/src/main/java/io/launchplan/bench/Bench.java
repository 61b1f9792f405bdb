package io.launchplan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench}: detect-to-revert latency per analysis interval, the Alertmanager push path,
 * and capacity at N concurrent plans, against the operator running as its own JVM on the local
 * cluster. Writes {@code bench/results/<timestamp>.json}, {@code .png} and {@code raw-<timestamp>/},
 * and prints a table. See bench/README.md for what each figure means.
 */
public final class Bench {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("render")) {
      render(Path.of(args[1]));
      return;
    }
    BenchConfig config;
    try {
      config = BenchConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    String timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC)
        .format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Path raw = config.resultsDir().resolve("raw-" + timestamp);
    Files.createDirectories(raw);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("timestamp", timestamp);
    Map<String, Object> machine = Machine.describe();
    report.put("machine", machine);
    report.put("settings", settings(config));
    Path json = config.resultsDir().resolve(timestamp + ".json");
    boolean failed = false;
    try (BenchCluster cluster = new BenchCluster(config.kubeconfig())) {
      cluster.ensureCrd(config.repoRoot());
      Thread cleanup = new Thread(() -> {
        System.err.println("bench: interrupted; deleting its namespaces and nodes");
        cluster.abandon();
      });
      Runtime.getRuntime().addShutdownHook(cleanup);
      try {
        if (config.phases().contains("footprint")) {
          failed |= footprint(config, cluster, raw, report, json);
        }
        if (config.phases().contains("latency") || config.phases().contains("push")) {
          failed |= latency(config, cluster, raw, report, json);
        }
        if (config.phases().contains("capacity")) {
          failed |= capacity(config, cluster, raw, report, json);
        }
        if (config.phases().contains("scale")) {
          failed |= scale(config, cluster, raw, report, json);
        }
      } finally {
        cluster.deleteNodes();
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
    machine.put("load_avg_end", Machine.loadAverage());
    write(report, json);
    Chart.write(report, config.resultsDir().resolve(timestamp + ".png"));
    System.out.println(Table.render(report));
    System.out.println("results: " + json + ", " + config.resultsDir().resolve(timestamp + ".png") + ", raw numbers in " + raw);
    System.exit(failed ? 1 : 0);
  }

  private static boolean footprint(BenchConfig config, BenchCluster cluster, Path raw, Map<String, Object> report,
      Path json) throws IOException {
    try {
      report.put("footprint", new FootprintBench(config, cluster, raw).run().stream().map(FootprintBench::report).toList());
      return false;
    } catch (RuntimeException e) {
      log("footprint failed: %s", e);
      report.put("footprint", List.of(Map.of("error", String.valueOf(e.getMessage()))));
      return true;
    } finally {
      write(report, json);
    }
  }

  private static boolean scale(BenchConfig config, BenchCluster cluster, Path raw, Map<String, Object> report,
      Path json) throws IOException {
    boolean failed = false;
    List<Map<String, Object>> points = new ArrayList<>();
    report.put("scale", points);
    for (int n : config.scaleSizes()) {
      try {
        points.add(new ScaleBench(config, cluster, raw).run(n));
      } catch (RuntimeException e) {
        failed = true;
        log("scale at %d plans failed: %s", n, e);
        points.add(Map.of("plans", n, "error", String.valueOf(e.getMessage())));
      }
      write(report, json);
    }
    return failed;
  }

  private static boolean latency(BenchConfig config, BenchCluster cluster, Path raw, Map<String, Object> report,
      Path json) throws IOException {
    boolean failed = false;
    List<LatencyBench.Result> results = new ArrayList<>();
    if (config.phases().contains("latency")) {
      LatencyBench bench = new LatencyBench(config, cluster, raw);
      for (int interval : config.intervalsSeconds()) {
        try {
          LatencyBench.Result r = bench.run(interval);
          results.add(r);
          RawFiles.latency(raw.resolve("latency-" + interval + "s.csv"), r.runs());
        } catch (RuntimeException e) {
          failed = true;
          log("latency at interval %d s failed: %s", interval, e);
        }
      }
    }
    PushBench.Result push = new PushBench.Result(null, "not run (BENCH_PHASES)");
    if (config.phases().contains("push")) {
      try {
        push = new PushBench(config, cluster, raw).run();
        if (push.runs() != null) {
          RawFiles.latency(raw.resolve("push.csv"), push.runs());
        } else {
          log("push path: not measured (%s)", push.skipped());
        }
      } catch (RuntimeException e) {
        failed = true;
        log("push path failed: %s", e);
        push = new PushBench.Result(null, "failed: " + e.getMessage());
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (var r : results) {
      rows.add(Report.latency(r, push));
    }
    report.put("latency", rows);
    report.put("push", Report.push(push));
    write(report, json);
    return failed;
  }

  private static boolean capacity(BenchConfig config, BenchCluster cluster, Path raw, Map<String, Object> report,
      Path json) throws IOException {
    boolean failed = false;
    CapacityBench bench = new CapacityBench(config, cluster, raw);
    // Size -> the results and report rows of its runs; rounds over the sizes, so a slow spell of the
    // shared machine does not fall on one size only.
    Map<Integer, List<CapacityBench.Result>> results = new LinkedHashMap<>();
    Map<Integer, List<Map<String, Object>>> runRows = new LinkedHashMap<>();
    Map<Integer, String> errors = new LinkedHashMap<>();
    for (int round = 1; round <= config.capacityRepeat(); round++) {
      if (config.capacityRepeat() > 1) {
        log("capacity round %d of %d", round, config.capacityRepeat());
      }
      for (int n : config.capacitySizes()) {
        try {
          CapacityBench.Result r = bench.run(n, round);
          results.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
          runRows.computeIfAbsent(n, k -> new ArrayList<>()).add(Report.capacity(r));
          RawFiles.capacity(raw.resolve(RawFiles.capacityName(n, round)), r);
        } catch (RuntimeException e) {
          failed = true;
          log("capacity at %d plans (round %d) failed: %s", n, round, e);
          errors.put(n, String.valueOf(e.getMessage()));
        }
        putCapacity(report, config.capacitySizes(), results, runRows, errors, Runtime.getRuntime().availableProcessors());
        write(report, json);
      }
    }
    return failed;
  }

  /** The report's capacity rows (medians of each size's runs) and the growth between the sizes. */
  private static void putCapacity(Map<String, Object> report, List<Integer> sizes,
      Map<Integer, List<CapacityBench.Result>> results, Map<Integer, List<Map<String, Object>>> runRows,
      Map<Integer, String> errors, int cores) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<CapacityBench.Result> points = new ArrayList<>();
    for (int n : sizes) {
      if (runRows.containsKey(n)) {
        Map<String, Object> row = new LinkedHashMap<>(Report.capacityMedian(runRows.get(n)));
        if (errors.containsKey(n)) {
          row.put("error_in_a_run", errors.get(n));
        }
        rows.add(row);
        points.add(CapacityBench.Result.median(results.get(n)));
      } else if (errors.containsKey(n)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plans", n);
        row.put("error", errors.get(n));
        rows.add(row);
      }
    }
    report.put("capacity", rows);
    if (!points.isEmpty()) {
      report.put("growth", Report.growth(points, cores));
    }
  }

  /**
   * {@code render bench/results/<timestamp>.json}: recomputes the capacity figures and the growth
   * from the raw files with the current report code, rewrites the JSON and the PNG, prints the table.
   */
  @SuppressWarnings("unchecked")
  private static void render(Path json) throws IOException {
    Map<String, Object> report = JSON.readValue(json.toFile(), LinkedHashMap.class);
    String timestamp = (String) report.get("timestamp");
    Path raw = json.resolveSibling("raw-" + timestamp);
    Map<Integer, List<CapacityBench.Result>> results = new LinkedHashMap<>();
    Map<Integer, List<Map<String, Object>>> runRows = new LinkedHashMap<>();
    Map<Integer, String> errors = new LinkedHashMap<>();
    List<Integer> sizes = new ArrayList<>();
    for (Object o : (List<Object>) report.getOrDefault("capacity", List.of())) {
      Map<String, Object> row = (Map<String, Object>) o;
      int plans = ((Number) row.get("plans")).intValue();
      sizes.add(plans);
      for (Path file : RawFiles.capacityFiles(raw, plans)) {
        CapacityBench.Result r = RawFiles.readCapacity(file);
        results.computeIfAbsent(plans, k -> new ArrayList<>()).add(r);
        runRows.computeIfAbsent(plans, k -> new ArrayList<>()).add(Report.capacity(r));
      }
      if (!runRows.containsKey(plans) && row.get("error") != null) {
        errors.put(plans, String.valueOf(row.get("error")));
      }
    }
    if (!results.isEmpty()) {
      putCapacity(report, sizes, results, runRows, errors,
          ((Number) ((Map<String, Object>) report.get("machine")).get("cpus")).intValue());
    }
    write(report, json);
    Chart.write(report, json.resolveSibling(timestamp + ".png"));
    System.out.println(Table.render(report));
  }

  private static Map<String, Object> settings(BenchConfig c) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("runs", c.runs());
    s.put("intervals_s", c.intervalsSeconds());
    s.put("capacity_plans", c.capacitySizes());
    s.put("capacity_repeat", c.capacityRepeat());
    s.put("capacity_interval_s", BenchConfig.CAPACITY_INTERVAL.toSeconds());
    s.put("capacity_window_s", c.window().toSeconds());
    s.put("footprint_window_s", c.footprintWindow().toSeconds());
    s.put("operator_jar", c.operatorJar().toString());
    s.put("operator_java_opts", String.join(" ", c.operatorJavaOpts()));
    s.put("operator_revision", System.getenv().getOrDefault("BENCH_OPERATOR_REVISION", "unknown"));
    s.put("latency_query", LatencyBench.CANARY_5XX.formatted("${namespace}", "${canaryPods}", "${namespace}", "${canaryPods}"));
    s.put("capacity_queries", List.of(CapacityBench.GLOBAL_QUERY, CapacityBench.CANARY_QUERY));
    if (c.phases().contains("scale")) {
      s.put("scale_plans", c.scaleSizes());
      s.put("scale_active", c.scaleActive());
      s.put("scale_idle_queries", List.of(ScaleBench.IDLE_GLOBAL_QUERY, CapacityBench.CANARY_QUERY));
    }
    return s;
  }

  static void write(Map<String, Object> report, Path json) throws IOException {
    Files.createDirectories(json.getParent());
    JSON.writeValue(json.toFile(), report);
  }

  static void log(String format, Object... args) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
  }
}
