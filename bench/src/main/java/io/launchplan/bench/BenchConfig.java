package io.launchplan.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to run, from environment variables (see bench/README.md).
 *
 * @param repoRoot the repository (for {@code .cluster/}, {@code crds/}, the operator jar)
 * @param kubeconfig admin kubeconfig of the local cluster
 * @param prometheus the local Prometheus
 * @param alertmanager the local Alertmanager
 * @param operatorJar the operator to measure, run as its own JVM
 * @param operatorJavaOpts JVM options of the operator process
 * @param runs detect-to-revert runs per analysis interval ({@code BENCH_RUNS})
 * @param intervalsSeconds analysis intervals of the latency runs ({@code BENCH_INTERVALS})
 * @param capacitySizes numbers of concurrent plans ({@code BENCH_CAPACITY})
 * @param capacityRepeat runs per capacity size, in rounds over the sizes; the report gives medians ({@code BENCH_CAPACITY_REPEAT})
 * @param window how long each capacity point is measured once all plans observe ({@code BENCH_WINDOW_S})
 * @param footprintWindow how long each footprint state is measured once settled ({@code BENCH_FOOTPRINT_WINDOW_S})
 * @param push the Alertmanager push measurement: auto (when the receiver exists), on, off ({@code BENCH_PUSH})
 * @param pushRuns runs of the push measurement ({@code BENCH_PUSH_RUNS})
 * @param phases which parts to run: footprint, latency, push, capacity ({@code BENCH_PHASES})
 * @param queryProxy capacity runs send the operator's queries through the counting proxy ({@code BENCH_QUERY_PROXY}, on)
 * @param resultsDir where the JSON, the PNG and the raw numbers go
 * @param scaleSizes plans in all of each scale point ({@code BENCH_SCALE}, 10000; phase {@code scale}, opt-in)
 * @param scaleActive of those, plans observing a canary (the rest have ended); {@code BENCH_SCALE_ACTIVE}, 500
 * @param scaleIdlePods the ended plans' Deployments run their pod ({@code BENCH_SCALE_IDLE_PODS=1}); else they are
 *     created paused, without pods (bench/README.md, "Scale": on this machine the controller-manager made the
 *     pods of 10,000 Deployments at 1-8 per second)
 */
record BenchConfig(Path repoRoot, Path kubeconfig, URI prometheus, URI alertmanager, Path operatorJar,
    List<String> operatorJavaOpts, int runs, List<Integer> intervalsSeconds, List<Integer> capacitySizes,
    int capacityRepeat, Duration window, Duration footprintWindow, String push, int pushRuns, List<String> phases, boolean queryProxy, Path resultsDir,
    List<Integer> scaleSizes, int scaleActive, boolean scaleIdlePods) {

  /** Analysis interval of the capacity plans. */
  static final Duration CAPACITY_INTERVAL = Duration.ofSeconds(10);
  /**
   * The JVM the Helm chart's defaults give the operator: the image's options file
   * ({@code operator/jvm.options}, see {@link #imageJavaOpts}) under the chart's 512Mi memory limit,
   * of which its {@code -XX:MaxRAMPercentage=50} makes 256 MB heap; on this machine, whose RAM is no
   * container limit, {@code -Xmx256m} stands for that. The RSS targets are measured under it.
   */
  static List<String> imageJavaOpts(Path repoRoot) {
    return List.of("-Xmx256m", "@" + repoRoot.resolve("operator/jvm.options"));
  }

  /**
   * The environment the image gives the JVM besides its options (hack/image.sh): glibc's malloc
   * keeps two arenas instead of eight per core, which the JVM's threads would otherwise spread over.
   */
  static final Map<String, String> IMAGE_ENV = Map.of("MALLOC_ARENA_MAX", "2");

  static BenchConfig fromEnv(Map<String, String> env) {
    Path root = Path.of(env.getOrDefault("BENCH_REPO", ".")).toAbsolutePath().normalize();
    Path kubeconfig = Path.of(nonBlank(env.get("KUBECONFIG"), root.resolve(".cluster/kubeconfig").toString()));
    URI prometheus = URI.create(nonBlank(env.get("LAUNCHPLAN_PROMETHEUS_URL"), "http://127.0.0.1:19090"));
    URI alertmanager = URI.create(nonBlank(env.get("LAUNCHPLAN_ALERTMANAGER_URL"), "http://127.0.0.1:19093"));
    Path jar = Path.of(nonBlank(env.get("BENCH_OPERATOR_JAR"), root.resolve("operator/target/launchplan-operator.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("operator jar " + jar + " not found: build first (mvn -B -q -DskipTests package)");
    }
    String opts = env.get("BENCH_OPERATOR_JAVA_OPTS");
    List<String> javaOpts = opts == null || opts.isBlank() ? imageJavaOpts(root)
        : Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    int runs = positive(env, "BENCH_RUNS", 20);
    List<Integer> intervals = ints(env, "BENCH_INTERVALS", "1,5,10");
    List<Integer> sizes = ints(env, "BENCH_CAPACITY", "100,300");
    int repeat = positive(env, "BENCH_CAPACITY_REPEAT", 1);
    Duration window = Duration.ofSeconds(positive(env, "BENCH_WINDOW_S", 180));
    Duration footprintWindow = Duration.ofSeconds(positive(env, "BENCH_FOOTPRINT_WINDOW_S", 60));
    String push = nonBlank(env.get("BENCH_PUSH"), "auto");
    if (!List.of("auto", "on", "off").contains(push)) {
      throw new IllegalArgumentException("BENCH_PUSH: '" + push + "' must be auto, on or off");
    }
    int pushRuns = positive(env, "BENCH_PUSH_RUNS", Math.min(runs, 5));
    List<String> phases = Arrays.stream(nonBlank(env.get("BENCH_PHASES"), "footprint,latency,push,capacity").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String p : phases) {
      if (!List.of("footprint", "latency", "push", "capacity", "scale").contains(p)) {
        throw new IllegalArgumentException("BENCH_PHASES: unknown phase '" + p + "' (footprint, latency, push, capacity, scale)");
      }
    }
    boolean proxy = !"off".equals(nonBlank(env.get("BENCH_QUERY_PROXY"), "on"));
    Path results = Path.of(nonBlank(env.get("BENCH_RESULTS"), root.resolve("bench/results").toString()));
    return new BenchConfig(root, kubeconfig, prometheus, alertmanager, jar, javaOpts, runs, intervals, sizes, repeat, window, footprintWindow,
        push, pushRuns, phases, proxy, results, ints(env, "BENCH_SCALE", "10000"), positive(env, "BENCH_SCALE_ACTIVE", 500),
        "1".equals(nonBlank(env.get("BENCH_SCALE_IDLE_PODS"), "0")));
  }

  private static String nonBlank(String v, String fallback) {
    return v == null || v.isBlank() ? fallback : v;
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new IllegalArgumentException(name + ": " + n + " must be at least 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
    }
  }

  private static List<Integer> ints(Map<String, String> env, String name, String fallback) {
    String v = nonBlank(env.get(name), fallback);
    try {
      List<Integer> list = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .map(Integer::parseInt).toList();
      if (list.stream().anyMatch(n -> n < 1)) {
        throw new IllegalArgumentException(name + ": '" + v + "' must list positive numbers");
      }
      return list;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a comma-separated list of numbers");
    }
  }
}
