package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.launchplan.api.CanaryStatus;
import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanListingTest {
  /** Every kind of row the table shows: held by a freeze, a lane, a postmortem, an older generation; running; new. */
  private static List<LaunchPlan> plans() {
    LaunchPlan frozen = Fixtures.plan("frozen", Phase.Paused, "Frozen", "launches are frozen");
    frozen.getStatus().setFreeze(new FreezeStatus());
    frozen.getStatus().getFreeze().setBy("namespace shop");
    frozen.getStatus().getFreeze().setReason("INC-42");
    LaunchPlan lane = Fixtures.plan("lane", Phase.Pending, "LaneBusy", "waiting in lane shop behind checkout");
    lane.getSpec().setLane("shop-lane");
    LaunchPlan owed = Fixtures.plan("owed", Phase.Pending, "PostmortemRequired", "a postmortem is owed");
    owed.getStatus().setLastRevertedRevision("5d8c7f9b1a");
    LaunchPlan older = Fixtures.plan("older", Phase.Succeeded, "Verified", "verified");
    older.getMetadata().setGeneration(2L);
    LaunchPlan running = Fixtures.plan("running", Phase.Observing, "CanaryReady", "observing for 2m");
    running.getStatus().setCanary(new CanaryStatus());
    running.getStatus().getCanary().setSummary("1/1");
    running.getStatus().getHistory().add(Fixtures.entry(Phase.Canary, "LaunchStarted", "launching", "2026-12-01T11:58:00.000Z"));
    return List.of(frozen, lane, owed, older, running, Fixtures.plan("new", null, null, null));
  }

  @Test
  void theTableOfTheFastListIsTheTableOfTheWholePlans() throws Exception {
    DefaultKubernetesResourceList<LaunchPlan> list = new DefaultKubernetesResourceList<>();
    list.setItems(plans());
    String json = Kube.serialization().asJson(list);

    List<LaunchPlan> read = PlanListing.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(PlanTable.of(read, true, Fixtures.NOW).render()).isEqualTo(PlanTable.of(plans(), true, Fixtures.NOW).render());
    assertThat(read).extracting(PlanTable::identity).isEqualTo(plans().stream().map(PlanTable::identity).toList());
  }

  @Test
  void whatTheTableDoesNotShowIsNotRead() throws Exception {
    DefaultKubernetesResourceList<LaunchPlan> list = new DefaultKubernetesResourceList<>();
    list.setItems(plans());
    String json = Kube.serialization().asJson(list);

    LaunchPlan running = PlanListing.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).get(4);

    assertThat(running.getMetadata().getName()).isEqualTo("running");
    assertThat(running.getSpec().getTemplate()).isNull();
    assertThat(running.getStatus().getHistory()).isEmpty();
  }
}
