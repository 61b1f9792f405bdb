package io.launchplan.plugin.dashboard;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.launchplan.api.LaunchPlan;
import io.launchplan.cluster.Labels;
import io.launchplan.plugin.ApiErrors;
import io.launchplan.plugin.Kube;
import java.time.Clock;
import java.util.Map;

/**
 * The page's buttons, as the plugin's commands do them: the promote and abort annotations and
 * {@code spec.paused}, each one JSON merge patch with the user's own kubeconfig, so the API server
 * decides with the user's RBAC. A refusal comes back in the API server's words.
 */
final class Actions {
  /** The field manager of the page's writes: the operator's history says {@code set by kubectl-launchplan-dashboard}. */
  static final String FIELD_MANAGER = "kubectl-launchplan-dashboard";
  private final Kube kube;
  private final Clock clock;

  Actions(Kube kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /** What a button did: done, or refused with the API server's message (and its HTTP code). */
  record Outcome(boolean done, int code, String message) {}

  Outcome promote(String namespace, String name) {
    String value = "kubectl launchplan dashboard promote at " + clock.instant();
    return patch(namespace, name, annotation(Labels.PROMOTE, value), "annotated " + Labels.PROMOTE + "=" + value);
  }

  Outcome abort(String namespace, String name, String reason) {
    if (reason == null || reason.isBlank()) {
      return new Outcome(false, 400, "an abort needs a reason");
    }
    try {
      LaunchPlan plan = kube.client().resources(LaunchPlan.class).inNamespace(namespace).withName(name).get();
      if (plan == null) {
        return new Outcome(false, 404, "Error from server (NotFound): launchplans.launchplan.io \"" + name + "\" not found");
      }
      // each value acts once: a reason handled before gets a time stamp
      Map<String, String> a = plan.getMetadata().getAnnotations() == null ? Map.of() : plan.getMetadata().getAnnotations();
      String handled = plan.getStatus() == null ? null : plan.getStatus().getHandledAbort();
      String value = reason.equals(handled) || reason.equals(a.get(Labels.ABORT)) ? reason + " (" + clock.instant() + ")" : reason;
      return patch(namespace, name, annotation(Labels.ABORT, value), "annotated " + Labels.ABORT + "=" + value);
    } catch (KubernetesClientException e) {
      return refused(e);
    }
  }

  Outcome pause(String namespace, String name, boolean paused) {
    return patch(namespace, name, "{\"spec\":{\"paused\":" + (paused ? "true" : "null") + "}}",
        paused ? "patched spec.paused=true" : "patched: spec.paused removed");
  }

  private Outcome patch(String namespace, String name, String json, String done) {
    try {
      kube.client().resources(LaunchPlan.class).inNamespace(namespace).withName(name)
          .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build(), json);
      return new Outcome(true, 200, "launchplan.launchplan.io/" + name + " " + done);
    } catch (KubernetesClientException e) {
      return refused(e);
    }
  }

  private Outcome refused(KubernetesClientException e) {
    int code = e.getCode() >= 400 ? e.getCode() : 502;
    return new Outcome(false, code, ApiErrors.message(e, kube.server()));
  }

  private static String annotation(String key, String value) {
    return "{\"metadata\":{\"annotations\":{" + Json.quote(key) + ":" + Json.quote(value) + "}}}";
  }
}
