package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.CanarySpec;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** examples/policy.yaml, the procedure docs/policy.md walks through, as the operator reads it. */
class PolicyExampleTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static CombinedPolicy example() throws IOException {
    Path file = Path.of(System.getProperty("launchplan.repoRoot", "..")).resolve("examples/policy.yaml");
    LaunchPolicy p = new KubernetesSerialization().unmarshal(Files.readString(file), LaunchPolicy.class);
    return CombinedPolicy.of(List.of(new PolicyView(p.getMetadata().getName(), p.getSpec())));
  }

  private static Instant paris(String local) {
    return LocalDateTime.parse(local).atZone(PARIS).toInstant();
  }

  @Test
  void theExampleHasNothingTheOperatorCannotEvaluate() throws IOException {
    CombinedPolicy policy = example();

    assertThat(policy.errors()).isEmpty();
    assertThat(policy.names()).containsExactly("production-procedure");
    assertThat(policy.concurrencyLimits()).containsExactly(new CombinedPolicy.Rule<>(2, "production-procedure"));
  }

  @Test
  void businessHoursMondayToThursdayInParisWithHolidaysDenied() throws IOException {
    CombinedPolicy policy = example();

    assertThat(policy.window(paris("2026-06-04T10:00:00")).open()).as("a Thursday morning").isTrue();
    assertThat(policy.window(paris("2026-06-05T10:00:00")).open()).as("a Friday").isFalse();
    assertThat(policy.window(paris("2026-06-05T10:00:00")).nextChange()).isEqualTo(paris("2026-06-08T09:00"));
    assertThat(policy.window(paris("2029-05-01T10:00:00")).open()).as("May Day, a Tuesday in 2029").isFalse();
    assertThat(policy.window(paris("2026-12-23T17:00:00")).nextChange()).as("Wednesday: closes at 18:00")
        .isEqualTo(paris("2026-12-23T18:00"));
    assertThat(policy.window(paris("2026-12-23T20:00:00")).nextChange())
        .as("Thursday 24th to Thursday 31st are holidays: the first business day after them is Monday 4 January")
        .isEqualTo(paris("2027-01-04T09:00"));
  }

  @Test
  void aPlanWithAShortCanaryAndNoChecksIsHeldThenJudgedByTheRequiredOnes() throws IOException {
    CombinedPolicy policy = example();
    LaunchPlanSpec spec = new LaunchPlanSpec();
    CanarySpec canary = new CanarySpec();
    canary.setObserve("1m");
    spec.setCanary(canary);

    assertThat(policy.violations(spec)).extracting(PolicyViolation::rule)
        .as("rollout.observe defaults to 5m, which the policy accepts").containsExactly("minimums.canaryObserve");
    LaunchPlanSpec effective = policy.effectiveSpec(spec);
    assertThat(effective.analysisOrDefault().queriesOrEmpty()).extracting(AnalysisQuery::getName)
        .containsExactly("policy:production-procedure/http-5xx");
    assertThat(effective.analysisOrDefault().alertsOrEmpty()).singleElement()
        .satisfies(a -> assertThat(a.getMatchLabels()).containsEntry("severity", "critical"));
  }
}
