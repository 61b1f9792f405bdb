package io.launchplan.api;

import io.fabric8.generator.annotation.ValidationRule;

/** How the operator authenticates to an HTTP endpoint: a bearer token or basic auth, both from Secrets. */
@ValidationRule(value = "has(self.bearerToken) != has(self.basic)", message = "auth needs exactly one of bearerToken and basic")
public class HttpAuth {
  /** Sent as {@code Authorization: Bearer <token>} (surrounding whitespace, e.g. a file's last newline, is trimmed). */
  private SecretSource bearerToken;

  private BasicAuth basic;

  public SecretSource getBearerToken() { return bearerToken; }
  public void setBearerToken(SecretSource bearerToken) { this.bearerToken = bearerToken; }
  public BasicAuth getBasic() { return basic; }
  public void setBasic(BasicAuth basic) { this.basic = basic; }
}
