package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import java.util.HashMap;
import java.util.Map;

/**
 * The newest resource version a {@code -w} has handled, per plan: a version the informer hands over
 * again (the first list's plans once more, as they are added to its store) or late (an event queued
 * before the version already read from the store) is not news, and printing it would repeat the
 * timeline or show a row going back in time. Versions compare as numbers (what etcd-backed API
 * servers send); any other text is news when it differs.
 */
final class PlanVersions {
  private final Map<String, String> newest = new HashMap<>();

  /** True, and remembered, when {@code plan} is newer than what was handled for it. */
  boolean isNew(LaunchPlan plan) {
    String key = Plans.key(plan);
    String version = plan.getMetadata().getResourceVersion();
    String last = newest.get(key);
    if (last != null && !newer(version, last)) {
      return false;
    }
    newest.put(key, version);
    return true;
  }

  /** A deleted plan: one created again under its name starts afresh. */
  void forget(LaunchPlan plan) {
    newest.remove(Plans.key(plan));
  }

  private static boolean newer(String version, String last) {
    try {
      return Long.parseLong(version) > Long.parseLong(last);
    } catch (NumberFormatException e) {
      return !version.equals(last);
    }
  }
}
