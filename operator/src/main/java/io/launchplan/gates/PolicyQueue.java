package io.launchplan.gates;

import java.util.List;

/**
 * The plans a LaunchPolicy with {@code maxConcurrentLaunches} counts, as the gates see them, for
 * one plan that may start: the other plans it covers now or whose launch lists it in
 * {@code status.policies}, across all lanes and namespaces. Built by {@code cluster.PolicyQueues}
 * from the operator's in-memory cache; no client objects cross this line.
 *
 * @param policy the policy's name
 * @param limit its {@code maxConcurrentLaunches}
 * @param others the other plans it counts (never the plan itself)
 */
public record PolicyQueue(String policy, int limit, List<LaneView.Member> others) {
  public PolicyQueue {
    others = List.copyOf(others);
  }
}
