package io.launchplan.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the probes answer for each state of the controller. */
class HealthVerdictsTest {
  private static final String NOT_WATCHING = "launchplan/ControllerEventSource: informer for namespace shop, not watching";

  @Test
  void startingControllerIsNeitherLiveNorReady() {
    var s = new ControllerState(false, false, false, true, List.of());
    assertThat(HealthVerdicts.liveness(s).status()).isEqualTo(503);
    assertThat(HealthVerdicts.readiness(s).status()).isEqualTo(503);
    assertThat(HealthVerdicts.readiness(s).body()).contains("has not started");
  }

  @Test
  void runningControllerWithHealthyInformersIsLiveAndReady() {
    var s = new ControllerState(true, false, false, true, List.of());
    assertThat(HealthVerdicts.liveness(s).status()).isEqualTo(200);
    assertThat(HealthVerdicts.readiness(s).status()).isEqualTo(200);
    assertThat(HealthVerdicts.readiness(s).body()).startsWith("ok:").doesNotContain("leader");
  }

  @Test
  void unhealthyInformerMakesNotReadyButStaysLive() {
    var s = new ControllerState(true, false, false, true, List.of(NOT_WATCHING));
    assertThat(HealthVerdicts.liveness(s).status()).as("a restart would not bring the API server back").isEqualTo(200);
    var ready = HealthVerdicts.readiness(s);
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).startsWith("unhealthy: 1 event source is not healthy").contains(NOT_WATCHING);
  }

  @Test
  void standbyIsLiveAndReadyAndSaysSo() {
    var s = new ControllerState(true, false, true, false, List.of());
    assertThat(HealthVerdicts.liveness(s).status()).isEqualTo(200);
    assertThat(HealthVerdicts.readiness(s).status()).isEqualTo(200);
    assertThat(HealthVerdicts.readiness(s).body()).contains("standby (waiting for the lease)");
    assertThat(HealthVerdicts.readiness(new ControllerState(true, false, true, true, List.of())).body())
        .contains("leader (holds the lease)");
  }

  @Test
  void stoppingOperatorIsNeitherLiveNorReady() {
    var s = new ControllerState(true, true, false, true, List.of());
    assertThat(HealthVerdicts.liveness(s).status()).isEqualTo(503);
    assertThat(HealthVerdicts.readiness(s).body()).contains("stopping");
  }
}
