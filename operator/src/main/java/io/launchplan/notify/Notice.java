package io.launchplan.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;

/**
 * What a webhook receives about one transition, as JSON:
 * <pre>{"plan":"checkout","namespace":"shop","revision":"5d8c7f9b","phase":"Canary",
 *  "reason":"LaunchStarted","message":"launching revision ...","at":"2025-...Z",
 *  "text":":rocket: shop/checkout revision 5d8c7f9b: Canary — launching revision ..."}</pre>
 * {@code text} is one line a Slack (or Mattermost, Rocket.Chat) incoming webhook shows as is.
 */
public record Notice(String plan, String namespace, String revision, String phase, String reason, String message,
    String at, String text) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Chat messages stay readable; the full message is in {@code message}. */
  static final int TEXT_MESSAGE_LIMIT = 300;

  /**
   * The notice for {@code transition} of {@code plan}, or null when people are not told of it:
   * they hear of the start (Canary), promotion (RollingOut), pauses and freezes (Paused, and
   * Pending held by a freeze), the revert (Reverting, Reverted) and success (Succeeded).
   */
  public static Notice of(LaunchPlan plan, HistoryEntry transition) {
    String emoji = emoji(transition.getPhase(), transition.getReason());
    if (emoji == null) {
      return null;
    }
    String ns = plan.getMetadata().getNamespace();
    String name = plan.getMetadata().getName();
    String revision = transition.getRevision() != null ? transition.getRevision() : "";
    String message = transition.getMessage() != null ? transition.getMessage() : "";
    String phase = transition.getPhase().name();
    String reason = transition.getReason() != null ? transition.getReason() : "";
    Phase p = transition.getPhase();
    boolean plain = p == Phase.Canary || p == Phase.RollingOut || p == Phase.Succeeded || reason.isEmpty();
    String shown = plain ? phase : phase + " (" + reason + ")";
    String text = emoji + " " + ns + "/" + name + (revision.isEmpty() ? "" : " revision " + revision) + ": " + shown
        + (message.isEmpty() ? "" : " — " + oneLine(message));
    return new Notice(name, ns, revision, phase, reason, message, transition.getAt(), slackEscape(text));
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String emoji(Phase phase, String reason) {
    if ("Frozen".equals(reason) && (phase == Phase.Paused || phase == Phase.Pending)) {
      return ":snowflake:";
    }
    if (phase == Phase.Pending) {
      // Held by a LaunchPolicy: announced once, like a freeze (a new hold is a new history entry).
      String held = switch (reason == null ? "" : reason) {
        case "PolicyViolation" -> ":no_entry:";
        case "PolicyInvalid" -> ":warning:";
        case "OutsideLaunchWindow" -> ":clock3:";
        // LaunchApprovals: waiting for them (with who may approve), and who approved.
        case "ApprovalRequired" -> ":raised_hand:";
        case "Approved" -> ":ballot_box_with_check:";
        default -> null;
      };
      if (held != null) {
        return held;
      }
    }
    return switch (phase) {
      case Canary -> ":rocket:";
      case RollingOut -> ":ship:";
      case Paused -> ":double_vertical_bar:";
      case Reverting -> ":rewind:";
      case Reverted -> ":leftwards_arrow_with_hook:";
      case Succeeded -> ":white_check_mark:";
      case Pending, Observing, Verifying -> null;
    };
  }

  private static String oneLine(String message) {
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= TEXT_MESSAGE_LIMIT ? line : line.substring(0, TEXT_MESSAGE_LIMIT - 1) + "…";
  }

  /** Slack reads {@code <...>} as links and mentions; its docs ask for these three escapes. */
  private static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
