package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import io.launchplan.cluster.Labels;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promote PLAN}: ends the current observation window now, through the {@code launchplan.io/promote} annotation. */
@Command(name = "promote", description = {"Skip the rest of the current observation window (annotation launchplan.io/promote).",
    "The operator still promotes only on an analysis tick in which every check answers and none fires."})
final class PromoteCommand extends AnnotationControl {
  @Option(names = "--value", paramLabel = "TEXT", description = "The annotation's value, kept in the history (default: a time stamp).")
  String value;

  @Override
  String annotation() {
    return Labels.PROMOTE;
  }

  @Override
  Function<LaunchPlan, String> handled() {
    return p -> p.getStatus() == null ? null : p.getStatus().getHandledPromote();
  }

  @Override
  String value(LaunchPlan plan) {
    return value != null ? value : "kubectl launchplan promote at " + now();
  }

  @Override
  String actedReason() {
    return "ManualPromote";
  }

  @Override
  String ignoredReason() {
    return "PromoteIgnored";
  }
}
