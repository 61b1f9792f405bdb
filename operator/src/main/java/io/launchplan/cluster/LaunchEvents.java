package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Kubernetes Event on the plan for every transition. Failing to record one never fails a launch. */
public final class LaunchEvents {
  private static final Logger log = LoggerFactory.getLogger(LaunchEvents.class);
  private final KubernetesClient client;

  public LaunchEvents(KubernetesClient client) {
    this.client = client;
  }

  public void record(LaunchPlan plan, HistoryEntry transition, boolean warning) {
    String now = Instant.now().toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(plan.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
            .withNamespace(plan.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(plan.getApiVersion()).withKind(plan.getKind())
            .withName(plan.getMetadata().getName()).withNamespace(plan.getMetadata().getNamespace())
            .withUid(plan.getMetadata().getUid()).build())
        .withType(warning ? "Warning" : "Normal")
        .withReason(transition.getReason())
        .withMessage(transition.getPhase() + ": " + transition.getMessage())
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(Labels.FIELD_MANAGER).endSource()
        .withReportingComponent(Labels.FIELD_MANAGER)
        .build();
    try {
      client.v1().events().inNamespace(plan.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      log.warn("could not record event {} on {}/{}: {}", transition.getReason(), plan.getMetadata().getNamespace(),
          plan.getMetadata().getName(), e.getMessage());
    }
  }
}
