package io.launchplan.analysis;

import java.util.List;
import java.util.Map;

/**
 * The answer to an instant query: the samples it returned, in Prometheus' order. A scalar result
 * is one sample without labels, so a scalar query always "returns a sample" (and always fires).
 */
public record QueryResult(List<Sample> samples) {
  /** One sample of an instant vector, or the value of a scalar. */
  public record Sample(Map<String, String> labels, double value, String valueText) {
    /**
     * @param labels the series labels (empty for a scalar)
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
