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
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
   * sixth of a start), and then builds the client too unless {@code --as}, {@code --as-group} or
   * {@code --request-timeout} is given (those change the client). With {@code --kubeconfig} or
   * {@code --context} among {@code args}, or a command line that only asks for help or the version,
   * nothing is done ahead.
   */
  static void readAhead(String[] args) {
    boolean clientAhead = true;
    if (args.length == 0) {
      return;
    }
    for (String a : args) {
      if (a.startsWith("--kubeconfig") || a.startsWith("--context") || NO_CLUSTER.contains(a)) {
        return;
      }
      if (a.startsWith("--as") || a.startsWith("--request-timeout")) {
        clientAhead = false;
      }
    }
    boolean buildClient = clientAhead;
    CompletableFuture<Ahead> work = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        Config config = Config.autoConfigure(null);
        work.complete(new Ahead(config, buildClient ? build(config, GlobalOptions.defaultRequestTimeout(), null, null) : null));
      } catch (RuntimeException | Error e) {
        work.completeExceptionally(e);
      }
    }, "kubectl-launchplan-read-kubeconfig");
    t.setDaemon(true);
    t.start();
    ahead = work;
  }

  /** Arguments of a command line that needs no cluster. */
  private static final Set<String> NO_CLUSTER = Set.of("--version", "-V", "--help", "-h", "help");

  /** What {@link #readAhead} made: the kubeconfig, and the client for the default flags (or null). */
  private record Ahead(Config config, KubernetesClient client) {}

  private static volatile CompletableFuture<Ahead> ahead;

  public static Kube connect(GlobalOptions o) {
    CompletableFuture<Ahead> read = ahead;
    ahead = null;
    if (o.kubeconfig == null && o.context == null && read != null) {
      Ahead done = join(read);
      Trace.mark("kubeconfig read");
      Config config = done.config();
      if (done.client() != null) {
        // built for the default flags: the parsed options decide, not the look of the arguments
        boolean defaults = o.as == null && (o.asGroups == null || o.asGroups.isEmpty())
            && o.requestTimeout().equals(GlobalOptions.defaultRequestTimeout());
        if (defaults) {
          return new Kube(done.client(), namespace(o, config), config.getMasterUrl());
        }
        done.client().close();
      }
      return connect(o, config);
    }
    Config config;
    if (o.kubeconfig != null) {
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
    return connect(o, config);
  }

  private static Kube connect(GlobalOptions o, Config config) {
    return new Kube(build(config, o.requestTimeout(), o.as, o.asGroups), namespace(o, config), config.getMasterUrl());
  }

  /** The client of {@code config} with kubectl's behaviour: one try per request, these timeouts, impersonation. */
  private static KubernetesClient build(Config config, Duration requestTimeout, String as, List<String> asGroups) {
    if (as != null) {
      config.setImpersonateUsername(as);
      if (asGroups != null && !asGroups.isEmpty()) {
        config.setImpersonateGroups(asGroups.toArray(String[]::new));
      }
    }
    // One try, like kubectl: a refused or unreachable server is reported at once, not after ten retries.
    config.setRequestRetryBackoffLimit(0);
    int timeout = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
    config.setRequestTimeout(timeout);
    config.setConnectionTimeout(Math.min(timeout, 10_000));
    return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization()).build();
  }

  private static String namespace(GlobalOptions o, Config config) {
    return o.namespace != null ? o.namespace : config.getNamespace() != null ? config.getNamespace() : "default";
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

  private static Ahead join(CompletableFuture<Ahead> read) {
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
