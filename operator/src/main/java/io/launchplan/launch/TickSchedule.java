package io.launchplan.launch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * When a plan's analysis ticks run. Time is cut into slots of one interval (multiples of the
 * interval since the epoch); each plan ticks once per slot, at its own fixed place in the slot
 * (its phase, from its UID), so a thousand plans spread their ticks, their status writes and their
 * own queries evenly over the interval instead of all at once.
 *
 * <p>A query text that several plans send is answered once per slot and shared by every plan
 * ticking in that slot ({@link io.launchplan.analysis.CoalescingPrometheusClient}): such a shared
 * answer can be up to one interval older than the plan's tick. Queries with plan variables (the
 * canary's pods, the namespace...) differ per plan and always ask afresh.
 */
public final class TickSchedule {
  private TickSchedule() {}

  /** A plan's place in each slot, in [0, 1), stable for its lifetime (a hash of its UID). */
  public static double phaseOf(String uid) {
    if (uid == null || uid.isEmpty()) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update(uid.getBytes(StandardCharsets.UTF_8));
    return (crc.getValue() % 1_000_000) / 1_000_000.0;
  }

  /**
   * The plan's first tick at least half an interval after {@code last}: a late tick is followed by
   * the next one on schedule, not by another at once.
   */
  public static Instant next(Instant last, Duration interval, double phase) {
    long ms = Math.max(interval.toMillis(), 1);
    long offset = (long) (phase * ms);
    long earliest = last.toEpochMilli() + (ms + 1) / 2 - offset;
    return Instant.ofEpochMilli(Math.floorDiv(earliest + ms - 1, ms) * ms + offset);
  }

  /** The slot {@code at} falls in: its start. */
  public static Instant slot(Instant at, Duration interval) {
    long ms = Math.max(interval.toMillis(), 1);
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), ms) * ms);
  }
}
