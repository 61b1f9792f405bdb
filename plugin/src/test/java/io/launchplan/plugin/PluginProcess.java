package io.launchplan.plugin;

import io.launchplan.it.LocalCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The plugin as a person runs it: the packaged launcher ({@code target/bin/kubectl-launchplan}) and
 * jar in a process of its own, with the local cluster's kubeconfig passed as {@code --kubeconfig}.
 */
final class PluginProcess {
  private final Process process;
  private final List<String> out = Collections.synchronizedList(new ArrayList<>());
  private final StringBuffer err = new StringBuffer();
  private final Thread outReader;
  private final Thread errReader;
  final Instant started = Instant.now();

  /** One line of stdout and when it arrived. */
  record Line(String text, Instant at) {}

  private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());

  private PluginProcess(Process process) {
    this.process = process;
    this.outReader = reader(process.getInputStream(), line -> {
      out.add(line);
      lines.add(new Line(line, Instant.now()));
    });
    this.errReader = reader(process.getErrorStream(), line -> err.append(line).append('\n'));
  }

  /** A finished run: exit code, stdout, stderr. */
  record Result(int exitCode, String out, String err, Duration took) {
    @Override
    public String toString() {
      return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Path launcher() {
    return Path.of(System.getProperty("launchplan.plugin.launcher", "target/bin/kubectl-launchplan"));
  }

  /** Starts {@code kubectl-launchplan --kubeconfig <the cluster's> args...}. */
  static PluginProcess start(String... args) {
    List<String> all = new ArrayList<>(List.of("--kubeconfig", LocalCluster.kubeconfigPath().toString()));
    all.addAll(List.of(args));
    return startWithKubeconfigEnv(null, all);
  }

  /** Starts {@code kubectl-launchplan args...} with {@code KUBECONFIG=kubeconfig} (unset when null) and no flag. */
  static PluginProcess startWithKubeconfigEnv(Path kubeconfig, List<String> args) {
    Path launcher = launcher();
    if (!Files.exists(launcher)) {
      throw new IllegalStateException(launcher.toAbsolutePath() + " is missing: run the package phase first");
    }
    List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("KUBECONFIG");
    if (kubeconfig != null) {
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    try {
      return new PluginProcess(pb.start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + cmd, e);
    }
  }

  /** Runs it to its end (at most {@code timeout}, then it is killed and the test fails). */
  static Result run(Duration timeout, String... args) {
    return start(args).await(timeout);
  }

  static Result run(String... args) {
    return run(Duration.ofSeconds(90), args);
  }

  Result await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        outReader.join(5_000);
        errReader.join(5_000);
        throw new AssertionError("kubectl-launchplan still running after " + timeout + "; stdout so far:\n"
            + String.join("\n", out) + "\nstderr:\n" + err);
      }
      outReader.join(5_000);
      errReader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Result(process.exitValue(), String.join("\n", out) + (out.isEmpty() ? "" : "\n"), err.toString(),
        Duration.between(started, Instant.now()));
  }

  boolean alive() {
    return process.isAlive();
  }

  List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** SIGINT, as Ctrl-C in a terminal (the launcher execs java: its pid is the JVM's). */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  void kill() {
    process.destroyForcibly();
  }

  private static Thread reader(InputStream in, Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException e) {
        // the process was killed
      }
    }, "plugin-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
