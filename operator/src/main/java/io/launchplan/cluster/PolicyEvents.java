package io.launchplan.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchplan.api.LaunchPolicy;

/**
 * Events on a LaunchPolicy. It is cluster-scoped, so its events live in namespace {@value #NAMESPACE},
 * as the API server's own for Nodes do; {@code kubectl describe lpol} finds them there. Failing to
 * record one changes nothing else.
 */
final class PolicyEvents {
  static final String NAMESPACE = "default";
  private final KubernetesClient client;

  PolicyEvents(KubernetesClient client) {
    this.client = client;
  }

  void warning(LaunchPolicy policy, String reason, String message) {
    LaunchEvents.emit(client, NAMESPACE, policy, "Warning", reason, message);
  }
}
