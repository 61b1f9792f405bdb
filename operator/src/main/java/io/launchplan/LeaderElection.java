package io.launchplan;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.launchplan.api.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * Leader election for running several operator replicas: only the holder of the Lease
 * {@code LAUNCHPLAN_LEASE_NAME} (default {@code launchplan-operator}) reconciles; another replica
 * takes over within the lease duration when it dies. Read from {@code LAUNCHPLAN_LEADER_ELECTION} (true/false, default false),
 * {@code LAUNCHPLAN_LEASE_NAMESPACE} (default {@code POD_NAMESPACE}, else {@code default}),
 * {@code LAUNCHPLAN_LEASE_DURATION} (default 15s) and {@code LAUNCHPLAN_IDENTITY} (default the
 * host name plus a random suffix).
 */
public record LeaderElection(boolean enabled, String leaseName, String leaseNamespace, Duration leaseDuration,
    String identity) {

  public static final String LEASE_NAME = "launchplan-operator";

  public static LeaderElection off() {
    return new LeaderElection(false, LEASE_NAME, "default", Duration.ofSeconds(15), "local");
  }

  /** Reads the settings; throws IllegalArgumentException naming the bad variable. */
  public static LeaderElection fromEnv(Map<String, String> env) {
    String enabled = env.getOrDefault("LAUNCHPLAN_LEADER_ELECTION", "false").trim();
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw new IllegalArgumentException("LAUNCHPLAN_LEADER_ELECTION: '" + enabled + "' must be true or false");
    }
    String ns = env.getOrDefault("LAUNCHPLAN_LEASE_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default"));
    String durationText = env.get("LAUNCHPLAN_LEASE_DURATION");
    Duration duration;
    try {
      duration = Durations.parse(durationText, Duration.ofSeconds(15));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LAUNCHPLAN_LEASE_DURATION: " + e.getMessage());
    }
    if (duration.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("LAUNCHPLAN_LEASE_DURATION: " + durationText + " is shorter than 3s");
    }
    String identity = env.getOrDefault("LAUNCHPLAN_IDENTITY",
        env.getOrDefault("HOSTNAME", "launchplan") + "-" + UUID.randomUUID().toString().substring(0, 8));
    String leaseName = env.getOrDefault("LAUNCHPLAN_LEASE_NAME", "").trim();
    if (leaseName.isEmpty()) {
      leaseName = LEASE_NAME;
    } else if (leaseName.length() > 253
        || !leaseName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("LAUNCHPLAN_LEASE_NAME: '" + leaseName + "' is not a Lease name"
          + " (lower-case letters, digits, '-' and '.')");
    }
    return new LeaderElection(enabled.equals("true"), leaseName, ns, duration, identity);
  }

  /**
   * JOSDK's configuration: renew at 2/3 of the lease, retry every 1/7 of it (client-go's ratios).
   * JOSDK's own System.exit on stop-leading runs inside our shutdown (stopping the operator gives
   * up the lease) and deadlocks the shutdown hook, so the operator exits itself, and only when the
   * lease is lost while it is not stopping: two operators must never reconcile at once.
   */
  LeaderElectionConfiguration toJosdk(BooleanSupplier stopping, Runnable startedLeading) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
        .withLeaseNamespace(leaseNamespace)
        .withIdentity(identity)
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(leaseDuration.multipliedBy(2).dividedBy(3))
        .withRetryPeriod(leaseDuration.dividedBy(7))
        .withExitOnStopLeading(false)
        .withLeaderCallbacks(new LeaderCallbacks(startedLeading, () -> {
          if (!stopping.getAsBoolean()) {
            LoggerFactory.getLogger(LeaderElection.class).error(
                "lost the lease {}/{}; exiting so that two operators never reconcile at once", leaseNamespace, leaseName);
            Runtime.getRuntime().halt(1);
          }
        }, newLeader -> { }))
        .build();
  }
}
