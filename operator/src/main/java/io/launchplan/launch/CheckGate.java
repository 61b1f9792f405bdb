package io.launchplan.launch;

import io.launchplan.api.Action;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.CheckPoint;
import io.launchplan.api.CheckState;
import io.launchplan.api.CheckStatus;
import io.launchplan.api.JobCheck;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.WebCheck;
import io.launchplan.launch.CheckFindings.JobFinding;
import io.launchplan.launch.CheckFindings.WebFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The Job and web checks of {@code spec.analysis.jobs} and {@code spec.analysis.web}, at their
 * {@link CheckPoint}: {@code PreCanary} while Pending, once every gate is open ({@link
 * #holdsLaunch}); {@code Canary} during Observing; {@code Verifying} during Verifying. Pure.
 *
 * <p>{@link #record} folds what the reconcile saw ({@link CheckFindings}) into {@code status.checks},
 * one entry per check of the launch's revision. A Job check's Job is started once per revision
 * ({@link #startJobs}); succeeded passes, failed takes the check's action, still running after its
 * timeout is {@code Inconclusive} (kept so until its Job is deleted, which runs it again) and
 * pauses. A web check's entry is its last answer. Promotion out of a window waits until every
 * check of the point passed ({@link #passed}); a failed Revert check reverts ({@link #revertCause}),
 * a failed Pause check or an inconclusive one holds the launch in Paused ({@link #pauseCause}).
 */
public final class CheckGate {
  /** {@link CheckStatus#getKind()} of a Job check. */
  public static final String JOB = "Job";
  /** {@link CheckStatus#getKind()} of a web check. */
  public static final String WEB = "Web";

  private CheckGate() {}

  /** The point whose checks run while a launch stands where {@code status} says (a Paused one: where it paused). */
  public static CheckPoint pointOf(LaunchPlanStatus status) {
    Phase phase = status.getPhase() == Phase.Paused ? status.getPausedFrom() : status.getPhase();
    if (phase == null) {
      return CheckPoint.PreCanary;
    }
    return switch (phase) {
      case Pending -> CheckPoint.PreCanary;
      case Observing -> CheckPoint.Canary;
      case Verifying -> CheckPoint.Verifying;
      default -> null;
    };
  }

  /** The Job checks of {@code point} that have no entry in {@code status} yet: their Jobs are to be created. */
  public static List<JobCheck> jobsToStart(LaunchPlanSpec spec, LaunchPlanStatus status, CheckPoint point) {
    return spec.analysisOrDefault().jobsOrEmpty().stream()
        .filter(j -> j.getAt() == point && entry(status, JOB, j.getName()) == null)
        .toList();
  }

  /** Folds this reconcile's findings into {@code status.checks}; an ended launch keeps its record. */
  static void record(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    AnalysisSpec analysis = spec.analysisOrDefault();
    if (s.getPhase().isTerminal() || (analysis.jobsOrEmpty().isEmpty() && analysis.webOrEmpty().isEmpty())) {
      if (!s.getPhase().isTerminal()) {
        s.setChecks(null);
      }
      return;
    }
    String revision = s.getPhase() == Phase.Pending ? obs.revision() : s.getRevision();
    Map<String, CheckStatus> before = new LinkedHashMap<>();
    if (s.getChecks() != null) {
      s.getChecks().stream().filter(c -> Objects.equals(revision, c.getRevision()))
          .forEach(c -> before.put(c.getKind() + "/" + c.getName(), c));
    }
    List<CheckStatus> next = new ArrayList<>();
    for (JobCheck job : analysis.jobsOrEmpty()) {
      CheckStatus c = before.get(JOB + "/" + job.getName());
      JobFinding f = obs.checks().jobs().get(job.getName());
      if (f != null) {
        c = f.state() == CheckFindings.JobState.Absent ? null
            : jobEntry(c != null ? c : new CheckStatus(job.getName(), JOB, job.getAt(), revision), job, f, obs.now());
      }
      if (c != null) {
        next.add(c);
      }
    }
    for (WebCheck web : analysis.webOrEmpty()) {
      CheckStatus c = before.get(WEB + "/" + web.getName());
      WebFinding f = obs.checks().web().get(web.getName());
      if (f != null) {
        c = webEntry(c != null ? c : new CheckStatus(web.getName(), WEB, web.getAt(), revision), f, obs.now());
      }
      if (c != null) {
        next.add(c);
      }
    }
    s.setChecks(next.isEmpty() ? null : next);
  }

  private static CheckStatus jobEntry(CheckStatus c, JobCheck job, JobFinding f, Instant now) {
    c.setJob(f.job());
    c.setLogs(f.logs());
    if (f.startedAt() != null) {
      c.setStartedAt(f.startedAt().toString());
    }
    if (c.getState() == CheckState.Inconclusive) {
      return c; // until its Job is deleted (which runs it again): a late answer does not count
    }
    switch (f.state()) {
      case Running -> {
        Instant started = f.startedAt() != null ? f.startedAt() : now;
        if (!now.isBefore(started.plus(job.timeoutOrDefault()))) {
          finish(c, CheckState.Inconclusive, "Job " + f.job() + " did not finish within " + job.timeoutOrDefault().toSeconds()
              + "s: inconclusive, never promoting blind (delete the Job to run it again)", now);
        } else {
          c.setState(CheckState.Running);
          c.setMessage("Job " + f.job() + " is running");
        }
      }
      case Succeeded -> finish(c, CheckState.Passed, "Job " + f.job() + " succeeded", now);
      case Failed -> finish(c, CheckState.Failed, "Job " + f.job() + " failed"
          + (f.message() != null ? ": " + f.message() : "") + " (" + f.logs() + ")", now);
      case Absent -> throw new IllegalStateException("an absent Job has no entry");
    }
    return c;
  }

  private static CheckStatus webEntry(CheckStatus c, WebFinding f, Instant now) {
    c.setRuns((c.getRuns() == null ? 0 : c.getRuns()) + 1);
    CheckState state = switch (f.result()) {
      case Passed -> CheckState.Passed;
      case Failed -> CheckState.Failed;
      case NoAnswer -> CheckState.Inconclusive;
      case CannotSend -> CheckState.Error;
    };
    finish(c, state, "web check " + c.getName() + ": " + f.message(), now);
    return c;
  }

  private static void finish(CheckStatus c, CheckState state, String message, Instant now) {
    if (c.getState() != state || c.getFinishedAt() == null) {
      c.setFinishedAt(now.toString());
    }
    c.setState(state);
    c.setMessage(message);
  }

  /**
   * After a phase's step: the Job checks of the point the launch now stands at (Observing,
   * Verifying; Pending starts them itself once its gates are open, a Paused launch when it resumes)
   * are started. A Job that finishes wakes the plan through the watch on its Jobs, so a launch with
   * a Job running only sets a timer for the first running Job's timeout ({@link #wakeForRunningJobs}).
   */
  static void startJobs(LaunchPlanSpec spec, Draft d) {
    LaunchPlanStatus s = d.status();
    CheckPoint point = pointOf(s);
    if (point == null || s.getPhase() == Phase.Pending || s.getPhase() == Phase.Paused || s.getPhase().isTerminal()) {
      return;
    }
    if (!jobsToStart(spec, s, point).isEmpty()) {
      d.effect(Effect.RUN_CHECK_JOBS);
      d.wakeIn(LaunchDecider.WAIT_POLL); // the created Job's watch event wakes it sooner
    } else {
      wakeForRunningJobs(spec, d);
    }
  }

  /**
   * A timer for the earliest timeout of the point's running Job checks (then they are inconclusive);
   * their finishing is told by the watch on the plan's Jobs, not polled for.
   */
  static void wakeForRunningJobs(LaunchPlanSpec spec, Draft d) {
    LaunchPlanStatus s = d.status();
    CheckPoint point = pointOf(s);
    if (point == null || s.getChecks() == null) {
      return;
    }
    s.getChecks().stream()
        .filter(c -> JOB.equals(c.getKind()) && c.getAt() == point && c.getState() == CheckState.Running)
        .map(c -> spec.analysisOrDefault().jobsOrEmpty().stream().filter(j -> j.getName().equals(c.getName()))
            .findFirst().map(j -> (c.getStartedAt() != null ? Instant.parse(c.getStartedAt()) : d.now())
                .plus(j.timeoutOrDefault())).orElse(null))
        .filter(Objects::nonNull)
        .min(Instant::compareTo)
        .ifPresent(deadline -> d.wakeIn(max(Duration.between(d.now(), deadline), Duration.ofSeconds(1))));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A launch starts: the Jobs of older revisions' checks go (the plan has Job checks). */
  static void onStart(LaunchPlanSpec spec, Draft d) {
    if (!spec.analysisOrDefault().jobsOrEmpty().isEmpty()) {
      d.effect(Effect.CLEAN_CHECK_JOBS);
    }
  }

  /** Whether every check of {@code point} passed (a web check: on its last tick). */
  static boolean passed(LaunchPlanSpec spec, LaunchPlanStatus status, CheckPoint point) {
    AnalysisSpec a = spec.analysisOrDefault();
    return a.jobsOrEmpty().stream().filter(j -> j.getAt() == point).allMatch(j -> passed(status, JOB, j.getName()))
        && a.webOrEmpty().stream().filter(w -> w.getAt() == point).allMatch(w -> passed(status, WEB, w.getName()));
  }

  /** The first check of the launch's point that failed with action Revert, or null. */
  static CheckStatus revertCause(LaunchPlanSpec spec, LaunchPlanStatus status) {
    return first(spec, status, c -> c.getState() == CheckState.Failed && action(spec, c) == Action.Revert);
  }

  /** The first check of the launch's point that failed with action Pause, or is inconclusive, or could not run, or null. */
  static CheckStatus pauseCause(LaunchPlanSpec spec, LaunchPlanStatus status) {
    return first(spec, status, c -> c.getState() == CheckState.Inconclusive || c.getState() == CheckState.Error
        || (c.getState() == CheckState.Failed && action(spec, c) == Action.Pause));
  }

  /** The reason a launch held by {@code c} shows. */
  static Reason reason(CheckStatus c) {
    return switch (c.getState()) {
      case Inconclusive -> Reason.CheckInconclusive;
      case Error -> Reason.AnalysisError;
      default -> Reason.CheckFailed;
    };
  }

  /**
   * Pending with every gate open: runs the PreCanary checks first. Returns true while they hold the
   * launch (running, failed or inconclusive: a failure changes nothing, the launch stays Pending).
   */
  static boolean holdsLaunch(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    if (passed(spec, s, CheckPoint.PreCanary)) {
      return false;
    }
    CheckStatus failed = first(spec, s, c -> c.getState() == CheckState.Failed || c.getState() == CheckState.Inconclusive
        || c.getState() == CheckState.Error);
    if (failed != null) {
      d.stay(reason(failed), failed.getMessage() + "; the launch has not started and nothing was changed", true);
    } else {
      if (!jobsToStart(spec, s, CheckPoint.PreCanary).isEmpty()) {
        d.effect(Effect.RUN_CHECK_JOBS);
      }
      d.stay(Reason.CheckRunning, "waiting for the PreCanary checks before the canary starts", false);
    }
    if (!jobsToStart(spec, s, CheckPoint.PreCanary).isEmpty() || !runningJobs(spec, s) || failed != null) {
      d.wakeIn(LaunchDecider.WAIT_POLL); // web checks are sent on each look; a created Job's watch event comes sooner
    } else {
      wakeForRunningJobs(spec, d); // a running Job's end is told by the watch
    }
    return true;
  }

  /** Whether the PreCanary checks wait only for running Jobs (no web check, no Job to start). */
  private static boolean runningJobs(LaunchPlanSpec spec, LaunchPlanStatus s) {
    return spec.analysisOrDefault().webOrEmpty().stream().noneMatch(w -> w.getAt() == CheckPoint.PreCanary)
        && any(spec, s, CheckPoint.PreCanary, CheckState.Running);
  }

  private static boolean passed(LaunchPlanStatus status, String kind, String name) {
    CheckStatus c = entry(status, kind, name);
    return c != null && c.getState() == CheckState.Passed;
  }

  private static boolean any(LaunchPlanSpec spec, LaunchPlanStatus status, CheckPoint point, CheckState state) {
    return first(spec, status, c -> c.getState() == state) != null;
  }

  private static CheckStatus first(LaunchPlanSpec spec, LaunchPlanStatus status,
      Predicate<CheckStatus> test) {
    CheckPoint point = pointOf(status);
    if (point == null || status.getChecks() == null) {
      return null;
    }
    return status.getChecks().stream().filter(c -> c.getAt() == point && action(spec, c) != null && test.test(c))
        .findFirst().orElse(null);
  }

  /** The action of the check {@code c} is the entry of, or null when the spec no longer has it. */
  private static Action action(LaunchPlanSpec spec, CheckStatus c) {
    AnalysisSpec a = spec.analysisOrDefault();
    if (JOB.equals(c.getKind())) {
      return a.jobsOrEmpty().stream().filter(j -> j.getName().equals(c.getName())).findFirst()
          .map(JobCheck::actionOrDefault).orElse(null);
    }
    return a.webOrEmpty().stream().filter(w -> w.getName().equals(c.getName())).findFirst()
        .map(WebCheck::actionOrDefault).orElse(null);
  }

  private static CheckStatus entry(LaunchPlanStatus status, String kind, String name) {
    return status.getChecks() == null ? null : status.getChecks().stream()
        .filter(c -> kind.equals(c.getKind()) && name.equals(c.getName())).findFirst().orElse(null);
  }
}
