package io.launchplan.gates;

import io.launchplan.api.ApprovalPurpose;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A LaunchApproval as the gates see it: no client object.
 *
 * @param name the approval's name (in the plan's namespace)
 * @param revision the revision it approves
 * @param username the approver, as the API server authenticated them at creation
 * @param groups the approver's groups it counts for
 * @param createdAt when the API server created it: an approval's age is measured from here
 */
public record ApprovalView(String name, String revision, ApprovalPurpose purpose, String username,
    List<String> groups, String comment, Instant createdAt) {
  public ApprovalView {
    Objects.requireNonNull(name, "name");
    groups = groups != null ? List.copyOf(groups) : List.of();
    revision = revision != null ? revision : "";
    username = username != null ? username : "";
  }
}
