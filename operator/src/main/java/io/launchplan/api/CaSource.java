package io.launchplan.api;

import io.fabric8.generator.annotation.ValidationRule;

/** PEM CA certificates (one or more) to trust, from a Secret or a ConfigMap key. */
@ValidationRule(value = "has(self.secretKeyRef) != has(self.configMapKeyRef)",
    message = "tls.ca needs exactly one of secretKeyRef and configMapKeyRef")
public class CaSource {
  private SecretKeyRef secretKeyRef;
  private ConfigMapKeyRef configMapKeyRef;

  public SecretKeyRef getSecretKeyRef() { return secretKeyRef; }
  public void setSecretKeyRef(SecretKeyRef secretKeyRef) { this.secretKeyRef = secretKeyRef; }
  public ConfigMapKeyRef getConfigMapKeyRef() { return configMapKeyRef; }
  public void setConfigMapKeyRef(ConfigMapKeyRef configMapKeyRef) { this.configMapKeyRef = configMapKeyRef; }
}
