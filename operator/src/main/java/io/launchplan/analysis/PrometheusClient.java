package io.launchplan.analysis;

import java.net.URI;

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
   * @return the samples of a vector result, or the single sample of a scalar result
   * @throws PrometheusException when there is no usable answer; see {@link PrometheusException.Kind}
   */
  QueryResult query(URI baseUrl, String promql) throws PrometheusException;
}
