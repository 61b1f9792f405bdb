package io.launchplan.plugin;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.launchplan.api.LaunchPlan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The plans a {@code -w} follows, as they change: a fabric8 informer (one list, then a watch from its
 * resource version) whose events land in a queue the command reads. The informer's reflector does what
 * a watch needs to miss nothing: when the watch expires (410 Gone) it lists again and reports each plan
 * that changed meanwhile as an update (a plan's status carries its whole history, so the versions
 * missed in between are not needed to print the timeline or see the end); when the connection drops it
 * watches again from the last resource version. Refusals that a retry cannot fix (401, 403, 404) stop
 * it, and the command reports them as kubectl would.
 */
final class PlanFeed implements AutoCloseable {
  /** What the queue carries. */
  sealed interface Event permits Changed, Deleted, Stopped {}

  /** A plan was added or changed (also: seen again by a list after a 410). */
  record Changed(LaunchPlan plan) implements Event {}

  /** A plan was deleted. */
  record Deleted(LaunchPlan plan) implements Event {}

  /** The informer stopped: the API server refused it for good. */
  record Stopped(RuntimeException cause) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final SharedIndexInformer<LaunchPlan> informer;
  private final Thread stopOnExit;

  private PlanFeed(Informable<LaunchPlan> plans) {
    this.informer = plans.runnableInformer(0);
    informer.exceptionHandler((started, t) -> !hopeless(t));
    informer.addEventHandler(new ResourceEventHandler<LaunchPlan>() {
      @Override
      public void onAdd(LaunchPlan plan) {
        events.add(new Changed(plan));
      }

      @Override
      public void onUpdate(LaunchPlan before, LaunchPlan plan) {
        events.add(new Changed(plan));
      }

      @Override
      public void onDelete(LaunchPlan plan, boolean finalStateUnknown) {
        events.add(new Deleted(plan));
      }
    });
    // Ctrl-C: the JVM runs its shutdown hooks and exits 130; close the watch instead of dropping it.
    this.stopOnExit = new Thread(informer::stop, "kubectl-launchplan-stop-watch");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts following {@code plans} and returns once the first list is in: {@link #current()} then holds
   * every plan, and {@link #next} each change from there on.
   */
  static PlanFeed start(Informable<LaunchPlan> plans) {
    PlanFeed feed = new PlanFeed(plans);
    try {
      feed.informer.start().toCompletableFuture().get();
    } catch (ExecutionException e) {
      feed.close();
      throw unwrap(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      feed.close();
      throw new Failure("interrupted");
    }
    feed.informer.stopped().whenComplete((done, t) -> {
      if (t != null) {
        feed.events.add(new Stopped(unwrap(t)));
      }
    });
    return feed;
  }

  /** Every plan followed, as last seen. */
  List<LaunchPlan> current() {
    return informer.getStore().list();
  }

  /** The next change, waiting at most {@code timeout} (null: no limit); null when none came. */
  Event next(Duration timeout) {
    try {
      Event e = timeout == null ? events.take() : events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
      if (e instanceof Stopped s) {
        throw s.cause();
      }
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
  }

  @Override
  public void close() {
    informer.stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already (Ctrl-C): the hook stops the informer
    }
  }

  /** Refusals a retry cannot fix: not authenticated, not allowed, no such resource type. */
  private static boolean hopeless(Throwable t) {
    return t instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403 || k.getCode() == 404);
  }

  private static RuntimeException unwrap(Throwable t) {
    Throwable c = t instanceof CompletionException || t instanceof ExecutionException ? t.getCause() : t;
    return c instanceof RuntimeException r ? r : new KubernetesClientException(String.valueOf(c.getMessage()), c);
  }
}
