package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The reusable host allow-list (Prometheus URLs today, web checks next); PrometheusUrlsTest covers its use there. */
class UrlAllowListTest {
  @Test
  void emptyAllowsAnyHost() {
    assertThat(UrlAllowList.parse(null).allows(URI.create("https://anything.example:1234/x"))).isTrue();
    assertThat(UrlAllowList.parse("  ").allowsAny()).isTrue();
    assertThat(UrlAllowList.ANY.toString()).isEqualTo("any");
  }

  @Test
  void hostsPortsAndSuffixes() {
    UrlAllowList list = UrlAllowList.parse("prometheus.monitoring:9090, *.monitoring.svc, [::1]");

    assertThat(list.allows(URI.create("http://prometheus.monitoring:9090"))).isTrue();
    assertThat(list.allows(URI.create("http://prometheus.monitoring:9091"))).isFalse();
    assertThat(list.allows(URI.create("https://thanos.monitoring.svc"))).isTrue();
    assertThat(list.allows(URI.create("https://monitoring.svc"))).as("the suffix itself is not under it").isFalse();
    assertThat(list.allows(URI.create("http://[::1]:80"))).isTrue();
    assertThat(list.allows(URI.create("http://evil.example"))).isFalse();
    assertThat(list).hasToString("prometheus.monitoring:9090, *.monitoring.svc, [::1]");
  }

  @Test
  void malformedEntriesAreNamed() {
    assertThatThrownBy(() -> UrlAllowList.parse("a,,b")).hasMessageContaining("empty entry");
    assertThatThrownBy(() -> UrlAllowList.parse("host:99999")).hasMessageContaining("'host:99999': the port");
    assertThatThrownBy(() -> UrlAllowList.parse("prom/x")).hasMessageContaining("'prom/x' must be host, host:port or *.suffix");
  }
}
