package io.launchplan.api;

/** Whether a launch window lets launches start or keeps them from starting. */
public enum WindowKind {
  /** Launches may start while an Allow window is open; when a policy has any, only then. */
  Allow,
  /** No launch starts while a Deny window is open, whatever the Allow windows say. */
  Deny
}
