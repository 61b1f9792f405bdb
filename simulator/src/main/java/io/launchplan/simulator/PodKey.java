package io.launchplan.simulator;

import java.util.Objects;

/**
 * Identifies a pod the way its metric series do: by namespace and name.
 *
 * <p>The UID is deliberately not part of the key: the exported series carry only {@code namespace}
 * and {@code pod} labels, so two incarnations of a same-named pod share one series identity.
 */
record PodKey(String namespace, String name) {

  PodKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
