package io.launchplan.it;

import java.util.concurrent.TimeUnit;

/** Stopping the processes the tests start. */
public final class Processes {
  private Processes() {}

  /** SIGTERM, then SIGKILL when {@code process} has not ended within 10 s. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
