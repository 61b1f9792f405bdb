package io.launchplan.launch;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.PrometheusSpec;
import io.launchplan.api.WebCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code InsecureConnection} condition: True, loudly, while the plan's Prometheus connection or
 * one of its web checks checks no certificate ({@code tls.insecureSkipVerify: true}); kept as False once it was there.
 */
public final class InsecureConnections {
  public static final String TYPE = "InsecureConnection";

  private InsecureConnections() {}

  /** Adds or updates the condition in {@code status.conditions} (after {@link Conditions#apply}). */
  public static void apply(LaunchPlanStatus status, LaunchPlanSpec spec, long generation, Instant now) {
    PrometheusSpec prometheus = spec.analysisOrDefault().getPrometheus();
    List<String> unchecked = new ArrayList<>();
    if (prometheus != null && prometheus.insecure()) {
      unchecked.add("spec.analysis.prometheus.tls.insecureSkipVerify is true: the certificate of "
          + (prometheus.getUrl() != null ? prometheus.getUrl() : "the default Prometheus") + " is not checked");
    }
    // Web checks send credentials too (issue 17): flagged the same way.
    spec.analysisOrDefault().webOrEmpty().stream().filter(WebCheck::insecure).forEach(w -> unchecked.add(
        "spec.analysis.web[" + w.getName() + "].tls.insecureSkipVerify is true: the certificate of " + hostOf(w.getUrl())
            + " is not checked"));
    boolean insecure = !unchecked.isEmpty();
    List<Condition> old = status.getConditions() != null ? status.getConditions() : List.of();
    if (!insecure && old.stream().noneMatch(c -> TYPE.equals(c.getType()))) {
      return;
    }
    List<Condition> next = new ArrayList<>(old.stream().filter(c -> !TYPE.equals(c.getType())).toList());
    next.add(Conditions.condition(old, TYPE, insecure, insecure ? "InsecureSkipVerify" : "CertificatesChecked",
        insecure ? String.join("; ", unchecked) + ", so anyone on the network path can read the credentials sent and"
            + " forge the answers this launch is judged by" : "", generation, now));
    status.setConditions(next);
  }

  /** The scheme, host and port of a web check's URL: never its path or query, which may carry tokens. */
  private static String hostOf(String url) {
    int start = url.indexOf("://");
    int end = start < 0 ? -1 : url.indexOf('/', start + 3);
    int query = url.indexOf('?');
    if (end < 0 || (query >= 0 && query < end)) {
      end = query;
    }
    return end < 0 ? url : url.substring(0, end);
  }
}
