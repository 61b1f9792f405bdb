package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Who approved, as the API server authenticated them when the approval was created: the chart's
 * ValidatingAdmissionPolicy refuses an approval whose {@code username} is not the caller's, or whose
 * {@code groups} are not all among the caller's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApproverSpec {
  @Required
  @Size(min = 1, max = 512)
  private String username;

  /** The groups the approval counts for (a subset of the caller's); none: it counts only by username. */
  @Size(max = 64)
  private List<String> groups;

  public ApproverSpec() {}
  public ApproverSpec(String username, List<String> groups) {
    this.username = username;
    this.groups = groups;
  }
  public String getUsername() { return username; }
  public void setUsername(String username) { this.username = username; }
  public List<String> getGroups() { return groups; }
  public void setGroups(List<String> groups) { this.groups = groups; }

  public List<String> groupsOrEmpty() { return groups != null ? groups : List.of(); }
}
