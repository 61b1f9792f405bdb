package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Someone else changed the target's pod template during the launch (a GitOps tool syncing Git's
 * copy back, a person): who, by the target's {@code metadata.managedFields} (the newest writer of
 * {@code spec.template} other than the operator), and which way. Absent while nobody did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftStatus {
  /** The field manager, e.g. {@code argocd-controller} or {@code kustomize-controller}; null when managedFields do not say. */
  private String manager;
  /** Its operation: {@code Apply} (server-side apply) or {@code Update}. */
  private String operation;
  /** When that manager last wrote the Deployment, as managedFields say. */
  private String at;
  /**
   * {@code Back}: the template the target had before the launch again (apart from the operator's
   * revision stamp), as a GitOps sync of Git's copy does; {@code Other}: neither that nor the launch's.
   */
  private String direction;

  public DriftStatus() {}

  public DriftStatus(String manager, String operation, String at, String direction) {
    this.manager = manager;
    this.operation = operation;
    this.at = at;
    this.direction = direction;
  }

  public String getManager() { return manager; }
  public void setManager(String manager) { this.manager = manager; }
  public String getOperation() { return operation; }
  public void setOperation(String operation) { this.operation = operation; }
  public String getAt() { return at; }
  public void setAt(String at) { this.at = at; }
  public String getDirection() { return direction; }
  public void setDirection(String direction) { this.direction = direction; }
}
