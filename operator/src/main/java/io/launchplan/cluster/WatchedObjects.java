package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets and ConfigMaps plans name for their connections (credentials, CAs), read through a
 * watch cache: the first read of an object starts an informer on that one object (its list and
 * watch carry {@code metadata.name=<name>}, which lets RBAC grant it by {@code resourceNames}
 * instead of every Secret of the namespace), later reads are served from it, and a rotated
 * Secret is seen as soon as its watch event arrives, without a restart. An informer nobody read
 * for {@link #IDLE} is stopped.
 *
 * <p>A change of a watched object calls {@code onChange(namespace, name)}, so the plans that
 * use it look again at once (e.g. a launch held by a missing Secret starts when it is created).
 * Values are never logged.
 */
public final class WatchedObjects implements AutoCloseable, HttpConnections.Values {
  private static final Logger log = LoggerFactory.getLogger(WatchedObjects.class);
  static final Duration IDLE = Duration.ofMinutes(10);
  /** How long a first read waits for its informer's initial list. */
  static final Duration FIRST_SYNC = Duration.ofSeconds(10);
  /** How long a failed start (e.g. forbidden) is remembered before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(10);

  /** Which object: a Secret or a ConfigMap. */
  public enum Kind { Secret, ConfigMap }

  private record Ref(Kind kind, String namespace, String name) {
    @Override
    public String toString() {
      return kind + " " + name + " in namespace " + namespace;
    }
  }

  /** One object's informer, started once; {@code failure} set when it could not start. */
  private static final class Watch {
    final CompletableFuture<SharedIndexInformer<? extends HasMetadata>> started = new CompletableFuture<>();
    final AtomicLong lastUsedNanos;
    final AtomicBoolean waited = new AtomicBoolean();
    volatile long failedAtNanos;

    Watch(long now) {
      lastUsedNanos = new AtomicLong(now);
    }
  }

  /** Why a value cannot be read; the message names the object and the key, never a value. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;
  private volatile BiConsumer<String, String> onChange;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<Ref, Watch> watches = new ConcurrentHashMap<>();
  private final AtomicLong lastSweepNanos;

  public WatchedObjects(KubernetesClient client) {
    this(client, (namespace, name) -> { }, System::nanoTime);
  }

  /** Who is told {@code (namespace, name)} when a watched object changes (set once the plans can be woken). */
  void onChange(BiConsumer<String, String> listener) {
    this.onChange = listener;
  }

  WatchedObjects(KubernetesClient client, BiConsumer<String, String> onChange, LongSupplier nanoTime) {
    this.client = client;
    this.onChange = onChange;
    this.nanoTime = nanoTime;
    this.lastSweepNanos = new AtomicLong(nanoTime.getAsLong());
  }

  /**
   * The value of {@code key} in the Secret {@code namespace/name} ({@code data}, decoded, or
   * {@code stringData}).
   *
   * @throws Unavailable naming the Secret and the key: not found, no such key, or not readable
   */
  @Override
  public String secret(String namespace, String name, String key) throws Unavailable {
    Secret secret = (Secret) read(new Ref(Kind.Secret, namespace, name));
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key);
    }
    throw new Unavailable("Secret " + name + " in namespace " + namespace + " has no key " + key);
  }

  /**
   * The value of {@code key} in the ConfigMap {@code namespace/name} ({@code data}).
   *
   * @throws Unavailable naming the ConfigMap and the key
   */
  @Override
  public String configMap(String namespace, String name, String key) throws Unavailable {
    ConfigMap map = (ConfigMap) read(new Ref(Kind.ConfigMap, namespace, name));
    Map<String, String> data = map.getData();
    if (data == null || data.get(key) == null) {
      throw new Unavailable("ConfigMap " + name + " in namespace " + namespace + " has no key " + key);
    }
    return data.get(key);
  }

  private HasMetadata read(Ref ref) throws Unavailable {
    sweepOccasionally();
    long now = nanoTime.getAsLong();
    Watch watch = watches.computeIfAbsent(ref, r -> start(r, now));
    if (watch.failedAtNanos != 0 && now - watch.failedAtNanos > RETRY_AFTER.toNanos()) {
      watches.remove(ref, watch);
      watch = watches.computeIfAbsent(ref, r -> start(r, now));
    }
    watch.lastUsedNanos.set(now);
    SharedIndexInformer<? extends HasMetadata> informer;
    try {
      // Only the first read waits for the first list; a list still not done then is not waited for again.
      informer = watch.waited.getAndSet(true) && !watch.started.isDone() ? null
          : watch.started.get(FIRST_SYNC.toMillis(), TimeUnit.MILLISECONDS);
      if (informer == null) {
        throw new TimeoutException();
      }
    } catch (TimeoutException e) {
      throw new Unavailable("cannot read " + ref + ": its first list did not finish within " + FIRST_SYNC.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while reading " + ref);
    } catch (ExecutionException e) {
      throw new Unavailable("cannot read " + ref + ": " + why(e.getCause()));
    }
    HasMetadata object = informer.getStore().getByKey(ref.namespace() + "/" + ref.name());
    if (object == null) {
      throw new Unavailable(ref.kind() + " " + ref.name() + " not found in namespace " + ref.namespace());
    }
    return object;
  }

  /** Starts the informer of {@code ref}; its future completes once the first list is in. */
  private Watch start(Ref ref, long now) {
    Watch watch = new Watch(now);
    SharedIndexInformer<? extends HasMetadata> informer = ref.kind() == Kind.Secret
        ? client.secrets().inNamespace(ref.namespace()).withName(ref.name()).runnableInformer(0)
        : client.configMaps().inNamespace(ref.namespace()).withName(ref.name()).runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<HasMetadata>() {
      @Override
      public void onAdd(HasMetadata obj) {
        changed(ref, watch);
      }

      @Override
      public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
        changed(ref, watch);
      }

      @Override
      public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
        changed(ref, watch);
      }
    });
    // A first list that fails (e.g. forbidden) ends the start, so the read says why; once started, watch errors are retried.
    informer.exceptionHandler((isStarted, error) -> isStarted);
    informer.start().whenComplete((ignored, error) -> {
      if (error != null) {
        watch.failedAtNanos = Math.max(1, nanoTime.getAsLong());
        informer.stop();
        log.warn("cannot watch {}: {}", ref, why(error));
        watch.started.completeExceptionally(error);
      } else {
        watch.started.complete(informer);
      }
    });
    return watch;
  }

  private void changed(Ref ref, Watch watch) {
    if (watch.started.isDone()) { // the initial list's adds are no change
      onChange.accept(ref.namespace(), ref.name());
    }
  }

  private static String why(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && !(t instanceof KubernetesClientException)) {
      t = t.getCause();
    }
    if (t instanceof KubernetesClientException k && (k.getCode() == 403 || k.getCode() == 401)) {
      return "the operator is not allowed to list and watch it (grant get, list and watch on it by name: the chart's "
          + "rbac.connectionSecrets)";
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private void sweepOccasionally() {
    long now = nanoTime.getAsLong();
    long last = lastSweepNanos.get();
    if (now - last < Duration.ofMinutes(1).toNanos() || !lastSweepNanos.compareAndSet(last, now)) {
      return;
    }
    watches.entrySet().removeIf(e -> {
      Watch w = e.getValue();
      boolean idle = now - w.lastUsedNanos.get() > IDLE.toNanos();
      if (idle) {
        w.started.thenAccept(SharedIndexInformer::stop);
      }
      return idle;
    });
  }

  /** How many objects are watched; for tests. */
  int size() {
    return watches.size();
  }

  @Override
  public void close() {
    watches.values().forEach(w -> w.started.thenAccept(SharedIndexInformer::stop));
    watches.clear();
  }
}
