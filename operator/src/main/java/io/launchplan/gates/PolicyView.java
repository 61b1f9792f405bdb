package io.launchplan.gates;

import io.launchplan.api.LaunchPolicySpec;
import java.util.Objects;

/**
 * A LaunchPolicy as the gates see it: its name and spec, no client object.
 *
 * @param name the policy's name (cluster-scoped, so unique)
 */
public record PolicyView(String name, LaunchPolicySpec spec) {
  public PolicyView {
    Objects.requireNonNull(name, "name");
    spec = spec != null ? spec : new LaunchPolicySpec();
  }
}
