package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Where to POST launch notices (JSON with a Slack-compatible {@code text}), and the Secret key
 * holding the token sent as {@code Authorization: Bearer <token>} (optional).
 */
public class WebhookSpec {
  @Required
  @Pattern("^https?://.+")
  private String url;

  private SecretKeyRef secretRef;

  public WebhookSpec() {}
  public WebhookSpec(String url, SecretKeyRef secretRef) {
    this.url = url;
    this.secretRef = secretRef;
  }
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
  public SecretKeyRef getSecretRef() { return secretRef; }
  public void setSecretRef(SecretKeyRef secretRef) { this.secretRef = secretRef; }
}
