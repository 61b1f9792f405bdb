package io.launchplan.plugin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestGuardTest {
  private final RequestGuard guard = new RequestGuard(8790, "secret");

  @Test
  void readsAnsweredOnlyUnderTheServersOwnHostName() {
    assertThat(guard.refuse("GET", "127.0.0.1:8790", null, null)).isNull();
    assertThat(guard.refuse("GET", "localhost:8790", null, null)).isNull();
    assertThat(guard.refuse("GET", "rebound.example:8790", null, null)).contains("unexpected Host header");
    assertThat(guard.refuse("GET", null, null, null)).contains("unexpected Host header");
  }

  @Test
  void aPostNeedsTheTokenAndNoForeignOrigin() {
    assertThat(guard.refuse("POST", "127.0.0.1:8790", "http://127.0.0.1:8790", "secret")).isNull();
    assertThat(guard.refuse("POST", "127.0.0.1:8790", null, "secret")).isNull();
    assertThat(guard.refuse("POST", "127.0.0.1:8790", "http://127.0.0.1:8790", null)).contains("X-Dashboard-Token");
    assertThat(guard.refuse("POST", "127.0.0.1:8790", "http://127.0.0.1:8790", "guess")).contains("X-Dashboard-Token");
    assertThat(guard.refuse("POST", "127.0.0.1:8790", "https://evil.example", "secret")).contains("cross-site request from https://evil.example");
    assertThat(guard.refuse("POST", "127.0.0.1:8790", "null", "secret")).contains("cross-site");
  }

  @Test
  void eachProcessHasItsOwnToken() {
    assertThat(RequestGuard.newToken()).hasSize(48).isNotEqualTo(RequestGuard.newToken());
  }
}
