package io.launchplan.plugin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The API server connection kubectl would use: the kubeconfig ({@code --kubeconfig}, else
 * {@code KUBECONFIG}, else {@code ~/.kube/config}), its context ({@code --context}, else the current
 * one), its namespace unless {@code -n} is given, and impersonation with {@code --as}/{@code --as-group}.
 */
public final class Kube implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final String server;

  private Kube(KubernetesClient client, String namespace, String server) {
    this.client = client;
    this.namespace = namespace;
    this.server = server;
  }

  /**
   * Starts reading the kubeconfig on another thread, as {@link #connect} would without
   * {@code --kubeconfig} and {@code --context}, while picocli reads the command line (each is about a
   * sixth of a start). With either flag among {@code args} nothing is read ahead.
   */
  static void readAhead(String[] args) {
    for (String a : args) {
      if (a.startsWith("--kubeconfig") || a.startsWith("--context")) {
        return;
      }
    }
    CompletableFuture<Config> config = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        config.complete(Config.autoConfigure(null));
      } catch (RuntimeException | Error e) {
        config.completeExceptionally(e);
      }
    }, "kubectl-launchplan-read-kubeconfig");
    t.setDaemon(true);
    t.start();
    ahead = config;
  }

  private static volatile CompletableFuture<Config> ahead;

  public static Kube connect(GlobalOptions o) {
    Config config;
    CompletableFuture<Config> read = ahead;
    ahead = null;
    if (o.kubeconfig == null && o.context == null && read != null) {
      config = readAhead(read);
    } else if (o.kubeconfig != null) {
      File file = new File(o.kubeconfig);
      if (!Files.isReadable(file.toPath())) {
        throw new Failure("stat " + o.kubeconfig + ": no such file or directory");
      }
      config = Config.fromKubeconfig(o.context, file);
    } else {
      config = Config.autoConfigure(o.context);
    }
    Trace.mark("kubeconfig read");
    if (o.context != null && !o.context.equals(currentContextName(config))) {
      throw new Failure("context was not found for specified context: " + o.context);
    }
    if (o.as != null) {
      config.setImpersonateUsername(o.as);
      if (o.asGroups != null && !o.asGroups.isEmpty()) {
        config.setImpersonateGroups(o.asGroups.toArray(String[]::new));
      }
    }
    // One try, like kubectl: a refused or unreachable server is reported at once, not after ten retries.
    config.setRequestRetryBackoffLimit(0);
    int timeout = (int) Math.min(Integer.MAX_VALUE, o.requestTimeout().toMillis());
    config.setRequestTimeout(timeout);
    config.setConnectionTimeout(Math.min(timeout, 10_000));
    String ns = o.namespace != null ? o.namespace : config.getNamespace() != null ? config.getNamespace() : "default";
    return new Kube(new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization()).build(),
        ns, config.getMasterUrl());
  }

  /**
   * The client's JSON and YAML mapping: without searching the class path for every Kubernetes model
   * class (thousands, about a second at start; the plugin reads only the types it names), and
   * tolerant of fields it does not know, so it reads the status of a newer operator.
   */
  static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    return new KubernetesSerialization(mapper, false);
  }

  /**
   * managedFields are skipped when reading: the plugin never uses them (kubectl hides them too), and
   * they are the largest part of a plan's metadata, so a list of a thousand plans reads faster.
   */
  @JsonIgnoreProperties("managedFields")
  private abstract static class WithoutManagedFields {}

  private static Config readAhead(CompletableFuture<Config> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static String currentContextName(Config config) {
    return config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
  }

  public KubernetesClient client() {
    return client;
  }

  /** The namespace of {@code -n}, else the context's, else {@code default}. */
  public String namespace() {
    return namespace;
  }

  public String server() {
    return server;
  }

  @Override
  public void close() {
    client.close();
  }
}
