package io.launchplan.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator under test as its own JVM, {@code java -jar launchplan-operator.jar}, exactly as
 * it is deployed: its CPU and memory are then its own, readable from /proc, and its metrics come
 * from its {@code /metrics} endpoint.
 */
final class OperatorJvm implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Operators still running, stopped by a shutdown hook if the bench is interrupted. */
  private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final Process process;
  private final URI metrics;

  private OperatorJvm(Process process, URI metrics) {
    this.process = process;
    this.metrics = metrics;
  }

  /**
   * Starts the operator watching {@code namespaces}, with {@code prometheus} as its default
   * Prometheus and {@code extraEnv} on top; waits until {@code /metrics} answers.
   */
  static OperatorJvm start(BenchConfig config, List<String> namespaces, URI prometheus, Map<String, String> extraEnv,
      Path log) {
    return start(config, namespaces, prometheus, extraEnv, log, List.of());
  }

  /** As above, with extra JVM options after the configured ones. */
  static OperatorJvm start(BenchConfig config, List<String> namespaces, URI prometheus, Map<String, String> extraEnv,
      Path log, List<String> extraJvmOptions) {
    return start(config, namespaces, prometheus, extraEnv, log, extraJvmOptions, freePort());
  }

  /** As above, its {@code /metrics}, {@code /healthz} and {@code /readyz} on {@code port}. */
  static OperatorJvm start(BenchConfig config, List<String> namespaces, URI prometheus, Map<String, String> extraEnv,
      Path log, List<String> extraJvmOptions, int port) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(config.operatorJavaOpts());
    cmd.addAll(extraJvmOptions);
    cmd.add("-jar");
    cmd.add(config.operatorJar().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.putAll(BenchConfig.IMAGE_ENV);
    env.put("KUBECONFIG", config.kubeconfig().toString());
    env.put("LAUNCHPLAN_PROMETHEUS_URL", prometheus.toString());
    env.put("LAUNCHPLAN_NAMESPACES", String.join(",", namespaces));
    env.put("LAUNCHPLAN_METRICS_PORT", Integer.toString(port));
    env.put("LAUNCHPLAN_LEADER_ELECTION", "false");
    // One receiver port for the whole machine (Alertmanager's target): off unless the push run asks for it.
    env.put("LAUNCHPLAN_RECEIVER_PORT", "0");
    env.putAll(extraEnv);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    OperatorJvm jvm;
    try {
      jvm = new OperatorJvm(pb.start(), URI.create("http://127.0.0.1:" + port + "/metrics"));
      RUNNING.add(jvm.process);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the operator: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!jvm.process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + jvm.process.exitValue() + "; see " + log);
      }
      try {
        jvm.metrics();
        return jvm;
      } catch (RuntimeException e) {
        sleep(200);
      }
    }
    jvm.close();
    throw new IllegalStateException("the operator's /metrics did not answer within 60 s; see " + log);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** One scrape of the operator's {@code /metrics}. */
  MetricsText metrics() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(metrics + " answered " + r.statusCode());
      }
      return MetricsText.parse(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(metrics + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code /readyz}: the status code and body, or 0 and the error when it does not answer. */
  Map.Entry<Integer, String> readyz() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(metrics.resolve("/readyz")).timeout(Duration.ofSeconds(5))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return Map.entry(r.statusCode(), r.body());
    } catch (IOException e) {
      return Map.entry(0, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code jcmd <pid> <command...>}'s output; empty when jcmd fails. */
  String jcmd(String... command) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(Long.toString(pid()));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 ? new String(out, java.nio.charset.StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** SIGKILL, as a crashed pod or node: no shutdown hook runs, the lease is not given up. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }

  /** Heap in use (MiB) as the operator's JVM metric says. */
  double heapMb() {
    return metrics().sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area"))) / (1024 * 1024);
  }

  /**
   * Asks the JVM for a full GC ({@code jcmd <pid> GC.run}) so the heap in use afterwards is the
   * live set, comparable between plan counts; returns false when jcmd is unavailable.
   */
  boolean forceGc() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM (the operator's shutdown hook stops it cleanly), then SIGKILL after 15 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
