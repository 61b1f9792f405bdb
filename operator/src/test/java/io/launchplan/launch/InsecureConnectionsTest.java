package io.launchplan.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.PrometheusSpec;
import io.launchplan.api.TlsSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InsecureConnectionsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static LaunchPlanSpec spec(Boolean insecure) {
    PrometheusSpec prometheus = new PrometheusSpec();
    prometheus.setUrl("https://prometheus.monitoring:9091");
    TlsSpec tls = new TlsSpec();
    tls.setInsecureSkipVerify(insecure);
    prometheus.setTls(tls);
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setPrometheus(prometheus);
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setAnalysis(analysis);
    return spec;
  }

  @Test
  void insecureSkipVerifyIsALoudConditionKeptAsFalseOnceFixed() {
    LaunchPlanStatus status = new LaunchPlanStatus();
    InsecureConnections.apply(status, spec(true), 3, NOW);

    assertThat(Conditions.find(status, InsecureConnections.TYPE)).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("InsecureSkipVerify");
      assertThat(c.getMessage()).contains("https://prometheus.monitoring:9091 is not checked");
    });

    InsecureConnections.apply(status, spec(false), 4, NOW.plusSeconds(5));
    assertThat(Conditions.find(status, InsecureConnections.TYPE).getStatus()).isEqualTo("False");
  }

  @Test
  void aPlanThatNeverSkippedVerificationHasNoSuchCondition() {
    LaunchPlanStatus status = new LaunchPlanStatus();
    InsecureConnections.apply(status, spec(null), 1, NOW);
    assertThat(Conditions.find(status, InsecureConnections.TYPE)).isNull();
  }

  @Test
  void aWebCheckWithoutCertificateChecksIsFlaggedNamingItsHostOnly() {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    AnalysisSpec analysis = new AnalysisSpec();
    io.launchplan.api.WebCheck web = new io.launchplan.api.WebCheck();
    web.setName("smoke");
    web.setUrl("https://checkout.shop:8443/smoke?token=abc");
    TlsSpec tls = new TlsSpec();
    tls.setInsecureSkipVerify(true);
    web.setTls(tls);
    analysis.setWeb(java.util.List.of(web));
    spec.setAnalysis(analysis);
    LaunchPlanStatus status = new LaunchPlanStatus();
    InsecureConnections.apply(status, spec, 2, NOW);
    assertThat(Conditions.find(status, InsecureConnections.TYPE)).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).contains("spec.analysis.web[smoke].tls.insecureSkipVerify is true: the certificate of "
          + "https://checkout.shop:8443 is not checked").doesNotContain("token");
    });
  }
}
