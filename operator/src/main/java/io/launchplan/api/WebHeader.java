package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A literal header a {@link WebCheck} sends (values from Secrets come with {@link WebCheckAuth}). */
public class WebHeader {
  @Required
  @Pattern("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
  @Size(max = 256)
  private String name;

  @Required
  @Size(max = 4096)
  private String value;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
}
