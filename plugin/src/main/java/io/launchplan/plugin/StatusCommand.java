package io.launchplan.plugin;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code status PLAN [--wait] [--timeout 10m]}: one line on where the launch stands, and an exit code
 * a CI pipeline or a GitOps post-sync hook can branch on: 0 Succeeded, 1 Reverted, 2 not ended
 * (with {@code --wait}: not within the timeout), 3 an error (no such plan, the API server refused...).
 */
@Command(name = "status", description = {"Print where a launch stands; exit 0 Succeeded, 1 Reverted, 2 not ended, 3 error.",
    "With --wait, wait for the launch of the plan's current spec to end (printing its transitions)."})
final class StatusCommand extends PluginCommand implements Main.ErrorExit {
  @Parameters(paramLabel = "PLAN")
  String name;

  @Option(names = "--wait", description = "Wait until the launch ends.")
  boolean wait;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long --wait waits (default: ${DEFAULT-VALUE}); then exit 2.")
  Duration timeout;

  @Override
  public int errorExitCode() {
    return ExitCodes.STATUS_ERROR;
  }

  @Override
  int execute() {
    LaunchPlan plan;
    if (wait) {
      HistoryEntry[] seen = {null};
      boolean[] first = {true};
      plan = await(name, Plans::ended, timeout, p -> {
        if (first[0]) {
          seen[0] = Timeline.last(p); // the past is in `get PLAN`; print what happens from now on
          first[0] = false;
          return;
        }
        for (HistoryEntry e : Timeline.after(p, seen[0])) {
          out().println(Timeline.line(e));
        }
        seen[0] = Timeline.last(p);
        out().flush();
      });
      if (plan == null) {
        LaunchPlan now = plan(name);
        out().println(summary(now, now()));
        err().println("error: timed out after " + Ages.format(timeout) + " waiting for " + name + " to end");
        return ExitCodes.NOT_ENDED;
      }
    } else {
      plan = plan(name);
    }
    out().println(summary(plan, now()));
    return exitCode(plan);
  }

  /** 0 Succeeded, 1 Reverted, 2 anything else (the launch of the current spec has not ended). */
  static int exitCode(LaunchPlan plan) {
    if (!Plans.ended(plan)) {
      return ExitCodes.NOT_ENDED;
    }
    return plan.getStatus().getPhase() == Phase.Succeeded ? ExitCodes.SUCCEEDED : ExitCodes.REVERTED;
  }

  /** e.g. {@code shop/checkout: Succeeded (Verified) revision 5d8c7f9b1a after 1m12s: <message>}. */
  static String summary(LaunchPlan plan, Instant now) {
    LaunchPlanStatus s = plan.getStatus();
    StringBuilder b = new StringBuilder(Plans.key(plan)).append(": ").append(Plans.phaseText(plan));
    if (s == null || s.getPhase() == null) {
      return b.append(" (the operator has not written a status yet)").toString();
    }
    if (s.getReason() != null) {
      b.append(" (").append(s.getReason()).append(')');
    }
    if (s.getRevision() != null) {
      b.append(" revision ").append(s.getRevision());
    }
    Instant started = Ages.parse(s.getLaunchStartedAt());
    Instant ended = Ages.parse(s.getEndedAt());
    if (Plans.ended(plan) && started != null && ended != null && !ended.isBefore(started)) {
      b.append(" after ").append(Ages.format(Duration.between(started, ended)));
    } else if (!Plans.ended(plan) && s.getPhaseStartedAt() != null) {
      b.append(" for ").append(Plans.inPhase(plan, now));
    }
    if (!Plans.observed(plan)) {
      b.append("; the operator has not seen generation ").append(plan.getMetadata().getGeneration()).append(" yet");
    } else if (s.getMessage() != null) {
      b.append(": ").append(s.getMessage().replace('\n', ' '));
    }
    return b.toString();
  }
}
