package io.launchplan.simulator;

import java.util.function.LongSupplier;

/** A nanosecond clock that only moves when a test says so. */
final class FakeClock implements LongSupplier {

  private long nanos;

  @Override
  public long getAsLong() {
    return nanos;
  }

  void advanceSeconds(double seconds) {
    nanos += (long) (seconds * 1e9);
  }
}
