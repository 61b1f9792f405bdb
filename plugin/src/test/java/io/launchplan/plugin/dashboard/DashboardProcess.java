package io.launchplan.plugin.dashboard;

import io.launchplan.it.LocalCluster;
import io.launchplan.it.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code kubectl launchplan dashboard --port 0 ...} as a person runs it: the packaged launcher in a process of its own. */
final class DashboardProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:[0-9]+/)");
  private final Process process;
  final String url;
  private final StringBuffer output = new StringBuffer();

  private DashboardProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts it with the cluster's kubeconfig and {@code args}; returns once it printed its URL. */
  static DashboardProcess start(String... args) {
    Path launcher = Path.of(System.getProperty("launchplan.plugin.launcher", "target/bin/kubectl-launchplan"));
    List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString(), "--kubeconfig", LocalCluster.kubeconfigPath().toString(),
        "dashboard", "--port", "0"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("KUBECONFIG");
    try {
      Process p = pb.start();
      StringBuffer out = new StringBuffer();
      CompletableFuture<String> url = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            out.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
              url.complete(m.group(1));
            }
          }
        } catch (IOException e) {
          // killed
        }
        url.complete(null);
      }, "dashboard-output");
      reader.setDaemon(true);
      reader.start();
      String u = url.get(120, TimeUnit.SECONDS);
      if (u == null) {
        throw new IllegalStateException("the dashboard exited without serving: " + out);
      }
      DashboardProcess d = new DashboardProcess(p, u);
      d.output.append(out);
      return d;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start " + cmd + ": " + e, e);
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
