package io.launchplan.plugin.dashboard;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.launchplan.api.LaunchPlan;
import io.launchplan.plugin.ApiErrors;
import io.launchplan.plugin.Kube;
import io.launchplan.plugin.Plans;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every plan the user may list, kept by one fabric8 informer (one list, then one watch: no polling),
 * and the listeners told of each change: the page's event streams. Lists across namespaces unless
 * one is named; when the user may not list cluster-wide it falls back to the kubeconfig's namespace
 * and says why.
 */
final class PlanHub implements AutoCloseable {
  private final SharedIndexInformer<LaunchPlan> informer;
  private final String scope;
  private final String notice;
  private final Set<Consumer<String>> listeners = new CopyOnWriteArraySet<>();

  private PlanHub(SharedIndexInformer<LaunchPlan> informer, String scope, String notice) {
    this.informer = informer;
    this.scope = scope;
    this.notice = notice;
  }

  /** Starts following plans of {@code namespace}, or of every namespace when null; returns once the first list arrived. */
  static PlanHub start(Kube kube, String namespace) {
    if (namespace == null) {
      try {
        return follow(kube, null, "every namespace", null);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 403) {
          throw e;
        }
        String why = ApiErrors.message(e, kube.server()) + " — showing namespace " + kube.namespace() + " only";
        return follow(kube, kube.namespace(), "namespace " + kube.namespace(), why);
      }
    }
    return follow(kube, namespace, "namespace " + namespace, null);
  }

  private static PlanHub follow(Kube kube, String namespace, String scope, String notice) {
    var plans = kube.client().resources(LaunchPlan.class);
    SharedIndexInformer<LaunchPlan> informer = namespace == null ? plans.inAnyNamespace().runnableInformer(0)
        : plans.inNamespace(namespace).runnableInformer(0);
    PlanHub hub = new PlanHub(informer, scope, notice);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(LaunchPlan p) { hub.changed(Plans.key(p)); }
      @Override public void onUpdate(LaunchPlan old, LaunchPlan p) { hub.changed(Plans.key(p)); }
      @Override public void onDelete(LaunchPlan p, boolean unknownFinalState) { hub.changed(Plans.key(p)); }
    });
    try {
      informer.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      informer.close();
      throw e.getCause() instanceof KubernetesClientException k ? k : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      informer.close();
      throw new IllegalStateException("could not list LaunchPlans: " + e, e);
    }
    return hub;
  }

  private void changed(String key) {
    for (Consumer<String> l : listeners) {
      l.accept(key);
    }
  }

  /** Calls {@code listener} with a plan's namespace/name whenever it was added, changed or deleted. */
  void listen(Consumer<String> listener) {
    listeners.add(listener);
  }

  void unlisten(Consumer<String> listener) {
    listeners.remove(listener);
  }

  List<LaunchPlan> plans() {
    return informer.getStore().list();
  }

  LaunchPlan plan(String namespace, String name) {
    return informer.getStore().getByKey(namespace + "/" + name);
  }

  /** What the dashboard follows, e.g. {@code every namespace}. */
  String scope() {
    return scope;
  }

  /** Why it follows less than asked (the API server's refusal), or null. */
  String notice() {
    return notice;
  }

  /** Whether the watch is running (false while the API server is unreachable and the informer retries). */
  boolean watching() {
    return informer.isWatching();
  }

  @Override
  public void close() {
    informer.close();
  }
}
