package io.launchplan.cluster;

/** The labels, annotations and field manager the operator stamps on what it touches. */
public final class Labels {
  public static final String PLAN = "launchplan.io/plan";
  public static final String ROLE = "launchplan.io/role";
  public static final String ROLE_CANARY = "canary";
  /**
   * The plan's UID on the canary's pods, so they are deleted by a selector no other Deployment's
   * pods match (a plan's name can be reused; its UID cannot).
   */
  public static final String PLAN_UID = "launchplan.io/plan-uid";
  public static final String REVISION = "launchplan.io/revision";
  /** On the canary Deployment: the canary step it was applied for (staged steps, issue 16). */
  public static final String STEP = "launchplan.io/step";
  public static final String FREEZE = "launchplan.io/freeze";
  /** Manual control: skip the rest of the current observation window (each distinct value acts once). */
  public static final String PROMOTE = "launchplan.io/promote";
  /** Manual control: revert now (each distinct value acts once). */
  public static final String ABORT = "launchplan.io/abort";
  /** The field manager of every write, so managedFields show what the operator owns. */
  public static final String FIELD_MANAGER = "launchplan-operator";

  /** What a canary Deployment's name adds to its target's. */
  private static final String CANARY_SUFFIX = "-canary";

  private Labels() {}

  /** The canary Deployment's name for a target. */
  public static String canaryName(String target) {
    return target + CANARY_SUFFIX;
  }

  /** The target whose canary Deployment is named {@code name}, or null when it is no canary's name. */
  public static String targetOfCanary(String name) {
    return name.endsWith(CANARY_SUFFIX) && name.length() > CANARY_SUFFIX.length()
        ? name.substring(0, name.length() - CANARY_SUFFIX.length()) : null;
  }
}
