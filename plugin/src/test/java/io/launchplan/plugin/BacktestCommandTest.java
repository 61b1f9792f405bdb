package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtest}'s usage errors and its exits before any Prometheus is asked. */
class BacktestCommandTest {
  @Test
  void neitherOrBothOfPlanAndFileIsBadUsage() {
    MainTest.Run none = MainTest.run("backtest");
    assertThat(none.code()).isEqualTo(64);
    assertThat(none.err()).contains("error: name a PLAN or give -f FILE (one of them)",
        "See 'kubectl launchplan backtest --help' for usage.");
    assertThat(MainTest.run("backtest", "web", "-f", "plan.yaml").code()).isEqualTo(64);
    assertThat(MainTest.run("backtest", "web", "-o", "yaml").err()).contains("-o must be json");
    assertThat(MainTest.run("backtest", "web", "--since", "1d").code()).isEqualTo(64);
  }

  @Test
  void anUnreadableOrWrongFileIsAnError(@TempDir Path dir) throws Exception {
    Path kubeconfig = MainTest.deadKubeconfig(dir);
    MainTest.Run missing = MainTest.run("--kubeconfig", kubeconfig.toString(), "backtest", "-f", dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("error: cannot read " + dir.resolve("nope.yaml"));
    Path notAPlan = dir.resolve("cm.yaml");
    Files.writeString(notAPlan, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    MainTest.Run wrong = MainTest.run("--kubeconfig", kubeconfig.toString(), "backtest", "-f", notAPlan.toString());
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err()).contains("is not a LaunchPlan");
  }

  @Test
  void aPlanWithoutChecksHasNothingToBacktest(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.yaml");
    Files.writeString(plan, """
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: web, namespace: shop}
        spec:
          targetRef: {name: web}
          template: {spec: {containers: [{name: app, image: web:2}]}}
        """);
    MainTest.Run r = MainTest.run("--kubeconfig", MainTest.deadKubeconfig(dir).toString(), "backtest", "-f", plan.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error: shop/web has no analysis queries or alerts to backtest");
  }
}
