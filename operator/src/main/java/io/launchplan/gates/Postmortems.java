package io.launchplan.gates;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.PostmortemSpec;
import io.launchplan.api.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * After a launch ends Reverted, the plan's next revision waits until {@code spec.postmortem} names
 * the reverted revision ({@code status.lastRevertedRevision}) and gives a cause, an impact and a
 * fix. Once accepted, {@code status.postmortemAcceptedFor} remembers the revert it covered, so the
 * gate asks once per revert and a postmortem left in Git does not open the next one.
 */
final class Postmortems {
  private Postmortems() {}

  /**
   * A {@link Hold} while a postmortem is owed, the accepted postmortem when {@code spec.postmortem}
   * settles the debt, or null when nothing is owed.
   */
  static Gates.Outcome check(LaunchPlanSpec spec, LaunchPlanStatus status) {
    String reverted = status.getLastRevertedRevision();
    if (reverted == null || reverted.equals(status.getPostmortemAcceptedFor())) {
      return null;
    }
    String ask = "; add spec.postmortem {revision: " + reverted + ", cause, impact, fix} to launch again";
    PostmortemSpec pm = spec.getPostmortem();
    if (pm == null || blank(pm.getRevision())) {
      return new Hold(Reason.PostmortemRequired, "revision " + reverted + " was reverted" + ask, false, null);
    }
    if (!pm.getRevision().equals(reverted)) {
      String what = pm.getRevision().equals(status.getPostmortemAcceptedFor())
          ? "whose postmortem was already accepted; revision " + reverted + " has been reverted since"
          : "which is not the reverted revision " + reverted;
      return new Hold(Reason.InvalidPostmortem, "spec.postmortem names revision " + pm.getRevision() + ", " + what + ask,
          true, null);
    }
    List<String> missing = new ArrayList<>();
    if (blank(pm.getCause())) missing.add("cause");
    if (blank(pm.getImpact())) missing.add("impact");
    if (blank(pm.getFix())) missing.add("fix");
    if (!missing.isEmpty()) {
      return new Hold(Reason.PostmortemRequired, "spec.postmortem for revision " + reverted + " has no "
          + String.join(", ", missing) + ask, false, null);
    }
    return new Gates.PostmortemAccepted(reverted, "postmortem for reverted revision " + reverted
        + " accepted: cause: " + pm.getCause().strip() + "; impact: " + pm.getImpact().strip()
        + "; fix: " + pm.getFix().strip());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
