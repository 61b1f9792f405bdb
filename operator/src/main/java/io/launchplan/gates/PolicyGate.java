package io.launchplan.gates;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Reason;
import io.launchplan.api.WindowKind;
import io.launchplan.api.WindowStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the LaunchPolicies covering a plan say about starting its launch now: a policy the operator
 * cannot evaluate holds it ({@code PolicyInvalid}: fail closed), so does a plan asking for less than
 * a policy allows ({@code PolicyViolation}, naming the rule, the plan's value and the policy's); neither
 * is skipped by an emergency. Outside the launch windows it waits ({@code OutsideLaunchWindow}, until
 * the next opening), which an emergency, where the policies allow one, skips like a freeze.
 */
public final class PolicyGate {
  private PolicyGate() {}

  /** The hold no emergency skips (an invalid policy, a violated rule), or null. */
  static Hold rules(LaunchPlanSpec spec, CombinedPolicy policy) {
    if (!policy.errors().isEmpty()) {
      return new Hold(Reason.PolicyInvalid, "the launch waits until the policy is fixed: "
          + String.join("; ", policy.errors()), true, null);
    }
    List<PolicyViolation> violations = policy.violations(spec);
    if (!violations.isEmpty()) {
      return new Hold(Reason.PolicyViolation, violations.stream().map(PolicyViolation::message)
          .collect(Collectors.joining("; ")), true, null);
    }
    return null;
  }

  /** The launch-window hold at {@code now}, or null while a window lets launches start. */
  static Hold window(CombinedPolicy policy, Instant now) {
    LaunchWindows.State state = policy.window(now);
    if (state.open()) {
      return null;
    }
    String next = state.nextChange() != null ? "launches may start at " + state.nextChange()
        : "no launch window opens within " + LaunchWindows.HORIZON.toDays() + " days";
    return new Hold(Reason.OutsideLaunchWindow, why(policy, state) + "; " + next, false, state.nextChange());
  }

  /** What {@code status.window} shows while the plan waits for a launch window, or null when one is open. */
  public static WindowStatus status(CombinedPolicy policy, Instant now) {
    LaunchWindows.State state = policy.window(now);
    if (state.open()) {
      return null;
    }
    return new WindowStatus(state.by() != null ? state.by().policy() : allowPolicies(policy), why(policy, state),
        state.nextChange() != null ? state.nextChange().toString() : null);
  }

  private static String why(CombinedPolicy policy, LaunchWindows.State state) {
    if (state.by() != null) {
      return "LaunchPolicy " + state.by().policy() + ": " + state.by().describe() + " is open";
    }
    return "outside every Allow window of LaunchPolicy " + allowPolicies(policy) + ": "
        + policy.windows().stream().filter(w -> w.kind() == WindowKind.Allow).map(LaunchWindows.Window::describe)
            .collect(Collectors.joining(", "));
  }

  private static String allowPolicies(CombinedPolicy policy) {
    return policy.windows().stream().filter(w -> w.kind() == WindowKind.Allow).map(LaunchWindows.Window::policy)
        .distinct().collect(Collectors.joining(", "));
  }
}
