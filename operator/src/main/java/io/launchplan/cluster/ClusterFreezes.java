package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.launchplan.analysis.FreezeAlerts;
import io.launchplan.analysis.receiver.PlanWaker;
import io.launchplan.api.LaunchPlan;
import io.launchplan.gates.Freeze;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The freezes that hold every plan: the {@code launchplan.io/freeze} annotation on the operator's
 * config ConfigMap ({@code LAUNCHPLAN_CONFIG_MAP}) and a firing freeze alert
 * ({@code LAUNCHPLAN_FREEZE_ALERTS}); {@code gates.FreezePrecedence} puts the
 * ConfigMap first. The ConfigMap is watched by an informer limited to that
 * one object (a field selector on its name, so RBAC can grant it by name); a change of its
 * annotation, and a freeze alert starting or ending, wake every plan.
 */
public final class ClusterFreezes {
  private final ConfigMapRef configMap;
  private final FreezeAlerts alerts;
  private final Clock clock;
  private volatile InformerEventSource<ConfigMap, LaunchPlan> informer;
  /** The config annotation last seen and since when this operator has seen it. */
  private String seenReason;
  private Instant seenSince;

  /** @param configMap the config ConfigMap, or null for none; @param alerts the freeze alerts, or null for none */
  public ClusterFreezes(ConfigMapRef configMap, FreezeAlerts alerts, Clock clock) {
    this.configMap = configMap;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** The informer on the config ConfigMap (when set); freeze alert changes wake every plan through {@code waker}. */
  List<EventSource<?, LaunchPlan>> eventSources(EventSourceContext<LaunchPlan> ctx, PlanWaker waker) {
    List<EventSource<?, LaunchPlan>> sources = new ArrayList<>();
    if (alerts != null) {
      alerts.onChange(() -> waker.wake(p -> true));
    }
    if (configMap != null) {
      var config = InformerEventSourceConfiguration.from(ConfigMap.class, LaunchPlan.class)
          .withName("config-freeze")
          .withNamespaces(configMap.namespace())
          .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", configMap.name())))
          .withOnUpdateFilter((ConfigMap now, ConfigMap before) -> !Objects.equals(Freezes.reason(now), Freezes.reason(before)))
          .withSecondaryToPrimaryMapper((ConfigMap cm) -> ctx.getPrimaryCache().list()
              .map(ResourceID::fromResource).collect(Collectors.toSet()))
          .build();
      informer = new InformerEventSource<>(config, ctx);
      sources.add(informer);
    }
    return sources;
  }

  /** The freeze alert that fires now (the earliest), or null; the config annotation comes first ({@link Freezes}). */
  Freeze fromAlerts() {
    return alerts != null ? alerts.current() : null;
  }

  /** The config ConfigMap's freeze annotation, since when this operator has seen it; null when none. */
  Freeze fromConfig() {
    var source = informer;
    if (source == null) {
      return null;
    }
    String reason = source.get(new ResourceID(configMap.name(), configMap.namespace()))
        .map(Freezes::reason).orElse(null);
    Instant since;
    synchronized (this) {
      if (reason == null) {
        seenReason = null;
        seenSince = null;
        return null;
      }
      if (!reason.equals(seenReason)) {
        seenReason = reason;
        seenSince = clock.instant();
      }
      since = seenSince;
    }
    return new Freeze("cluster config " + configMap, reason, since);
  }
}
