package io.launchplan.gates;

import io.launchplan.api.PolicySelector;
import io.launchplan.api.PolicyWindowStatus;
import io.launchplan.api.WindowKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a LaunchPolicy's own status says at one moment: what the operator cannot evaluate in it (the
 * errors its covered launches fail closed on) and whether its own launch windows let launches start,
 * with when that next changes (the operator looks again then, and not before). Pure.
 *
 * @param errors each naming the policy, as a covered plan's {@code PolicyInvalid} message shows them
 * @param window open or closed now, why, and the next change, as {@code status.window} shows it
 * @param nextChange when the window's state next changes, or null (no windows, or none within a year)
 */
public record PolicyReport(List<String> errors, PolicyWindowStatus window, Instant nextChange) {
  public static final String OPEN = "Open";
  public static final String CLOSED = "Closed";

  public PolicyReport {
    errors = List.copyOf(errors);
  }

  /** The report for {@code policy} at {@code now}. */
  public static PolicyReport of(PolicyView policy, Instant now) {
    List<String> errors = new ArrayList<>();
    selector(policy, "namespaceSelector", policy.spec().getNamespaceSelector(), errors);
    selector(policy, "planSelector", policy.spec().getPlanSelector(), errors);
    CombinedPolicy combined = CombinedPolicy.of(List.of(policy));
    errors.addAll(combined.errors());
    if (combined.windows().isEmpty()) {
      return new PolicyReport(errors, new PolicyWindowStatus(OPEN, null, null), null);
    }
    LaunchWindows.State state = combined.window(now);
    boolean allows = combined.windows().stream().anyMatch(w -> w.kind() == WindowKind.Allow);
    String reason = state.by() != null ? state.by().describe() + " is open"
        : !state.open() ? "outside every Allow window" : allows ? "inside an Allow window" : "no Deny window is open";
    return new PolicyReport(errors, new PolicyWindowStatus(state.open() ? OPEN : CLOSED, reason,
        state.nextChange() != null ? state.nextChange().toString() : null), state.nextChange());
  }

  private static void selector(PolicyView policy, String field, PolicySelector selector, List<String> errors) {
    if (selector == null) {
      return;
    }
    try {
      PolicySelectors.check(field, selector);
    } catch (IllegalArgumentException e) {
      errors.add("LaunchPolicy " + policy.name() + ": " + e.getMessage());
    }
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
