package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
    emit(client, plan.getMetadata().getNamespace(), plan, warning ? "Warning" : "Normal", transition.getReason(),
        transition.getPhase() + ": " + transition.getMessage());
  }

  /** Records an Event in {@code namespace} on {@code object} (a cluster-scoped one has no namespace of its own). */
  static void emit(KubernetesClient client, String namespace, HasMetadata object, String type, String reason,
      String message) {
    String now = Instant.now().toString();
    var event = new EventBuilder()
        .withNewMetadata()
            .withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
            .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(object.getApiVersion()).withKind(object.getKind())
            .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid()).build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(Labels.FIELD_MANAGER).endSource()
        .withReportingComponent(Labels.FIELD_MANAGER)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      log.warn("could not record event {} on {} {}/{}: {}", reason, object.getKind(), namespace,
          object.getMetadata().getName(), e.getMessage());
    }
  }
}
