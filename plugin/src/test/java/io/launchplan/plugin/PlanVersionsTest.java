package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import org.junit.jupiter.api.Test;

class PlanVersionsTest {
  private static LaunchPlan at(String name, String version) {
    LaunchPlan p = Fixtures.plan(name, Phase.Observing, "CanaryReady", "observing");
    p.getMetadata().setResourceVersion(version);
    return p;
  }

  @Test
  void theSameVersionAgainOrAnOlderOneIsNotNews() {
    PlanVersions v = new PlanVersions();
    assertThat(v.isNew(at("web", "11"))).isTrue();
    assertThat(v.isNew(at("web", "11"))).as("the first list's plan handed over again").isFalse();
    assertThat(v.isNew(at("web", "10"))).as("an event queued before the version read from the store").isFalse();
    assertThat(v.isNew(at("web", "12"))).isTrue();
    assertThat(v.isNew(at("api", "5"))).as("per plan").isTrue();
  }

  @Test
  void aPlanDeletedAndCreatedAgainStartsAfresh() {
    PlanVersions v = new PlanVersions();
    v.isNew(at("web", "12"));
    v.forget(at("web", "13"));
    assertThat(v.isNew(at("web", "3"))).isTrue();
  }

  @Test
  void versionsThatAreNotNumbersAreNewsWhenTheyDiffer() {
    PlanVersions v = new PlanVersions();
    assertThat(v.isNew(at("web", "a1"))).isTrue();
    assertThat(v.isNew(at("web", "a1"))).isFalse();
    assertThat(v.isNew(at("web", "b0"))).isTrue();
  }
}
