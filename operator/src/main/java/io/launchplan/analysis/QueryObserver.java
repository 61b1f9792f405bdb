package io.launchplan.analysis;

import java.time.Duration;

/** Told about every request sent to Prometheus, e.g. to feed query latency and error metrics. */
@FunctionalInterface
public interface QueryObserver {
  /** Observes nothing. */
  QueryObserver NOOP = (latency, ok) -> { };

  /**
   * @param latency from sending the request to having the answer (or the failure)
   * @param ok whether the query produced a result; false for every {@link PrometheusException}
   */
  void observed(Duration latency, boolean ok);
}
