package io.launchplan.bench;

import io.launchplan.testsupport.PromApi;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The bench's own view of Prometheus: instant queries at an explicit time. */
final class PromQuery {
  private final URI prometheus;

  PromQuery(URI prometheus) {
    this.prometheus = prometheus;
  }

  /** Whether {@code promql}, evaluated at {@code at}, returns any sample (what makes a query fire). */
  boolean fires(String promql, Instant at) {
    String time = String.format("%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000);
    URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + time);
    return PromApi.get(uri).path("data").path("result").size() > 0;
  }
}
