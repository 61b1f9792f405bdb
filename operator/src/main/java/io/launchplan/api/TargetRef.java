package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The apps/v1 Deployment, in the plan's namespace, that the launch changes. Its name is a DNS subdomain
 * short enough for the canary Deployment {@code <name>-canary} to stay within Kubernetes' 253-character
 * name limit, so at most {@value #MAX_NAME_LENGTH} characters; a longer one would leave the launch with
 * no canary it can create. (The Deployment controller shortens the names of the canary's ReplicaSets
 * itself: a 253-character Deployment gets its pods, seen on Kubernetes 1.36.)
 */
public class TargetRef {
  /** 253 - "-canary".length(). */
  public static final int MAX_NAME_LENGTH = 253 - 7;

  @Required
  @Size(max = 253)
  @ValidationRule(value = "size(self) <= " + TargetRef.MAX_NAME_LENGTH,
      message = "targetRef.name must be at most " + TargetRef.MAX_NAME_LENGTH + " characters: the canary Deployment "
          + "<name>-canary must fit the 253-character name limit")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  public TargetRef() {}
  public TargetRef(String name) { this.name = name; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
