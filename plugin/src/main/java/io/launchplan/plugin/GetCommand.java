package io.launchplan.plugin;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code get [PLAN]}: a table of plans, or one plan in full; {@code -w} follows with a watch
 * ({@link PlanFeed}), printing each change as it comes, and exits once the launch of one plan, or of
 * every plan followed, has ended.
 */
@Command(name = "get", description = {"Show LaunchPlans: a table, or one plan with its timeline, analysis values and what it waits for.",
    "With -w, follow until the launch ends (every listed launch, without PLAN)."})
final class GetCommand extends PluginCommand {
  @Parameters(arity = "0..1", paramLabel = "PLAN", description = "One plan (else every plan of the namespace, or -A).")
  String name;

  @Option(names = {"-w", "--watch"}, description = "Follow (a watch): print each change as it happens, exit when the launch ends.")
  boolean watch;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json or yaml (the objects as stored).")
  Output.Format output;

  @Override
  int execute() {
    if (name != null && global().allNamespaces) {
      throw new Failure("a resource cannot be retrieved by name across all namespaces");
    }
    if (name != null) {
      return watch ? followOne() : showOne();
    }
    return watch ? followAll() : showAll();
  }

  private int showOne() {
    LaunchPlan plan = plan(name);
    out().print(output != null ? Output.of(plan, output, kube().client().getKubernetesSerialization()) : PlanDetail.of(plan, now()));
    return ExitCodes.OK;
  }

  private int followOne() {
    LaunchPlan end;
    try (PlanFeed feed = PlanFeed.start(plans().inNamespace(namespace()).withName(name))) {
      Trace.mark("watching");
      List<LaunchPlan> now = feed.current();
      if (now.isEmpty()) {
        throw new Failure(ApiErrors.notFound(name));
      }
      PlanVersions versions = new PlanVersions();
      HistoryEntry seen = null;
      boolean first = true;
      LaunchPlan plan = now.get(0);
      while (true) {
        if (versions.isNew(plan)) {
          seen = printVersion(plan, first, seen);
          first = false;
        }
        if (Plans.ended(plan)) {
          end = plan;
          break;
        }
        PlanFeed.Event e = feed.next(null);
        if (e instanceof PlanFeed.Deleted) {
          throw new Failure("launchplan \"" + name + "\" was deleted");
        }
        plan = ((PlanFeed.Changed) e).plan();
      }
    }
    if (output == null) {
      out().println();
      out().println(StatusCommand.summary(end, now()));
    }
    return ExitCodes.OK;
  }

  /** Prints one version of the followed plan (the first: its row and the timeline so far); returns the last entry printed. */
  private HistoryEntry printVersion(LaunchPlan plan, boolean first, HistoryEntry seen) {
    if (output != null) {
      out().print(Output.of(plan, output, kube().client().getKubernetesSerialization()));
      out().flush();
      return seen;
    }
    if (first) {
      out().println(PlanTable.of(List.of(plan), false, now()).render().stripTrailing());
      out().println();
      out().println(Timeline.header());
    }
    for (HistoryEntry e : Timeline.after(plan, seen)) {
      out().println(Timeline.line(e));
    }
    out().flush();
    HistoryEntry last = Timeline.last(plan);
    return last != null ? last : seen;
  }

  private List<LaunchPlan> list() {
    return sorted(global().allNamespaces ? plans().inAnyNamespace().list().getItems()
        : plans().inNamespace(namespace()).list().getItems());
  }

  private int showAll() {
    if (output == null) {
      PlanListing.prepareAhead(); // while the kubeconfig is read, the client built and the list requested
    }
    List<LaunchPlan> plans = output == null
        ? sorted(PlanListing.forTable(kube(), global().allNamespaces ? null : namespace(), global().requestTimeout()))
        : list();
    Trace.mark("listed " + plans.size());
    if (output != null) {
      out().print(Output.ofList(plans, output, kube().client().getKubernetesSerialization()));
    } else if (plans.isEmpty()) {
      err().println(global().allNamespaces ? "No resources found" : "No resources found in " + namespace() + " namespace.");
    } else {
      out().print(PlanTable.of(plans, global().allNamespaces, now()).render());
    }
    return ExitCodes.OK;
  }

  private int followAll() {
    var scope = global().allNamespaces ? plans().inAnyNamespace() : plans().inNamespace(namespace());
    try (PlanFeed feed = PlanFeed.start(scope)) {
      Trace.mark("watching");
      Map<String, List<String>> shown = new HashMap<>();
      Map<String, LaunchPlan> followed = new HashMap<>();
      PlanVersions versions = new PlanVersions();
      feed.current().forEach(p -> {
        versions.isNew(p);
        followed.put(Plans.key(p), p);
      });
      List<LaunchPlan> changed = sorted(followed.values());
      boolean header = true;
      int[] widths = new int[PlanTable.of(List.of(), global().allNamespaces, now()).columns()];
      while (true) {
        List<LaunchPlan> rows = changed.stream().filter(p -> !PlanTable.identity(p).equals(shown.get(Plans.key(p)))).toList();
        if (!rows.isEmpty()) {
          if (output != null) {
            rows.forEach(p -> out().print(Output.of(p, output, kube().client().getKubernetesSerialization())));
          } else {
            out().print(PlanTable.of(rows, global().allNamespaces, now()).render(header, widths));
            header = false;
          }
          out().flush();
          rows.forEach(p -> shown.put(Plans.key(p), PlanTable.identity(p)));
        }
        // done once every plan followed has ended; with none yet, wait for the first
        if (!followed.isEmpty() && followed.values().stream().allMatch(Plans::ended)) {
          return ExitCodes.OK;
        }
        PlanFeed.Event e = feed.next(null);
        if (e instanceof PlanFeed.Changed c && versions.isNew(c.plan())) {
          followed.put(Plans.key(c.plan()), c.plan());
          changed = List.of(c.plan());
        } else if (e instanceof PlanFeed.Deleted d) {
          followed.remove(Plans.key(d.plan()));
          shown.remove(Plans.key(d.plan()));
          versions.forget(d.plan());
          changed = List.of();
        } else {
          changed = List.of();
        }
      }
    }
  }

  private static List<LaunchPlan> sorted(java.util.Collection<LaunchPlan> plans) {
    return plans.stream().sorted(Comparator.comparing((LaunchPlan p) -> p.getMetadata().getNamespace())
        .thenComparing(p -> p.getMetadata().getName())).toList();
  }
}
