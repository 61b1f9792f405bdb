package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An extra request header (e.g. {@code X-Scope-OrgID} for Mimir, Cortex, Thanos tenants), its value as text or from a Secret. */
@ValidationRule(value = "has(self.value) != has(self.valueFrom)", message = "a header needs exactly one of value and valueFrom")
@ValidationRule(value = "!(self.name.lowerAscii() in ['host', 'connection', 'content-length', 'content-type', 'expect', "
    + "'upgrade', 'accept', 'transfer-encoding', 'te', 'trailer'])",
    message = "this header is set by the operator's HTTP client and cannot be overridden")
@ValidationRule(value = "!(self.name.lowerAscii() in ['authorization', 'proxy-authorization', 'cookie']) || has(self.valueFrom)",
    message = "a credential header (Authorization, Proxy-Authorization, Cookie) must take its value from a Secret (valueFrom)")
public class HttpHeader {
  @Required
  @Size(min = 1, max = 128)
  @Pattern("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
  private String name;

  @Size(max = 1024)
  @Pattern("^[^\\r\\n]*$")
  private String value;

  private SecretSource valueFrom;

  public HttpHeader() {}
  public HttpHeader(String name, String value) {
    this.name = name;
    this.value = value;
  }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
  public SecretSource getValueFrom() { return valueFrom; }
  public void setValueFrom(SecretSource valueFrom) { this.valueFrom = valueFrom; }
}
