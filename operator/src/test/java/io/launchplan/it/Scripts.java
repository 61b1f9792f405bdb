package io.launchplan.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the project's {@code hack/} scripts (and the tools they pin) from the tests, against the local cluster. */
final class Scripts {
  private Scripts() {}

  /** What a run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    Result requireSuccess(String what) {
      if (exitCode != 0) {
        throw new AssertionError(what + " exited with " + exitCode + ":\n" + stderr + "\n" + stdout);
      }
      return this;
    }
  }

  /** Runs {@code bash hack/SCRIPT ARGS} from the repository root with the local cluster's kubeconfig. */
  static Result run(Duration timeout, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", LocalCluster.repoRoot().resolve("hack/" + script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(LocalCluster.repoRoot().toFile());
    pb.environment().put("KUBECONFIG", LocalCluster.kubeconfigPath().toString());
    try {
      Process p = pb.start();
      // Read both streams concurrently so a large output never blocks on a full pipe.
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("hack/" + script + " " + String.join(" ", args) + " did not finish in " + timeout);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run hack/" + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (in) {
        text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.completeExceptionally(e);
      }
    }, "script-output");
    t.setDaemon(true);
    t.start();
    return text;
  }
}
