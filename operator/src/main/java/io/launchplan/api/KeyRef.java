package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a named object (a Secret, a ConfigMap) in the plan's namespace. */
public abstract class KeyRef {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  @Required
  @Pattern("^[-._a-zA-Z0-9]+$")
  private String key;

  protected KeyRef() {}
  protected KeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
}
