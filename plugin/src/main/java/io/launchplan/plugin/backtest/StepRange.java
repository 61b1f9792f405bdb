package io.launchplan.plugin.backtest;

import java.time.Duration;
import java.time.Instant;

/**
 * The steps a backtest evaluates at: {@code start}, {@code start + step}, ... up to {@code end}. The
 * start is rounded down to a multiple of the step (as Grafana does) so that two runs over the same
 * time see the same grid.
 */
public record StepRange(Instant start, Instant end, Duration step) {
  public StepRange {
    checkStep(step);
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("the range is empty: " + start + " is not before " + end);
    }
  }

  /** The range of {@code since} up to {@code end}, aligned to the step. */
  public static StepRange last(Duration since, Instant end, Duration step) {
    checkStep(step);
    long s = step.toSeconds();
    long startSec = Math.floorDiv(end.minus(since).getEpochSecond(), s) * s;
    long endSec = Math.floorDiv(end.getEpochSecond(), s) * s;
    return new StepRange(Instant.ofEpochSecond(startSec), Instant.ofEpochSecond(endSec), step);
  }

  private static void checkStep(Duration step) {
    if (step.toMillis() < 1000 || step.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("--step must be whole seconds, at least 1s: " + io.launchplan.api.Durations.format(step));
    }
  }

  public int steps() {
    return (int) (Duration.between(start, end).toSeconds() / step.toSeconds()) + 1;
  }

  public Instant at(int i) {
    return start.plusSeconds(i * step.toSeconds());
  }

  /** The step of a Prometheus timestamp (seconds). */
  int index(double epochSeconds) {
    return (int) Math.round((epochSeconds - start.getEpochSecond()) / step.toSeconds());
  }

  public Duration duration(int steps) {
    return step.multipliedBy(steps);
  }
}
