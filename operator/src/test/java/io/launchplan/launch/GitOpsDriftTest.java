package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.EDITED;
import static io.launchplan.launch.Fixtures.REPLICAS;
import static io.launchplan.launch.Fixtures.STABLE;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GitOps drift: a GitOps tool (or anyone) changing the target's template under a launch holds it as
 * TargetModified, and the plan names the field manager and the direction in status.drift and the
 * GitOpsDrift condition.
 */
class GitOpsDriftTest {
  private static final TemplateWriter ARGO = new TemplateWriter("argocd-controller", "Apply", "2025-01-01T12:00:30Z");
  private final LaunchDecider decider = new LaunchDecider();

  static Stream<Arguments> drifts() {
    return Stream.of(
        // Argo CD self-heal writes Git's copy (the stable template) over the rollout.
        arguments("synced back in RollingOut", Phase.RollingOut, STABLE, STABLE, "Back"),
        arguments("synced back in Verifying", Phase.Verifying, STABLE, STABLE, "Back"),
        // Git's copy applied over the launch leaves the operator's revision stamp, which Git does not set.
        arguments("synced back keeping the stamp", Phase.Verifying, "1111111111", STABLE, "Back"),
        // A new image committed to the Deployment itself while the canary is observed.
        arguments("another template in Observing", Phase.Observing, EDITED, EDITED, "Other"),
        arguments("another template in Verifying", Phase.Verifying, EDITED, EDITED, "Other"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drifts")
  void templateChangedByAGitOpsToolHoldsTheLaunchAndNamesTheFieldManager(String name, Phase phase, String hash,
      String unstamped, String direction) {
    TargetView drifted = new TargetView(REPLICAS, hash, null, true, false, ARGO, unstamped);
    Decision d = decider.decide(spec(), status(phase, T0), world(phase, at(s(40))).target(drifted).observe());

    assertThat(d.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(d.status().getReason()).isEqualTo("TargetModified");
    assertThat(d.status().getMessage()).contains("by field manager argocd-controller (Apply at 2025-01-01T12:00:30Z)");
    assertThat(d.status().getDrift().getManager()).isEqualTo("argocd-controller");
    assertThat(d.status().getDrift().getOperation()).isEqualTo("Apply");
    assertThat(d.status().getDrift().getDirection()).isEqualTo(direction);
    assertThat(d.effects()).as("nothing is written back").isEmpty();

    Conditions.apply(d.status(), 1, at(s(40)), null, false);
    Condition c = Conditions.find(d.status(), GitOpsDrift.CONDITION);
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo("TargetModified");
    assertThat(c.getMessage()).startsWith("field manager argocd-controller (Apply at 2025-01-01T12:00:30Z) changed")
        .contains(direction.equals("Back") ? "back to the one it had before the launch" : "neither the stable one");
  }

  @Test
  void driftGoneLeavesTheConditionFalse() {
    TargetView drifted = new TargetView(REPLICAS, STABLE, null, true, false, ARGO, STABLE);
    Decision held = decider.decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, at(s(40))).target(drifted)
        .observe());
    Conditions.apply(held.status(), 1, at(s(40)), null, false);

    // Someone restores the launched template: the launch resumes and the drift is over.
    LaunchPlanStatus paused = held.status();
    Decision resumed = decider.decide(spec(), paused, world(Phase.Verifying, at(s(60))).observe());
    Conditions.apply(resumed.status(), 1, at(s(60)), null, false);

    assertThat(resumed.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(resumed.status().getDrift()).isNull();
    assertThat(Conditions.find(resumed.status(), GitOpsDrift.CONDITION).getStatus()).isEqualTo("False");
    assertThat(Conditions.find(resumed.status(), GitOpsDrift.CONDITION).getReason()).isEqualTo("NoDrift");
  }

  @Test
  void theWriterIsLookedUpOnlyWhileTheTemplateLooksChangedBySomeoneElse() {
    TargetView edited = new TargetView(REPLICAS, EDITED, null, true, false);

    assertThat(GitOpsDrift.suspected(edited, status(Phase.Observing, T0))).isTrue();
    assertThat(GitOpsDrift.suspected(Fixtures.stableTarget(), status(Phase.Observing, T0))).isFalse();
    assertThat(GitOpsDrift.suspected(edited, status(Phase.Pending, T0))).as("no launch, no drift").isFalse();
    assertThat(GitOpsDrift.writtenBy(edited, ARGO).templateWriter()).isEqualTo(ARGO);
  }

  @Test
  void planThatNeverDriftedHasNoDriftCondition() {
    Decision d = decider.decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(10))).observe());
    Conditions.apply(d.status(), 1, at(s(10)), null, false);

    assertThat(Conditions.find(d.status(), GitOpsDrift.CONDITION)).isNull();
    assertThat(d.status().getDrift()).isNull();
  }

  @Test
  void unknownWriterStillReportsTheDrift() {
    TargetView drifted = new TargetView(REPLICAS, EDITED, null, true, false, null, EDITED);
    Decision d = decider.decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(40))).target(drifted)
        .observe());
    Conditions.apply(d.status(), 1, at(s(40)), null, false);

    assertThat(d.status().getDrift().getManager()).isNull();
    assertThat(Conditions.find(d.status(), GitOpsDrift.CONDITION).getMessage())
        .startsWith("a writer the managedFields do not name");
  }
}
