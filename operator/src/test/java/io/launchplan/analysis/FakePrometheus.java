package io.launchplan.analysis;

import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.analysis.QueryResult.Sample;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A scripted {@link PrometheusClient}: answers by exact query text, records what was asked. */
final class FakePrometheus implements PrometheusClient {
  private final Map<String, Object> answers = new HashMap<>();
  private PrometheusException everything;
  final List<String> asked = new ArrayList<>();

  /** The query returns one sample with this value text. */
  FakePrometheus fires(String promql, String value) {
    return fires(promql, Map.of(), value);
  }

  FakePrometheus fires(String promql, Map<String, String> labels, String value) {
    answers.put(promql, new QueryResult(List.of(new Sample(labels, PrometheusResponses.parseValue(value), value))));
    return this;
  }

  FakePrometheus answers(String promql, QueryResult result) {
    answers.put(promql, result);
    return this;
  }

  FakePrometheus fails(String promql, PrometheusException e) {
    answers.put(promql, e);
    return this;
  }

  /** Every query fails like this (e.g. nothing listens). */
  FakePrometheus failsAll(PrometheusException e) {
    everything = e;
    return this;
  }

  static PrometheusException rejected(String text) {
    return new PrometheusException(Kind.REJECTED, text, "bad_data", 400, null);
  }

  static PrometheusException refused(String url) {
    return new PrometheusException(Kind.UNREACHABLE, "Prometheus at " + url + " unreachable: Connection refused",
        null, 0, null);
  }

  @Override
  public QueryResult query(PrometheusEndpoint endpoint, String promql) throws PrometheusException {
    asked.add(promql);
    if (everything != null) {
      throw everything;
    }
    Object answer = answers.getOrDefault(promql, QueryResult.empty());
    if (answer instanceof PrometheusException e) {
      throw e;
    }
    return (QueryResult) answer;
  }
}
