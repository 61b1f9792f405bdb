package io.launchplan.plugin;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * promote and abort: set the control annotation to a value the operator has not handled yet (each
 * distinct value acts once), wait until the operator handled it, and print what it did.
 */
abstract class AnnotationControl extends PluginCommand {
  @Parameters(paramLabel = "PLAN")
  String name;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to wait for the operator to act on it (default: ${DEFAULT-VALUE}); 0s: do not wait.")
  Duration waitTimeout;

  /** The annotation, e.g. {@code launchplan.io/promote}. */
  abstract String annotation();

  /** The value the operator handled last ({@code status.handledPromote}...). */
  abstract Function<LaunchPlan, String> handled();

  /** The value to set. */
  abstract String value(LaunchPlan plan);

  /** The reason of the history entry that says the control acted, and of the one that says it was ignored. */
  abstract String actedReason();

  abstract String ignoredReason();

  @Override
  int execute() {
    LaunchPlan before = plan(name);
    String value = value(before);
    if (value.equals(handled().apply(before)) || value.equals(annotations(before).get(annotation()))) {
      throw new Failure(annotation() + "=" + json(value) + " was already set once; each value acts once: give another");
    }
    patchPlan(name, "{\"metadata\":{\"annotations\":{" + json(annotation()) + ":" + json(value) + "}}}");
    out().println("launchplan.launchplan.io/" + name + " annotated: " + annotation() + "=" + json(value));
    if (waitTimeout.isZero()) {
      return ExitCodes.OK;
    }
    LaunchPlan after = await(name, p -> value.equals(handled().apply(p)), waitTimeout, p -> {});
    if (after == null) {
      throw new Failure("the operator has not handled " + annotation() + " within " + Ages.format(waitTimeout)
          + " (is it running and watching namespace " + namespace() + "?)");
    }
    // The status write that handled the value also holds the transition it made.
    List<HistoryEntry> next = Controls.since(before, after);
    out().println("the operator:");
    Controls.print(out(), next);
    HistoryEntry ignored = Controls.find(next, ignoredReason());
    if (ignored != null) {
      throw new Failure("the operator did not act on it: " + ignored.getMessage());
    }
    if (Controls.find(next, actedReason()) == null) {
      out().println("  (no " + actedReason() + " transition; now " + StatusCommand.summary(after, now()) + ")");
    }
    return ExitCodes.OK;
  }

  static Map<String, String> annotations(LaunchPlan plan) {
    var a = plan.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }
}
