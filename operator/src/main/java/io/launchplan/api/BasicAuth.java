package io.launchplan.api;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** HTTP basic auth: the user name as text or from a Secret, the password from a Secret. */
@ValidationRule(value = "has(self.username) != has(self.usernameFrom)",
    message = "basic auth needs exactly one of username and usernameFrom")
public class BasicAuth {
  @Size(min = 1, max = 256)
  private String username;

  private SecretSource usernameFrom;

  @Required
  private SecretSource password;

  public String getUsername() { return username; }
  public void setUsername(String username) { this.username = username; }
  public SecretSource getUsernameFrom() { return usernameFrom; }
  public void setUsernameFrom(SecretSource usernameFrom) { this.usernameFrom = usernameFrom; }
  public SecretSource getPassword() { return password; }
  public void setPassword(SecretSource password) { this.password = password; }
}
