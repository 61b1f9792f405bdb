package io.launchplan.gates;

import io.launchplan.api.Reason;
import java.time.Instant;

/**
 * What keeps a new launch Pending.
 *
 * @param reason the status reason, e.g. {@link Reason#LaneBusy}
 * @param message one human sentence for status, history and events
 * @param warning whether it is bad news (someone must act) rather than an expected wait
 * @param retryAt when the hold lifts by itself (a cooldown's end), or null when an event lifts it
 */
public record Hold(Reason reason, String message, boolean warning, Instant retryAt) implements Gates.Outcome {}
