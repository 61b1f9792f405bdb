package io.launchplan.plugin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The list {@code get} prints as a table, read the fast way (the start-up benchmark's largest stage):
 * asked for gzip-compressed (the API server sends a twentieth of the bytes, so there is that much less
 * TLS to decrypt with a JVM that has not warmed up), and read into the fields the table shows only:
 * a plan's pod template, queries, history, conditions and analysis values are skipped, so the JSON
 * reader has far fewer types to build its deserializers for (the list's other half of the time). The
 * reader's deserializers can be built ahead, on another thread, while the request is in flight
 * ({@link #prepare}). The request goes through the client's own HTTP client (its TLS, credentials,
 * impersonation); a refusal comes back as the API server's {@link Status}, as fabric8 reports it.
 */
final class PlanListing {
  private static final String PLURAL = "launchplans";
  private static final ObjectMapper TABLE_FIELDS = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .addMixIn(ObjectMeta.class, MetadataForTable.class)
      .addMixIn(LaunchPlanSpec.class, SpecForTable.class)
      .addMixIn(LaunchPlanStatus.class, StatusForTable.class);
  private static final JavaType LIST = TABLE_FIELDS.getTypeFactory()
      .constructParametricType(DefaultKubernetesResourceList.class, LaunchPlan.class);

  @JsonIgnoreProperties({"managedFields", "annotations", "labels", "ownerReferences", "finalizers"})
  private abstract static class MetadataForTable {}

  @JsonIgnoreProperties({"template", "canary", "rollout", "analysis", "notify", "hooks", "postmortem", "approvals"})
  private abstract static class SpecForTable {}

  @JsonIgnoreProperties({"history", "conditions", "analysis", "checks", "approvals", "window", "drift", "step", "policies",
      "suspendedCronJobs"})
  private abstract static class StatusForTable {}

  private PlanListing() {}

  /** Builds the reader's deserializers now (on a thread of its own, they are ready when the list arrives). */
  static ObjectReader prepare() {
    return TABLE_FIELDS.readerFor(LIST);
  }

  /** Starts {@link #prepare} on a daemon thread. */
  static void prepareAhead() {
    Thread t = new Thread(PlanListing::prepare, "kubectl-launchplan-prepare-reader");
    t.setDaemon(true);
    t.start();
  }

  /** Every plan of {@code namespace} (null: of every namespace), with the fields the table shows. */
  static List<LaunchPlan> forTable(Kube kube, String namespace, Duration timeout) {
    // the CRD's plural, not fabric8's pluralizer (its rules are regular expressions: compiled at every start)
    String path = "apis/" + LaunchPlan.GROUP + "/" + LaunchPlan.VERSION + "/"
        + (namespace == null ? "" : "namespaces/" + namespace + "/") + PLURAL;
    String url = kube.server() + (kube.server().endsWith("/") ? "" : "/") + path;
    var http = kube.client().getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(url).header("Accept", "application/json")
        .header("Accept-Encoding", "gzip").timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
    HttpResponse<InputStream> response;
    try {
      response = http.sendAsync(request, InputStream.class).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof KubernetesClientException k ? k : new KubernetesClientException(String.valueOf(cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
    Trace.mark("list answered (" + response.header("Content-Encoding") + ")");
    try (InputStream body = decoded(response)) {
      if (!response.isSuccessful()) {
        throw refusal(response.code(), body);
      }
      return read(body);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the list of " + url + ": " + e.getMessage(), e);
    }
  }

  /** A LaunchPlanList's JSON, read into the fields the table shows. */
  static List<LaunchPlan> read(InputStream json) throws IOException {
    DefaultKubernetesResourceList<LaunchPlan> list = prepare().readValue(json);
    return list.getItems();
  }

  /** The API server's Status of a refusal, as fabric8 reports it (or the bare code when the body is none). */
  private static KubernetesClientException refusal(int code, InputStream body) {
    try {
      Status status = TABLE_FIELDS.readValue(body, Status.class);
      return new KubernetesClientException(status.getMessage(), code, status);
    } catch (IOException e) {
      return new KubernetesClientException("the server answered HTTP " + code, code, null);
    }
  }

  private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
    InputStream body = response.body();
    return "gzip".equalsIgnoreCase(response.header("Content-Encoding")) ? new GZIPInputStream(body, 64 * 1024) : body;
  }
}
