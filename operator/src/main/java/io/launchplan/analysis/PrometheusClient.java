package io.launchplan.analysis;

import java.net.URI;
import java.time.Instant;

/**
 * Runs PromQL instant queries ({@code /api/v1/query}). The one seam between the analysis and the
 * network: the real one is {@link HttpPrometheusClient}, tests use a fake.
 */
public interface PrometheusClient {
  /**
   * Evaluates {@code promql} at the server's current time.
   *
   * @param baseUrl Prometheus' base URL, e.g. {@code http://prometheus.monitoring:9090} (a path
   *     prefix such as {@code http://host/prometheus} is kept)
   * @return the samples of the instant vector result (a scalar, matrix or string result is a
   *     {@link PrometheusException.Kind#NOT_A_VECTOR} error)
   * @throws PrometheusException when there is no usable answer; see {@link PrometheusException.Kind}
   */
  default QueryResult query(URI baseUrl, String promql) throws PrometheusException {
    return query(PrometheusEndpoint.of(baseUrl), promql);
  }

  /**
   * Evaluates {@code promql} at the server's current time on {@code endpoint}, with its headers,
   * TLS settings and timeout.
   *
   * @throws PrometheusException when there is no usable answer; see {@link PrometheusException.Kind}
   */
  QueryResult query(PrometheusEndpoint endpoint, String promql) throws PrometheusException;

  /**
   * As {@link #query(URI, String)}, for an analysis tick in the interval slot starting at
   * {@code tick} (null for a tick off the schedule): an answer to the same text for the same slot
   * may be shared between plans. Without a cache this is a plain query.
   */
  default QueryResult query(URI baseUrl, String promql, Instant tick) throws PrometheusException {
    return query(PrometheusEndpoint.of(baseUrl), promql, tick);
  }

  /** As {@link #query(URI, String, Instant)}, on {@code endpoint}. */
  default QueryResult query(PrometheusEndpoint endpoint, String promql, Instant tick) throws PrometheusException {
    return query(endpoint, promql);
  }
}
