package io.launchplan.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The decision being built: a private copy of the status plus the effects and wake-up time
 * collected so far. Phase start times are set only when the phase changes, so a repeated
 * reconcile can never restart a window. Messages are cut to {@link Texts#MAX_MESSAGE}.
 */
final class Draft {
  static final int HISTORY_LIMIT = 50;
  private static final ObjectMapper COPIER = new ObjectMapper();

  private final LaunchPlanStatus status;
  private final Instant now;
  private final Set<Effect> effects = new LinkedHashSet<>();
  private Duration requeueAfter;
  private HistoryEntry transition;
  private boolean warning;

  private Draft(LaunchPlanStatus status, Instant now) {
    this.status = status;
    this.now = now;
  }

  static Draft of(LaunchPlanStatus current, Instant now) {
    LaunchPlanStatus copy = current == null
        ? new LaunchPlanStatus()
        : COPIER.convertValue(current, LaunchPlanStatus.class);
    if (copy.getPhase() == null) {
      copy.setPhase(Phase.Pending);
    }
    return new Draft(copy, now);
  }

  LaunchPlanStatus status() {
    return status;
  }

  Phase phase() {
    return status.getPhase();
  }

  Instant now() {
    return now;
  }

  /** Moves to {@code phase}; the phase clock restarts only when the phase really changes. */
  void moveTo(Phase phase, Reason reason, String message) {
    move(phase, reason.name(), message);
  }

  /** Moves to {@code phase} as bad news (a Warning event). */
  void moveToWarning(Phase phase, Reason reason, String message) {
    moveTo(phase, reason, message);
    warning = true;
  }

  private void move(Phase phase, String reason, String message) {
    if (phase != status.getPhase()) {
      status.setPhaseStartedAt(now.toString());
    }
    record(phase, reason, message);
  }

  /** Stays in the phase with a new reason; recorded only when the reason changes. */
  void stay(Reason reason, String message, boolean bad) {
    message = Texts.message(message);
    if (reason.name().equals(status.getReason()) && message.equals(status.getMessage())) {
      return;
    }
    boolean reasonChanged = !reason.name().equals(status.getReason());
    status.setReason(reason.name());
    status.setMessage(message);
    if (reasonChanged) {
      record(status.getPhase(), reason.name(), message);
      warning = bad;
    }
  }

  /**
   * Ends the launch in {@code phase} (Succeeded or Reverted): records when, for the lane's
   * cooldown, and which revision reverted, for the postmortem gate.
   */
  void end(Phase phase, Reason reason, String message, boolean bad) {
    end(phase, reason.name(), message, bad);
  }

  /** As {@link #end}, under the reason the status already has (a revert ends with the reason it began with). */
  void endKeepingReason(Phase phase, String message, boolean bad) {
    end(phase, status.getReason(), message, bad);
  }

  private void end(Phase phase, String reason, String message, boolean bad) {
    status.setEndedAt(now.toString());
    if (phase == Phase.Reverted) {
      status.setLastRevertedRevision(status.getRevision());
    }
    move(phase, reason, message);
    warning |= bad;
  }

  /**
   * Adds a history entry (and an event) about something handled in the current phase, without
   * changing the phase, reason or message, e.g. a manual control that was ignored.
   */
  void note(Reason reason, String message, boolean bad) {
    Phase phase = status.getPhase();
    String keepReason = status.getReason();
    String keepMessage = status.getMessage();
    record(phase, reason.name(), message);
    status.setReason(keepReason);
    status.setMessage(keepMessage);
    warning = bad;
  }

  private void record(Phase phase, String reason, String message) {
    message = Texts.message(message);
    status.setPhase(phase);
    status.setReason(reason);
    status.setMessage(message);
    transition = new HistoryEntry(phase, reason, message, status.getRevision(), now.toString());
    List<HistoryEntry> history = new ArrayList<>(status.getHistory() == null ? List.of() : status.getHistory());
    history.add(transition);
    while (history.size() > HISTORY_LIMIT) {
      history.remove(0);
    }
    status.setHistory(history);
  }

  void effect(Effect effect) {
    effects.add(effect);
  }

  /** Wake up no later than {@code after} from now (the earliest request wins). */
  void wakeIn(Duration after) {
    if (after.isNegative()) {
      after = Duration.ZERO;
    }
    if (requeueAfter == null || after.compareTo(requeueAfter) < 0) {
      requeueAfter = after;
    }
  }

  /** Wake up no later than {@code at}. */
  void wakeAt(Instant at) {
    wakeIn(Duration.between(now, at));
  }

  Decision build() {
    return new Decision(status, List.copyOf(effects), requeueAfter, transition, warning);
  }
}
