package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import io.launchplan.cluster.Labels;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code abort PLAN --reason TEXT}: reverts the running launch now, through the {@code launchplan.io/abort} annotation. */
@Command(name = "abort", description = {"Revert the running launch now (annotation launchplan.io/abort; reason Aborted).",
    "Like every revert, the next revision then owes a postmortem."})
final class AbortCommand extends AnnotationControl {
  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: the annotation's value, quoted in the history.")
  String reason;

  @Override
  String annotation() {
    return Labels.ABORT;
  }

  @Override
  Function<LaunchPlan, String> handled() {
    return p -> p.getStatus() == null ? null : p.getStatus().getHandledAbort();
  }

  /** The reason; with a time stamp when that very text was handled before (each value acts once). */
  @Override
  String value(LaunchPlan plan) {
    String handled = handled().apply(plan);
    String set = annotations(plan).get(Labels.ABORT);
    return reason.equals(handled) || reason.equals(set) ? reason + " (" + now() + ")" : reason;
  }

  @Override
  String actedReason() {
    return "Aborted";
  }

  @Override
  String ignoredReason() {
    return "AbortIgnored";
  }
}
