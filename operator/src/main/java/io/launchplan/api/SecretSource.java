package io.launchplan.api;

import io.fabric8.generator.annotation.Required;

/** A value read from one key of a Secret in the plan's namespace ({@code {secretKeyRef: {name, key}}}). */
public class SecretSource {
  @Required
  private SecretKeyRef secretKeyRef;

  public SecretSource() {}
  public SecretSource(SecretKeyRef secretKeyRef) { this.secretKeyRef = secretKeyRef; }
  public SecretKeyRef getSecretKeyRef() { return secretKeyRef; }
  public void setSecretKeyRef(SecretKeyRef secretKeyRef) { this.secretKeyRef = secretKeyRef; }
}
