package io.launchplan.it;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;

/**
 * Watches a namespace's {@code web-canary} Deployment and records every change of its
 * {@code spec.replicas} as the API server sends it (and every canary created, by UID): so a test
 * can say each canary step was applied once, e.g. sizes {@code [1, 2, 3]}, never {@code [1, 2, 1, 2, 3]}.
 */
final class CanaryScaleLog implements AutoCloseable {
  private final List<Integer> sizes = new ArrayList<>();
  private final Set<String> creations = ConcurrentHashMap.newKeySet();
  private final Watch watch;

  CanaryScaleLog(TestNamespace ns, String canary) {
    this.watch = ns.client().apps().deployments().inNamespace(ns.name()).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment d) {
        if (!d.getMetadata().getName().equals(canary) || action == Action.DELETED) {
          return;
        }
        creations.add(d.getMetadata().getUid());
        Integer replicas = d.getSpec().getReplicas();
        synchronized (sizes) {
          if (sizes.isEmpty() || !sizes.get(sizes.size() - 1).equals(replicas)) {
            sizes.add(replicas);
          }
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  /** The canary's sizes in the order they were set, each change once. */
  List<Integer> sizes() {
    synchronized (sizes) {
      return List.copyOf(sizes);
    }
  }

  /** How many canary Deployments (distinct UIDs) were seen. */
  int creations() {
    return creations.size();
  }

  /** Waits until the plan stands in {@code phase} of canary step {@code step}. */
  static LaunchPlan awaitStep(TestNamespace ns, String plan, Phase phase, int step, Duration timeout) {
    Awaitility.await(plan + " reaches " + phase + " of step " + step).atMost(timeout)
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          var p = ns.plan(plan);
          var s = p.getStatus();
          if (s != null && s.getPhase() != null && s.getPhase().isTerminal()) {
            throw new AssertionError(plan + " ended " + s.getPhase() + ": " + s.getMessage());
          }
          return s != null && s.getPhase() == phase && s.getStep() != null && s.getStep().getCurrent() == step;
        });
    return ns.plan(plan);
  }

  @Override
  public void close() {
    watch.close();
  }
}
