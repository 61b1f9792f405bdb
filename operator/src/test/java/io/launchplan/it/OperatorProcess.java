package io.launchplan.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The operator as a real separate JVM ({@code io.launchplan.Main}, the build's classes), so a test
 * can kill it with SIGKILL mid-launch the way a node failure or OOM kill would.
 */
public final class OperatorProcess implements AutoCloseable {
  private final Process process;

  private OperatorProcess(Process process) {
    this.process = process;
  }

  /** Starts an operator watching only {@code ns}, logging to {@code log}; killed when the test ends at the latest. */
  public static OperatorProcess start(TestNamespace ns, Path log) {
    return start(ns, log, java.util.Map.of());
  }

  /** As {@link #start(TestNamespace, Path)} with extra environment variables. */
  public static OperatorProcess start(TestNamespace ns, Path log, java.util.Map<String, String> env) {
    OperatorProcess op = launch(ns, log, env);
    ns.onCleanup(op::kill);
    return op;
  }

  private static OperatorProcess launch(TestNamespace ns, Path log, java.util.Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.launchplan.Main");
    pb.environment().put("KUBECONFIG", LocalCluster.kubeconfigPath().toString());
    pb.environment().put("LAUNCHPLAN_NAMESPACES", ns.name());
    pb.environment().put("LAUNCHPLAN_PROMETHEUS_URL", ns.prometheus().toString());
    pb.environment().put("LAUNCHPLAN_METRICS_PORT", "0");
    pb.environment().put("LAUNCHPLAN_RECEIVER_PORT", "0"); // tests that need the receiver bind it themselves
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new OperatorProcess(pb.start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the operator process", e);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    kill();
  }

  static File logDir() {
    File dir = new File("target/operator-logs");
    dir.mkdirs();
    return dir;
  }
}
