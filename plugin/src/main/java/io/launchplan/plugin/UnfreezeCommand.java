package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import java.util.function.Predicate;
import picocli.CommandLine.Command;

/** {@code unfreeze NAMESPACE|--cluster}: removes the freeze annotation; the launches it held resume. */
@Command(name = "unfreeze", description = "Lift a freeze set with freeze (a namespace's, or with --cluster the cluster's).")
final class UnfreezeCommand extends FreezeControl {
  @Override
  String value() {
    return null;
  }

  @Override
  String verb() {
    return "annotated: launchplan.io/freeze removed";
  }

  /** No longer held by this source (another freeze may still hold it). */
  @Override
  Predicate<LaunchPlan> took(String source) {
    return p -> p.getStatus().getFreeze() == null || !source.equals(p.getStatus().getFreeze().getBy());
  }
}
