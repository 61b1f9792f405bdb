package io.launchplan.plugin.backtest;

import java.util.List;

/**
 * A backtest's whole answer: what was evaluated where, each check's figures, and the plan's past reverts.
 *
 * @param plan {@code namespace/name}
 * @param target the Deployment whose current pods stand in for the canary
 * @param pods those pods ({@code ${canaryPods}} and {@code ${stablePods}})
 * @param revision what {@code ${revision}} was bound to
 * @param prometheus the Prometheus asked, and where its URL came from
 * @param from the first step (RFC 3339)
 * @param to the last step
 * @param stepSeconds the distance between steps
 */
public record BacktestReport(String plan, String target, List<String> pods, String revision, String prometheus,
    String prometheusSource, String from, String to, long stepSeconds, List<CheckReport> checks,
    RevertDelays.Summary reverts) {}
