package io.launchplan.analysis;

import java.util.List;
import java.util.Map;

/**
 * The answer to an instant query: the samples of the instant vector it returned, in Prometheus'
 * order. Only vectors are results: a scalar would always be one sample, so a scalar query would
 * always fire; the client refuses it ({@link PrometheusException.Kind#NOT_A_VECTOR}).
 */
public record QueryResult(List<Sample> samples) {
  /** One sample of an instant vector. */
  public record Sample(Map<String, String> labels, double value, String valueText) {
    /**
     * @param labels the series labels (empty for a series without labels, e.g. {@code vector(1)})
     * @param value the value as a number; {@code +Inf}, {@code -Inf} and {@code NaN} included
     * @param valueText the value exactly as Prometheus printed it, e.g. {@code "0.21"} or {@code "+Inf"}
     */
    public Sample {
      labels = Map.copyOf(labels);
    }
  }

  public QueryResult {
    samples = List.copyOf(samples);
  }

  /** A result without samples: the query does not fire. */
  public static QueryResult empty() { return new QueryResult(List.of()); }

  /** Whether the query returned any sample, i.e. whether it fires. */
  public boolean hasSamples() { return !samples.isEmpty(); }
}
