package io.launchplan.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The LaunchPolicies' metrics: which rules hold how many plans right now
 * ({@code launchplan_policy_holds{policy,rule}}), and each policy's own state
 * ({@code launchplan_policy_invalid{policy}}, {@code launchplan_policy_window_open{policy}}).
 */
public final class PolicyMetrics {
  /** One rule of one policy that holds a plan: {@code rule} is e.g. {@code minimums.canaryObserve} or {@code windows}. */
  public record Held(String policy, String rule) {}

  private record State(boolean invalid, boolean open) {}

  private final Map<String, Set<Held>> holdsByPlan = new ConcurrentHashMap<>();
  private final Map<String, State> policies = new ConcurrentHashMap<>();

  PolicyMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("launchplan_policy_holds")
        .help("LaunchPlans a LaunchPolicy's rule holds Pending now (minimums.*, emergency.*, windows, "
            + "maxConcurrentLaunches, invalid)").labelNames("policy", "rule")
        .callback(cb -> {
          Map<Held, Integer> counts = new HashMap<>();
          holdsByPlan.values().forEach(held -> held.forEach(h -> counts.merge(h, 1, Integer::sum)));
          counts.forEach((h, n) -> cb.call(n, h.policy(), h.rule()));
        })
        .register(registry);
    GaugeWithCallback.builder().name("launchplan_policy_invalid")
        .help("1 while the operator cannot evaluate a LaunchPolicy (its covered launches fail closed), else 0")
        .labelNames("policy")
        .callback(cb -> policies.forEach((p, s) -> cb.call(s.invalid() ? 1 : 0, p)))
        .register(registry);
    GaugeWithCallback.builder().name("launchplan_policy_window_open")
        .help("1 while a LaunchPolicy's launch windows let launches start (always, without windows), else 0")
        .labelNames("policy")
        .callback(cb -> policies.forEach((p, s) -> cb.call(s.open() ? 1 : 0, p)))
        .register(registry);
  }

  /** The policy rules holding {@code plan} now; empty when none does. */
  public void holds(String plan, List<Held> held) {
    if (held.isEmpty()) {
      holdsByPlan.remove(plan);
    } else {
      holdsByPlan.put(plan, Set.copyOf(held));
    }
  }

  public void forgetPlan(String plan) {
    holdsByPlan.remove(plan);
  }

  /** What a policy's own status says. */
  public void policy(String policy, boolean invalid, boolean windowOpen) {
    policies.put(policy, new State(invalid, windowOpen));
  }

  public void forgetPolicy(String policy) {
    policies.remove(policy);
  }
}
