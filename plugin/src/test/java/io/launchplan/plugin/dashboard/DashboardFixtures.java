package io.launchplan.plugin.dashboard;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Instant;

/** Plans as YAML with a status as the operator writes it, for the pure tests of the dashboard's views. */
final class DashboardFixtures {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private DashboardFixtures() {}

  /** A plan of namespace shop on Deployment checkout, with {@code extraSpec} (lines under spec). */
  static LaunchPlan plan(String name, String extraSpec) {
    return Serialization.unmarshal("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: %s, namespace: shop, generation: 1, creationTimestamp: "2026-12-01T11:55:00Z", resourceVersion: "1"}
        spec:
          targetRef: {name: checkout}
          template: {spec: {containers: [{name: app, image: "registry.example/checkout:2"}]}}
        %s
        """.formatted(name, extraSpec.indent(2)), LaunchPlan.class);
  }

  static LaunchPlan withStatus(LaunchPlan p, Phase phase, String reason, String queuedAt) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(phase);
    s.setReason(reason);
    s.setMessage(reason + " message");
    s.setObservedGeneration(1L);
    s.setRevision("5d8c7f9b1a");
    s.setPhaseStartedAt("2026-12-01T11:59:30Z");
    s.setLaunchStartedAt("2026-12-01T11:58:00Z");
    s.setQueuedAt(queuedAt);
    p.setStatus(s);
    return p;
  }

  static HistoryEntry entry(Phase phase, String reason, String at) {
    return new HistoryEntry(phase, reason, reason + " message", "5d8c7f9b1a", at);
  }
}
