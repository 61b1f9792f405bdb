package io.launchplan.analysis.model;

import io.launchplan.api.QueryStatus;
import java.util.List;
import java.util.Objects;

/**
 * The result of one analysis tick.
 *
 * @param statuses the new status entry of every check, queries first then alert selectors, in spec order
 * @param verdict what the tick says
 * @param decidedBy the name of the check that decided a non-PASS verdict (a query name or
 *     {@code alert:k=v,...}); null for PASS
 * @param message one human sentence for conditions, events and history, e.g.
 *     {@code query canary-5xx fired (value 0.21) for 20s ≥ for 20s}
 */
public record AnalysisOutcome(List<QueryStatus> statuses, Verdict verdict, String decidedBy, String message) {
  public AnalysisOutcome {
    statuses = List.copyOf(statuses);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
  }
}
