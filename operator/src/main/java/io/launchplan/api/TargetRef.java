package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The apps/v1 Deployment, in the plan's namespace, that the launch changes. */
public class TargetRef {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  public TargetRef() {}
  public TargetRef(String name) { this.name = name; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
