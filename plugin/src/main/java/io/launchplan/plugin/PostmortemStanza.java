package io.launchplan.plugin;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.util.List;

/** The {@code spec.postmortem} a plan owes after a revert, as YAML to paste into its manifest (pure). */
final class PostmortemStanza {
  static final String CAUSE = "TODO: what made the revision fail";
  static final String IMPACT = "TODO: who or what was affected, for how long";
  static final String FIX = "TODO: what changes before the next revision";

  private PostmortemStanza() {}

  /** The reverted revision whose postmortem is owed, or null when none is. */
  static String owed(LaunchPlan plan) {
    LaunchPlanStatus s = plan.getStatus();
    if (s == null || s.getLastRevertedRevision() == null) {
      return null;
    }
    return s.getLastRevertedRevision().equals(s.getPostmortemAcceptedFor()) ? null : s.getLastRevertedRevision();
  }

  /** The history entry that decided the revert of {@code revision} (Reverting), else its Reverted entry, else null. */
  static HistoryEntry revert(LaunchPlan plan, String revision) {
    List<HistoryEntry> history = Timeline.of(plan);
    HistoryEntry reverted = null;
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEntry e = history.get(i);
      if (!revision.equals(e.getRevision())) {
        continue;
      }
      if (e.getPhase() == Phase.Reverting) {
        return e;
      }
      if (e.getPhase() == Phase.Reverted && reverted == null) {
        reverted = e;
      }
    }
    return reverted;
  }

  /** The stanza with the given texts (placeholders for those not given), commented with the revert. */
  static String of(LaunchPlan plan, String revision, String cause, String impact, String fix) {
    StringBuilder b = new StringBuilder();
    HistoryEntry revert = revert(plan, revision);
    b.append("# ").append(Plans.key(plan)).append(": revision ").append(revision).append(" was reverted");
    if (revert != null) {
      b.append(" at ").append(Timeline.seconds(revert.getAt())).append(" (").append(revert.getReason()).append(')');
    }
    b.append('\n');
    if (revert != null && revert.getMessage() != null) {
      b.append("# ").append(revert.getMessage().replace('\n', ' ')).append('\n');
    }
    b.append("spec:\n  postmortem:\n");
    b.append("    revision: ").append(PluginCommand.json(revision)).append('\n');
    b.append("    cause: ").append(PluginCommand.json(cause != null ? cause : CAUSE)).append('\n');
    b.append("    impact: ").append(PluginCommand.json(impact != null ? impact : IMPACT)).append('\n');
    b.append("    fix: ").append(PluginCommand.json(fix != null ? fix : FIX)).append('\n');
    return b.toString();
  }

  /** The merge patch that writes it. */
  static String patch(String revision, String cause, String impact, String fix) {
    return "{\"spec\":{\"postmortem\":{\"revision\":" + PluginCommand.json(revision) + ",\"cause\":" + PluginCommand.json(cause)
        + ",\"impact\":" + PluginCommand.json(impact) + ",\"fix\":" + PluginCommand.json(fix) + "}}}";
  }
}
