package io.launchplan.plugin;

import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.launchplan.api.LaunchPlan;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command shares: the connection, the clock, the output, reading and patching plans, polling a plan. */
abstract class PluginCommand implements Callable<Integer> {
  /** The field manager of every write, so the operator's history says who set a control. */
  static final String FIELD_MANAGER = "kubectl-launchplan";
  static final Duration POLL = Duration.ofMillis(300);

  @ParentCommand
  Main root;

  @Spec
  CommandSpec spec;

  Clock clock;

  private Kube kube;

  @Override
  public final Integer call() {
    Trace.mark("parsed");
    try {
      return execute();
    } finally {
      if (kube != null) {
        kube.close();
      }
    }
  }

  abstract int execute();

  Kube kube() {
    if (kube == null) {
      kube = Kube.connect(root.global);
      Trace.mark("client built");
    }
    return kube;
  }

  String serverOrEmpty() {
    return kube == null ? "" : kube.server();
  }

  GlobalOptions global() {
    return root.global;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Instant now() {
    return clock.instant();
  }

  String namespace() {
    return kube().namespace();
  }

  MixedOperation<LaunchPlan, KubernetesResourceList<LaunchPlan>, Resource<LaunchPlan>> plans() {
    return kube().client().resources(LaunchPlan.class);
  }

  /** The plan, or kubectl's NotFound error. */
  LaunchPlan plan(String name) {
    LaunchPlan plan = plans().inNamespace(namespace()).withName(name).get();
    if (plan == null) {
      throw new Failure(ApiErrors.notFound(name));
    }
    return plan;
  }

  static PatchContext mergePatch() {
    return new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build();
  }

  /** A JSON merge patch of the plan (as {@code kubectl patch --type merge}); returns the patched plan. */
  LaunchPlan patchPlan(String name, String json) {
    return plans().inNamespace(namespace()).withName(name).patch(mergePatch(), json);
  }

  /**
   * Reads the plan every {@link #POLL} until {@code done} holds (returns it) or {@code timeout} passes
   * (returns null), handing each version that differs from the last to {@code each}.
   */
  LaunchPlan await(String name, Predicate<LaunchPlan> done, Duration timeout, Consumer<LaunchPlan> each) {
    Instant deadline = timeout == null ? null : now().plus(timeout);
    String lastVersion = null;
    while (true) {
      LaunchPlan plan = plan(name);
      if (!plan.getMetadata().getResourceVersion().equals(lastVersion)) {
        lastVersion = plan.getMetadata().getResourceVersion();
        each.accept(plan);
      }
      if (done.test(plan)) {
        return plan;
      }
      if (deadline != null && !now().isBefore(deadline)) {
        return null;
      }
      sleep(POLL);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
  }

  static String json(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
