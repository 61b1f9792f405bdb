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
 * {@code get [PLAN]}: a table of plans, or one plan in full; {@code -w} follows and exits once every
 * followed launch has ended.
 */
@Command(name = "get", description = {"Show LaunchPlans: a table, or one plan with its timeline, analysis values and what it waits for.",
    "With -w, follow until the launch ends (every listed launch, without PLAN)."})
final class GetCommand extends PluginCommand {
  @Parameters(arity = "0..1", paramLabel = "PLAN", description = "One plan (else every plan of the namespace, or -A).")
  String name;

  @Option(names = {"-w", "--watch"}, description = "Follow: print each change, exit when the launch ends.")
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
    HistoryEntry[] seen = {null};
    boolean[] first = {true};
    LaunchPlan end = await(name, Plans::ended, null, plan -> {
      if (output != null) {
        out().print(Output.of(plan, output, kube().client().getKubernetesSerialization()));
      } else {
        if (first[0]) {
          out().println(PlanTable.of(List.of(plan), false, now()).render().stripTrailing());
          out().println();
          out().println(Timeline.header());
          first[0] = false;
        }
        for (HistoryEntry e : Timeline.after(plan, seen[0])) {
          out().println(Timeline.line(e));
        }
        seen[0] = Timeline.last(plan);
      }
      out().flush();
    });
    if (output == null) {
      out().println();
      out().println(StatusCommand.summary(end, now()));
    }
    return ExitCodes.OK;
  }

  private List<LaunchPlan> list() {
    var items = global().allNamespaces ? plans().inAnyNamespace().list().getItems()
        : plans().inNamespace(namespace()).list().getItems();
    return items.stream().sorted(Comparator.comparing((LaunchPlan p) -> p.getMetadata().getNamespace())
        .thenComparing(p -> p.getMetadata().getName())).toList();
  }

  private int showAll() {
    List<LaunchPlan> plans = list();
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
    Map<String, List<String>> shown = new HashMap<>();
    boolean header = true;
    while (true) {
      List<LaunchPlan> plans = list();
      List<LaunchPlan> changed = plans.stream()
          .filter(p -> !PlanTable.identity(p).equals(shown.get(Plans.key(p)))).toList();
      if (!changed.isEmpty()) {
        if (output != null) {
          changed.forEach(p -> out().print(Output.of(p, output, kube().client().getKubernetesSerialization())));
        } else {
          out().print(PlanTable.of(changed, global().allNamespaces, now()).render(header));
          header = false;
        }
        out().flush();
        changed.forEach(p -> shown.put(Plans.key(p), PlanTable.identity(p)));
      }
      if (plans.stream().allMatch(Plans::ended)) {
        return ExitCodes.OK;
      }
      sleep(POLL.multipliedBy(3));
    }
  }
}
