package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The apps/v1 Deployment, in the plan's namespace, that the launch changes. Its name is a DNS subdomain
 * short enough for what is derived from it: the canary Deployment {@code <name>-canary} and the
 * ReplicaSets the Deployment controller names {@code <name>-canary-<pod-template-hash>} (a hash of up to
 * 10 characters) must stay within Kubernetes' 253-character name limit, so at most
 * {@value #MAX_NAME_LENGTH} characters. A longer name would get a canary Deployment that never has pods.
 */
public class TargetRef {
  /** 253 - "-canary".length() - "-".length() - 10 (the longest pod-template-hash). */
  public static final int MAX_NAME_LENGTH = 235;

  @Required
  @Size(max = 253)
  @ValidationRule(value = "size(self) <= " + TargetRef.MAX_NAME_LENGTH,
      message = "targetRef.name must be at most " + TargetRef.MAX_NAME_LENGTH + " characters: the canary Deployment "
          + "<name>-canary and its ReplicaSets <name>-canary-<hash> must fit the 253-character name limit")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  public TargetRef() {}
  public TargetRef(String name) { this.name = name; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
