package io.launchplan.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.launchplan.api.LaunchPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One detect-to-revert run: make a healthy canary bad at t0, see the signal the operator acts on
 * at t1, read the analysis tick that decided the revert (t2, {@code status.revertDecidedAt}) and
 * see the canary pod deleted by a watch at t3.
 */
final class RevertRun {
  static final String ERROR_RATIO = "sim.launchplan.io/error-ratio";
  private static final long POLL_MILLIS = 100;

  /** The times of one run; durations in seconds, null when a time is missing. */
  record Times(String namespace, String plan, String pod, Instant t0, Instant t1, Instant t2, Instant t3,
      String note) {
    Double sourceToSignal() { return seconds(t0, t1); }
    Double signalToDeleted() { return seconds(t1, t3); }
    Double operatorShare() { return seconds(t2, t3); }
    Double waitForTick() { return seconds(t1, t2); }
    Double endToEnd() { return seconds(t0, t3); }

    private static Double seconds(Instant a, Instant b) {
      return a == null || b == null ? null : Duration.between(a, b).toNanos() / 1e9;
    }
  }

  /** First time each canary pod was seen deleted (deletionTimestamp set, or gone), by namespace/name. */
  static final class Deletions implements AutoCloseable {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final java.util.List<Watch> watches = new java.util.ArrayList<>();

    void watch(BenchCluster cluster, String ns) {
      watches.add(cluster.client().pods().inNamespace(ns).withLabel("launchplan.io/role", "canary").watch(new Watcher<Pod>() {
        @Override
        public void eventReceived(Action action, Pod pod) {
          if (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
            seen.putIfAbsent(ns + "/" + pod.getMetadata().getName(), Instant.now());
          }
        }

        @Override
        public void onClose(WatcherException cause) {
          if (cause != null) {
            Bench.log("  canary pod watch of %s closed: %s", ns, cause.getMessage());
          }
        }
      }));
    }

    Instant of(String ns, String pod) {
      return seen.get(ns + "/" + pod);
    }

    @Override
    public void close() {
      watches.forEach(Watch::close);
    }
  }

  private RevertRun() {}

  /**
   * Runs it: sets {@code sim.launchplan.io/error-ratio: 0.9} on {@code pod}, polls {@code signal}
   * every 100 ms until it holds (t1), waits for the pod's deletion (t3, at most {@code maxWait}
   * after t0) and reads the plan's {@code revertDecidedAt} (t2).
   */
  static Times measure(BenchCluster cluster, Deletions deletions, String ns, String plan, String pod,
      Predicate<Instant> signal, Duration maxWait) {
    cluster.annotatePod(ns, pod, ERROR_RATIO, "0.9");
    Instant t0 = Instant.now();
    long deadline = System.nanoTime() + maxWait.toNanos();
    Instant t1 = null;
    String note = null;
    while (System.nanoTime() < deadline) {
      long started = System.nanoTime();
      Instant at = Instant.now();
      if (signal.test(at)) {
        t1 = at;
        break;
      }
      if (deletions.of(ns, pod) != null && t1 == null) {
        note = "canary deleted before the bench's poll saw the signal";
        break;
      }
      OperatorJvm.sleep(Math.max(0, POLL_MILLIS - (System.nanoTime() - started) / 1_000_000));
    }
    Instant t3 = deletions.of(ns, pod);
    while (t3 == null && System.nanoTime() < deadline) {
      OperatorJvm.sleep(20);
      t3 = deletions.of(ns, pod);
    }
    if (t1 == null && t3 != null) {
      t1 = replay(signal, t0, t3); // evaluate the signal at past instants, 100 ms apart
      note = note == null ? "signal found by replay" : note + "; t1 found by replay";
    }
    Instant t2 = null;
    long statusDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (t3 != null && System.nanoTime() < statusDeadline) {
      LaunchPlan p = cluster.client().resources(LaunchPlan.class).inNamespace(ns).withName(plan).get();
      if (p != null && p.getStatus() != null && p.getStatus().getRevertDecidedAt() != null) {
        t2 = Instant.parse(p.getStatus().getRevertDecidedAt());
        break;
      }
      OperatorJvm.sleep(100);
    }
    if (t3 == null) {
      note = "canary not deleted within " + maxWait.toSeconds() + " s";
    }
    return new Times(ns, plan, pod, t0, t1, t2, t3, note);
  }

  private static Instant replay(Predicate<Instant> signal, Instant from, Instant to) {
    for (Instant at = from; !at.isAfter(to); at = at.plusMillis(POLL_MILLIS)) {
      if (signal.test(at)) {
        return at;
      }
    }
    return null;
  }
}
