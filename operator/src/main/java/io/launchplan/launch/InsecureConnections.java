package io.launchplan.launch;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.PrometheusSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code InsecureConnection} condition: True, loudly, while the plan's Prometheus connection
 * checks no certificate ({@code tls.insecureSkipVerify: true}); kept as False once it was there.
 */
public final class InsecureConnections {
  public static final String TYPE = "InsecureConnection";

  private InsecureConnections() {}

  /** Adds or updates the condition in {@code status.conditions} (after {@link Conditions#apply}). */
  public static void apply(LaunchPlanStatus status, LaunchPlanSpec spec, long generation, Instant now) {
    PrometheusSpec prometheus = spec.analysisOrDefault().getPrometheus();
    boolean insecure = prometheus != null && prometheus.insecure();
    List<Condition> old = status.getConditions() != null ? status.getConditions() : List.of();
    if (!insecure && old.stream().noneMatch(c -> TYPE.equals(c.getType()))) {
      return;
    }
    List<Condition> next = new ArrayList<>(old.stream().filter(c -> !TYPE.equals(c.getType())).toList());
    next.add(Conditions.condition(old, TYPE, insecure, insecure ? "InsecureSkipVerify" : "CertificatesChecked",
        insecure ? "spec.analysis.prometheus.tls.insecureSkipVerify is true: the certificate of "
            + (prometheus.getUrl() != null ? prometheus.getUrl() : "the default Prometheus")
            + " is not checked, so anyone on the network path can read the credentials sent and forge the answers"
            + " this launch is judged by" : "", generation, now));
    status.setConditions(next);
  }
}
