package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code postmortem PLAN [--cause --impact --fix] [--apply]}: prints, or writes, the postmortem a revert left owed. */
@Command(name = "postmortem", description = {"Print the spec.postmortem stanza the plan owes for its last reverted revision.",
    "With --apply (and --cause, --impact, --fix), write it to the plan."})
final class PostmortemCommand extends PluginCommand {
  @Parameters(paramLabel = "PLAN")
  String name;

  @Option(names = "--cause", paramLabel = "TEXT")
  String cause;

  @Option(names = "--impact", paramLabel = "TEXT")
  String impact;

  @Option(names = "--fix", paramLabel = "TEXT")
  String fix;

  @Option(names = "--apply", description = "Write it to the plan (a merge patch of spec.postmortem).")
  boolean apply;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "With --apply, how long to wait for the operator to see it (default: ${DEFAULT-VALUE}); 0s: do not wait.")
  Duration waitTimeout;

  @Override
  int execute() {
    LaunchPlan plan = plan(name);
    String revision = PostmortemStanza.owed(plan);
    if (revision == null) {
      String last = plan.getStatus() == null ? null : plan.getStatus().getLastRevertedRevision();
      String why = last == null ? "it has never been reverted" : "the postmortem for revision " + last + " was accepted";
      if (apply) {
        throw new Failure(Plans.key(plan) + " owes no postmortem: " + why);
      }
      out().println(Plans.key(plan) + " owes no postmortem: " + why);
      return ExitCodes.OK;
    }
    if (!apply) {
      out().print(PostmortemStanza.of(plan, revision, cause, impact, fix));
      return ExitCodes.OK;
    }
    if (blank(cause) || blank(impact) || blank(fix)) {
      throw new Failure("--apply needs --cause, --impact and --fix (the operator accepts no empty field)");
    }
    LaunchPlan patched = patchPlan(name, PostmortemStanza.patch(revision, cause, impact, fix));
    out().println("launchplan.launchplan.io/" + name + " patched: spec.postmortem for revision " + revision);
    if (waitTimeout.isZero()) {
      return ExitCodes.OK;
    }
    long generation = patched.getMetadata().getGeneration();
    LaunchPlan after = await(name, p -> p.getStatus() != null && p.getStatus().getObservedGeneration() != null
        && p.getStatus().getObservedGeneration() >= generation, waitTimeout, p -> {});
    if (after == null) {
      throw new Failure("the operator has not seen generation " + generation + " within " + Ages.format(waitTimeout));
    }
    var next = Controls.since(plan, after);
    if (!next.isEmpty()) {
      out().println("the operator:");
      Controls.print(out(), next);
    }
    out().println("now " + StatusCommand.summary(after, now()));
    var invalid = Controls.find(next, "InvalidPostmortem");
    if (invalid != null) {
      throw new Failure("the operator refused it: " + invalid.getMessage());
    }
    return ExitCodes.OK;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
