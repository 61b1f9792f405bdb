package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A header a {@link WebCheck} sends: its value as text (variables substituted) or from a Secret in
 * the plan's namespace ({@code valueFrom}, sent as it is).
 */
@ValidationRule(value = "has(self.value) != has(self.valueFrom)", message = "a header needs exactly one of value and valueFrom")
public class WebHeader {
  @Required
  @Pattern("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
  @Size(max = 256)
  private String name;

  @Size(max = 4096)
  private String value;

  private SecretSource valueFrom;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
  public SecretSource getValueFrom() { return valueFrom; }
  public void setValueFrom(SecretSource valueFrom) { this.valueFrom = valueFrom; }
}
