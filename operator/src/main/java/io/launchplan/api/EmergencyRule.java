package io.launchplan.api;

/**
 * Whether covered plans may declare {@code spec.emergency: true}, and whether they must then say
 * why ({@code spec.emergencyReason}). An emergency never skips the canary, the analysis or the
 * policy's required checks.
 */
public class EmergencyRule {
  /** Default true. */
  private Boolean allowed;
  /** Default false. */
  private Boolean requireReason;

  public Boolean getAllowed() { return allowed; }
  public void setAllowed(Boolean allowed) { this.allowed = allowed; }
  public Boolean getRequireReason() { return requireReason; }
  public void setRequireReason(Boolean requireReason) { this.requireReason = requireReason; }

  public boolean allowed() { return !Boolean.FALSE.equals(allowed); }
  public boolean requireReason() { return Boolean.TRUE.equals(requireReason); }
}
