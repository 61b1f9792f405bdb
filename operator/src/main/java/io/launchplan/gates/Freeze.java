package io.launchplan.gates;

import io.launchplan.api.FreezeStatus;
import io.launchplan.api.Texts;
import java.time.Instant;
import java.util.Objects;

/**
 * An incident freeze as a source reports it: who or what set it ({@code by}), why, and, when the
 * source knows, since when (an alert's start, the moment the operator first saw an annotation).
 *
 * @param by e.g. {@code LaunchPlan checkout}, {@code namespace shop},
 *     {@code cluster config launchplan-system/launchplan-operator-config}, {@code alert IncidentOpen{severity="critical"}}
 * @param reason the annotation's value, or what the alert is
 *     ({@code by} and {@code reason} are cut to {@link Texts#MAX_VALUE}: they are copied into status several times)
 * @param since when the freeze began, or null when the source cannot tell
 */
public record Freeze(String by, String reason, Instant since) {
  public Freeze {
    by = Texts.value(Objects.requireNonNull(by, "by"));
    reason = Texts.value(Objects.requireNonNull(reason, "reason"));
  }

  /**
   * The freeze to record in status: the same freeze ({@code by} and {@code reason}) keeps the
   * {@code since} status already has, so it does not move on a repeated reconcile or a restart;
   * a new one starts at the source's own time when it has one, else at {@code now}. Null when
   * nothing freezes the plan.
   */
  public static FreezeStatus tracked(FreezeStatus previous, Freeze current, Instant now) {
    if (current == null) {
      return null;
    }
    if (previous != null && current.by().equals(previous.getBy()) && current.reason().equals(previous.getReason())
        && previous.getSince() != null) {
      return new FreezeStatus(current.by(), current.reason(), previous.getSince());
    }
    Instant since = current.since() != null && !current.since().isAfter(now) ? current.since() : now;
    return new FreezeStatus(current.by(), current.reason(), since.toString());
  }

  /** How a freeze reads in a message: {@code namespace shop: INC-42 (since 2025-01-01T10:00:00Z)}. */
  public static String describe(FreezeStatus freeze) {
    return freeze == null ? null : freeze.getBy() + ": " + freeze.getReason() + " (since " + freeze.getSince() + ")";
  }
}
