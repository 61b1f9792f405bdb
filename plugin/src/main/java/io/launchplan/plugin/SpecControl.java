package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** pause and resume: a merge patch of {@code spec.paused}, then what the operator did once it saw that generation. */
abstract class SpecControl extends PluginCommand {
  @Parameters(paramLabel = "PLAN")
  String name;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to wait for the operator to act on it (default: ${DEFAULT-VALUE}); 0s: do not wait.")
  Duration waitTimeout;

  /** The patch's value of {@code spec.paused}: true, or null to remove it. */
  abstract Boolean paused();

  abstract String verb();

  @Override
  int execute() {
    LaunchPlan before = plan(name);
    if (Boolean.TRUE.equals(paused()) == (before.getSpec() != null && before.getSpec().paused())) {
      out().println("launchplan.launchplan.io/" + name + " unchanged (spec.paused is " + before.getSpec().paused() + ")");
      out().println(StatusCommand.summary(before, now()));
      return ExitCodes.OK;
    }
    LaunchPlan patched = patchPlan(name, "{\"spec\":{\"paused\":" + paused() + "}}");
    out().println("launchplan.launchplan.io/" + name + " " + verb());
    if (waitTimeout.isZero()) {
      return ExitCodes.OK;
    }
    long generation = patched.getMetadata().getGeneration();
    LaunchPlan after = await(name, p -> p.getStatus() != null && p.getStatus().getObservedGeneration() != null
        && p.getStatus().getObservedGeneration() >= generation, waitTimeout, p -> {});
    if (after == null) {
      throw new Failure("the operator has not seen generation " + generation + " within " + Ages.format(waitTimeout)
          + " (is it running and watching namespace " + namespace() + "?)");
    }
    out().println("the operator:");
    var next = Controls.since(before, after);
    Controls.print(out(), next);
    out().println("now " + StatusCommand.summary(after, now()));
    return ExitCodes.OK;
  }
}
