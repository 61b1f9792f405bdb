package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code freeze NAMESPACE|--cluster --reason TEXT}: an incident freeze (annotation {@code launchplan.io/freeze}). */
@Command(name = "freeze", description = {"Freeze launches: a namespace's, or with --cluster every one (annotation launchplan.io/freeze).",
    "Running launches pause where they stand, new ones stay Pending; emergency launches go through."})
final class FreezeCommand extends FreezeControl {
  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (shown on every plan it holds).")
  String reason;

  @Override
  String value() {
    return reason;
  }

  @Override
  String verb() {
    return "annotated: launchplan.io/freeze=" + json(reason);
  }

  /** Held by a freeze: this one, or a more specific one (the plan's own annotation, its namespace's). */
  @Override
  Predicate<LaunchPlan> took(String source) {
    return p -> p.getStatus().getFreeze() != null;
  }
}
