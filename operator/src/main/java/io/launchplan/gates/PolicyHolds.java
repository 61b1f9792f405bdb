package io.launchplan.gates;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Reason;
import io.launchplan.api.WindowKind;
import java.time.Instant;
import java.util.List;

/**
 * Which policy rules hold a Pending plan, for {@code launchplan_policy_holds{policy,rule}}: read back
 * from the reason its status gives and the same observation the decision took. Pure.
 */
public final class PolicyHolds {
  /** The rule of a closed launch window. */
  public static final String WINDOWS = "windows";
  /** The rule of a policy the operator cannot evaluate. */
  public static final String INVALID = "invalid";
  public static final String CONCURRENCY = "maxConcurrentLaunches";

  private PolicyHolds() {}

  /**
   * The rules ({@code value}) and their policies holding a plan whose status is {@code status}; empty when
   * no LaunchPolicy holds it.
   */
  public static List<CombinedPolicy.Rule<String>> of(LaunchPlanSpec spec, LaunchPlanStatus status,
      CombinedPolicy policy, LaneView lane, List<PolicyQueue> queues, Instant now) {
    Reason reason = Reason.of(status.getReason());
    if (reason == null) {
      return List.of();
    }
    return switch (reason) {
      case PolicyInvalid -> policy.invalidPolicies().stream().map(p -> new CombinedPolicy.Rule<>(INVALID, p)).toList();
      case PolicyViolation -> policy.violations(spec).stream()
          .map(v -> new CombinedPolicy.Rule<>(v.rule(), v.policy())).distinct().toList();
      case OutsideLaunchWindow -> windows(policy, now);
      case PolicyConcurrency -> {
        PolicyQueue full = lane == null ? null : PolicyConcurrency.full(status, lane, queues);
        yield full == null ? List.of() : List.of(new CombinedPolicy.Rule<>(CONCURRENCY, full.policy()));
      }
      default -> List.of();
    };
  }

  private static List<CombinedPolicy.Rule<String>> windows(CombinedPolicy policy, Instant now) {
    LaunchWindows.State state = policy.window(now);
    if (state.open()) {
      return List.of();
    }
    if (state.by() != null) {
      return List.of(new CombinedPolicy.Rule<>(WINDOWS, state.by().policy()));
    }
    return policy.windows().stream().filter(w -> w.kind() == WindowKind.Allow).map(LaunchWindows.Window::policy)
        .distinct().map(p -> new CombinedPolicy.Rule<>(WINDOWS, p)).toList();
  }
}
