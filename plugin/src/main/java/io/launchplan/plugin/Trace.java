package io.launchplan.plugin;

import java.lang.management.ManagementFactory;

/**
 * {@code KUBECTL_LAUNCHPLAN_TRACE=1}: the time since the JVM started at each stage of a command, on
 * stderr (what the startup benchmark reads).
 */
final class Trace {
  private static final boolean ON = System.getenv("KUBECTL_LAUNCHPLAN_TRACE") != null;

  private Trace() {}

  static void mark(String stage) {
    if (ON) {
      System.err.println("trace: " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms " + stage);
    }
  }
}
