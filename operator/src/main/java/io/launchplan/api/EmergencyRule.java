package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * Whether covered plans may declare {@code spec.emergency: true}, and whether they must then say
 * why ({@code spec.emergencyReason}). An emergency never skips the canary, the analysis or the
 * policy's required checks.
 */
// A policy written for a newer CRD (fields this build does not know) must not stop the operator's
// cluster-wide informer: it is read with what this build knows.
@JsonIgnoreProperties(ignoreUnknown = true)
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
