package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads one key of a Secret, for the receiver's and the webhooks' tokens. */
public final class Secrets {
  private Secrets() {}

  /** The key's value (from {@code data} or {@code stringData}), or null when the Secret or the key is missing. */
  public static String read(KubernetesClient client, String namespace, String name, String key) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return null;
    }
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    return secret.getStringData() != null ? secret.getStringData().get(key) : null;
  }
}
