package io.launchplan.api;

/** One key of a Secret in the plan's namespace. */
public class SecretKeyRef extends KeyRef {
  public SecretKeyRef() {}
  public SecretKeyRef(String name, String key) {
    super(name, key);
  }
}
