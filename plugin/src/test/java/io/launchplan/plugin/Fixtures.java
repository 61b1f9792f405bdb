package io.launchplan.plugin;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Instant;

/** Plans with a status as the operator writes it, for the pure formatting tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private Fixtures() {}

  static LaunchPlan plan(String name, Phase phase, String reason, String message) {
    LaunchPlan p = Serialization.unmarshal("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: %s, namespace: shop, generation: 1, creationTimestamp: "2026-12-01T11:55:00Z", resourceVersion: "1"}
        spec:
          targetRef: {name: checkout}
          template: {spec: {containers: [{name: app, image: "registry.example/checkout:2"}]}}
          canary: {observe: 2m}
          rollout: {observe: 5m}
        """.formatted(name), LaunchPlan.class);
    if (phase != null) {
      LaunchPlanStatus s = new LaunchPlanStatus();
      s.setPhase(phase);
      s.setReason(reason);
      s.setMessage(message);
      s.setObservedGeneration(1L);
      s.setRevision("5d8c7f9b1a");
      s.setStableRevision("9a1b2c3d4e");
      s.setPhaseStartedAt("2026-12-01T11:59:30Z");
      s.setLaunchStartedAt("2026-12-01T11:58:00Z");
      p.setStatus(s);
    }
    return p;
  }

  static HistoryEntry entry(Phase phase, String reason, String message, String at) {
    return new HistoryEntry(phase, reason, message, "5d8c7f9b1a", at);
  }
}
