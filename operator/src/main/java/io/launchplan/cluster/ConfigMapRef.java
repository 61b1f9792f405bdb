package io.launchplan.cluster;

import java.util.Objects;

/** Where a ConfigMap is: the operator's own configuration object ({@code LAUNCHPLAN_CONFIG_MAP}). */
public record ConfigMapRef(String namespace, String name) {
  public ConfigMapRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override public String toString() {
    return namespace + "/" + name;
  }
}
