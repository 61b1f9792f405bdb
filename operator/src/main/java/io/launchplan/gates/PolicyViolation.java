package io.launchplan.gates;

/**
 * A covered plan asks for less than a LaunchPolicy allows.
 *
 * @param policy the policy whose rule it breaks (the strictest one, when several set the rule)
 * @param rule the rule as it is written in the policy, e.g. {@code minimums.canaryObserve}
 * @param planValue what the plan asks for (its default when it leaves the field out)
 * @param policyValue what the policy allows
 * @param message one sentence naming all of them, e.g. {@code canary.observe 30s is shorter than the
 *     5m LaunchPolicy strict requires (minimums.canaryObserve)}
 */
public record PolicyViolation(String policy, String rule, String planValue, String policyValue, String message) {}
