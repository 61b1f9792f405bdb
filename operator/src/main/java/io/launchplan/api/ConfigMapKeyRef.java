package io.launchplan.api;

/** One key of a ConfigMap in the plan's namespace. */
public class ConfigMapKeyRef extends KeyRef {
  public ConfigMapKeyRef() {}
  public ConfigMapKeyRef(String name, String key) {
    super(name, key);
  }
}
