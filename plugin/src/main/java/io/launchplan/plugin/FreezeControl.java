package io.launchplan.plugin;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.LaunchPlan;
import io.launchplan.cluster.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * freeze and unfreeze: the {@code launchplan.io/freeze} annotation on a Namespace, or with
 * {@code --cluster} on the operator's config ConfigMap; then how the plans it covers took it.
 */
abstract class FreezeControl extends PluginCommand {
  /** The chart's config ConfigMap with the release and namespace docs/install.md uses. */
  static final String DEFAULT_CONFIG_MAP = "launchplan/launchplan-operator-config";

  @Parameters(arity = "0..1", paramLabel = "NAMESPACE", description = "The namespace whose launches to freeze.")
  String target;

  @Option(names = "--cluster", description = "Every launch: the operator's config ConfigMap (--config-map).")
  boolean cluster;

  @Option(names = "--config-map", paramLabel = "NAMESPACE/NAME",
      description = "The operator's config ConfigMap (LAUNCHPLAN_CONFIG_MAP; default: $LAUNCHPLAN_CONFIG_MAP, else "
          + DEFAULT_CONFIG_MAP + ").")
  String configMap;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to wait for the operator to show it on the plans (default: ${DEFAULT-VALUE}); 0s: do not wait.")
  Duration waitTimeout;

  /** The annotation's new value, or null to remove it. */
  abstract String value();

  abstract String verb();

  /** The plan shows what this command did. */
  abstract Predicate<LaunchPlan> took(String source);

  @Override
  int execute() {
    if (cluster == (target != null)) {
      throw new Failure("give either a NAMESPACE or --cluster");
    }
    String patch = "{\"metadata\":{\"annotations\":{" + json(Labels.FREEZE) + ":" + (value() == null ? "null" : json(value())) + "}}}";
    String source;
    if (cluster) {
      String[] ref = configMapRef();
      kube().client().configMaps().inNamespace(ref[0]).withName(ref[1]).patch(mergePatch(), patch);
      source = "cluster config " + ref[0] + "/" + ref[1];
      out().println("configmap/" + ref[1] + " " + verb() + " (namespace " + ref[0] + ")");
    } else {
      kube().client().namespaces().withName(target).patch(mergePatch(), patch);
      source = "namespace " + target;
      out().println("namespace/" + target + " " + verb());
    }
    if (!waitTimeout.isZero()) {
      report(source);
    }
    return ExitCodes.OK;
  }

  private String[] configMapRef() {
    String ref = configMap != null ? configMap : System.getenv("LAUNCHPLAN_CONFIG_MAP");
    ref = ref == null || ref.isBlank() ? DEFAULT_CONFIG_MAP : ref;
    String[] parts = ref.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new Failure("--config-map must be NAMESPACE/NAME, not " + ref);
    }
    return parts;
  }

  /** Waits until every launch it covers shows it (or the timeout), then prints each one's state. */
  private void report(String source) {
    Instant deadline = now().plus(waitTimeout);
    List<LaunchPlan> covered;
    while (true) {
      try {
        covered = covered();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          out().println("(the plans it covers cannot be listed with these permissions: " + e.getStatus().getMessage() + ")");
          return;
        }
        throw e;
      }
      if (covered.stream().allMatch(took(source)) || !now().isBefore(deadline)) {
        break;
      }
      sleep(POLL);
    }
    if (covered.isEmpty()) {
      out().println("no running or waiting launch is covered by it");
      return;
    }
    out().println("the operator:");
    for (LaunchPlan p : covered) {
      out().println("  " + StatusCommand.summary(p, now()));
    }
    List<String> late = covered.stream().filter(took(source).negate()).map(Plans::key).toList();
    if (!late.isEmpty()) {
      err().println("warning: not shown yet after " + Ages.format(waitTimeout) + " by " + String.join(", ", late)
          + " (is the operator running and watching them?)");
    }
  }

  /** The plans whose launch runs or waits and that a freeze holds (emergency launches go through freezes). */
  private List<LaunchPlan> covered() {
    List<LaunchPlan> plans = cluster ? plans().inAnyNamespace().list().getItems() : plans().inNamespace(target).list().getItems();
    return plans.stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getPhase() != null && !Plans.ended(p))
        .filter(p -> p.getSpec() == null || !p.getSpec().emergency())
        .sorted(Comparator.comparing(Plans::key)).toList();
  }
}
