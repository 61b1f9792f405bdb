package io.launchplan.plugin;

import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.launchplan.api.LaunchPlan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code __warm-up} (hidden): what {@code make install-plugin} runs once to record the classes a command
 * loads ({@code -XX:DumpLoadedClassList}) for the class-data archive ({@code -Xshare:dump}), so later
 * starts map them instead of loading them: every command's options, the client and one list from the current
 * kubeconfig (an error is fine: it is only a warm-up), and each output format of a sample plan.
 */
@Command(name = "__warm-up", hidden = true)
final class WarmUpCommand extends PluginCommand {
  private static final String SAMPLE = """
      {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPlanList", "metadata": {}, "items": [
       {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPlan",
        "metadata": {"name": "web", "namespace": "shop", "generation": 1, "creationTimestamp": "2026-01-01T00:00:00Z"},
        "spec": {"targetRef": {"name": "web"}, "template": {"spec": {}}, "lane": "shop", "cooldown": "1m"},
        "status": {"phase": "Observing", "observedGeneration": 1, "revision": "5d8c7f9b1a", "reason": "CanaryReady",
          "phaseStartedAt": "2026-01-01T00:00:10Z", "canary": {"ready": 1, "desired": 1, "summary": "1/1"},
          "freeze": {"by": "namespace shop", "reason": "x", "since": "2026-01-01T00:00:00Z"},
          "analysis": [{"name": "q", "value": "1", "firing": false}],
          "conditions": [{"type": "Ready", "status": "False", "reason": "x", "message": "y", "lastTransitionTime": "2026-01-01T00:00:00Z"}],
          "history": [{"phase": "Canary", "reason": "LaunchStarted", "message": "m", "revision": "5d8c7f9b1a", "at": "2026-01-01T00:00:01.000Z"}]}}]}
      """;

  /** The list type a list of plans is read into. */
  static final class PlanList extends DefaultKubernetesResourceList<LaunchPlan> {}

  /** The list as the API server sends it to {@code get} (gzip), read the way {@link PlanListing} reads it. */
  private static byte[] gzip(String json) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Override
  int execute() {
    CommandLine root = spec.root().commandLine();
    for (CommandLine sub : root.getSubcommands().values()) {
      sub.getUsageMessage();
    }
    try {
      plans().inAnyNamespace().list();
      PlanListing.forTable(kube(), null, global().requestTimeout());
    } catch (KubernetesClientException | Failure e) {
      ApiErrors.message(e instanceof KubernetesClientException k ? k : new KubernetesClientException(e.getMessage()), "");
    }
    KubernetesSerialization serialization = Kube.serialization();
    StringBuilder sink = new StringBuilder();
    List<LaunchPlan> plans = serialization.unmarshal(SAMPLE, PlanList.class).getItems();
    try {
      sink.append(PlanTable.of(PlanListing.read(new GZIPInputStream(new ByteArrayInputStream(gzip(SAMPLE)))), true, now()).render());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sink.append(PlanTable.of(plans, true, now()).render());
    sink.append(PlanDetail.of(plans.get(0), now()));
    sink.append(LaneTable.of(plans, now()).render());
    sink.append(StatusCommand.summary(plans.get(0), now()));
    sink.append(Output.of(plans.get(0), Output.Format.json, serialization));
    sink.append(Output.ofList(plans, Output.Format.yaml, serialization));
    Trace.mark("warmed up");
    out().println("warmed up (" + sink.length() + " characters rendered)");
    return ExitCodes.OK;
  }
}
