package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Which plans a {@link LaunchPolicy} covers and the rules it holds them to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchPolicySpec implements UnknownFields {
  /** Fields of a newer CRD this operator does not know (see {@link UnknownFields}); never serialized. */
  @JsonIgnore
  private final List<String> unknownFields = new ArrayList<>();

  /** The namespaces whose plans the policy covers, by their labels. Absent: every namespace. */
  private PolicySelector namespaceSelector;

  /** The plans it covers within those namespaces, by the plans' labels. Absent: every plan. */
  private PolicySelector planSelector;

  private PolicyMinimums minimums;

  private RequiredChecks required;

  /** When launches may start (Allow) and when they may not (Deny wins). None: at any time. */
  @Size(max = 32)
  private List<LaunchWindow> windows;

  /** What a launch under way does when the last Allow window closes or a Deny window opens. Default Finish. */
  private OnWindowClose onWindowClose;

  private EmergencyRule emergency;

  /** The LaunchApprovals covered launches need (approvals, docs/approvals.md); every requirement must hold. */
  @Size(max = 16)
  private List<ApprovalRequirement> approvals;

  /**
   * At most this many covered launches at once, across all their lanes and namespaces; the others
   * wait {@code Pending}/{@code PolicyConcurrency} in the order of a lane's queue. Absent: no limit.
   */
  @Min(1)
  private Integer maxConcurrentLaunches;

  public PolicySelector getNamespaceSelector() { return namespaceSelector; }
  public void setNamespaceSelector(PolicySelector namespaceSelector) { this.namespaceSelector = namespaceSelector; }
  public PolicySelector getPlanSelector() { return planSelector; }
  public void setPlanSelector(PolicySelector planSelector) { this.planSelector = planSelector; }
  public PolicyMinimums getMinimums() { return minimums; }
  public void setMinimums(PolicyMinimums minimums) { this.minimums = minimums; }
  public RequiredChecks getRequired() { return required; }
  public void setRequired(RequiredChecks required) { this.required = required; }
  public List<LaunchWindow> getWindows() { return windows; }
  public void setWindows(List<LaunchWindow> windows) { this.windows = windows; }
  public OnWindowClose getOnWindowClose() { return onWindowClose; }
  public void setOnWindowClose(OnWindowClose onWindowClose) { this.onWindowClose = onWindowClose; }
  public Integer getMaxConcurrentLaunches() { return maxConcurrentLaunches; }
  public void setMaxConcurrentLaunches(Integer maxConcurrentLaunches) { this.maxConcurrentLaunches = maxConcurrentLaunches; }
  public EmergencyRule getEmergency() { return emergency; }
  public void setEmergency(EmergencyRule emergency) { this.emergency = emergency; }

  public List<ApprovalRequirement> getApprovals() { return approvals; }
  public void setApprovals(List<ApprovalRequirement> approvals) { this.approvals = approvals; }
  public List<ApprovalRequirement> approvalsOrEmpty() { return approvals != null ? approvals : List.of(); }

  public PolicyMinimums minimumsOrEmpty() { return minimums != null ? minimums : new PolicyMinimums(); }
  public RequiredChecks requiredOrEmpty() { return required != null ? required : new RequiredChecks(); }
  public List<LaunchWindow> windowsOrEmpty() { return windows != null ? windows : List.of(); }
  public OnWindowClose onWindowCloseOrDefault() { return onWindowClose != null ? onWindowClose : OnWindowClose.Finish; }
  public EmergencyRule emergencyOrDefault() { return emergency != null ? emergency : new EmergencyRule(); }

  @Override
  public List<String> unknownFields() { return unknownFields; }
}
