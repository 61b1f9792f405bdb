package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How an https:// endpoint's certificate is checked. */
@ValidationRule(value = "!(has(self.insecureSkipVerify) && self.insecureSkipVerify && (has(self.ca) || has(self.serverName)))",
    message = "tls.insecureSkipVerify checks no certificate: it cannot be combined with tls.ca or tls.serverName")
public class TlsSpec {
  /** The CAs that sign the server's certificate, instead of the JDK's public ones. */
  private CaSource ca;

  /** The name the server's certificate must carry, when it is not the URL's host (e.g. the URL names an IP). */
  @Size(max = 253)
  @Pattern("^(\\*\\.)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$")
  private String serverName;

  /** Accept any certificate: no protection against a man in the middle. Flagged in status while set. */
  private Boolean insecureSkipVerify;

  public CaSource getCa() { return ca; }
  public void setCa(CaSource ca) { this.ca = ca; }
  public String getServerName() { return serverName; }
  public void setServerName(String serverName) { this.serverName = serverName; }
  public Boolean getInsecureSkipVerify() { return insecureSkipVerify; }
  public void setInsecureSkipVerify(Boolean insecureSkipVerify) { this.insecureSkipVerify = insecureSkipVerify; }

  public boolean insecure() { return Boolean.TRUE.equals(insecureSkipVerify); }
}
