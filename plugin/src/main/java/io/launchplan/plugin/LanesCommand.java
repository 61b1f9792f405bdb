package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lanes}: each lane's active launch, its queue and its cooldown (the namespace's lanes, or -A). */
@Command(name = "lanes", description = "Show each lane: its active launch, the queue in launch order, the cooldown left.")
final class LanesCommand extends PluginCommand {
  @Override
  int execute() {
    List<LaunchPlan> plans = global().allNamespaces ? plans().inAnyNamespace().list().getItems()
        : plans().inNamespace(namespace()).list().getItems();
    if (plans.isEmpty()) {
      err().println(global().allNamespaces ? "No resources found" : "No resources found in " + namespace() + " namespace.");
      return ExitCodes.OK;
    }
    out().print(LaneTable.of(plans, now()).render());
    return ExitCodes.OK;
  }
}
