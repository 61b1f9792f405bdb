package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleSplitTest {
  @Test
  void activeAreCappedAtTheTotalAndTheRestIdle() {
    assertThat(ScaleBench.Split.of(10_000, 500)).isEqualTo(new ScaleBench.Split(500, 9_500));
    assertThat(ScaleBench.Split.of(300, 500)).isEqualTo(new ScaleBench.Split(300, 0));
    assertThat(ScaleBench.Split.of(10_000, 500).pods()).isEqualTo(10_500);
  }

  @Test
  void reconcileThreadsAreKnownByEitherName() {
    assertThat(ScaleBench.reconcileThread("reconcile-7")).isTrue();
    assertThat(ScaleBench.reconcileThread("ReconcilerExecutor-launchplan-399")).isTrue();
    assertThat(ScaleBench.reconcileThread("HttpClient-2-Worker-0")).isFalse();
  }

  @Test
  void scaleIsOptInWithItsOwnKnobs(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("op.jar"));
    BenchConfig defaults = BenchConfig.fromEnv(Map.of("BENCH_OPERATOR_JAR", jar.toString()));
    assertThat(defaults.phases()).doesNotContain("scale");
    assertThat(defaults.scaleSizes()).containsExactly(10_000);
    assertThat(defaults.scaleActive()).isEqualTo(500);
    assertThat(defaults.scaleIdlePods()).isFalse();
    BenchConfig c = BenchConfig.fromEnv(Map.of("BENCH_OPERATOR_JAR", jar.toString(), "BENCH_PHASES", "scale",
        "BENCH_SCALE", "1000,3000", "BENCH_SCALE_ACTIVE", "100", "BENCH_SCALE_IDLE_PODS", "1"));
    assertThat(c.scaleIdlePods()).isTrue();
    assertThat(c.phases()).containsExactly("scale");
    assertThat(c.scaleSizes()).containsExactly(1000, 3000);
    assertThat(c.scaleActive()).isEqualTo(100);
    assertThatThrownBy(() -> BenchConfig.fromEnv(Map.of("BENCH_OPERATOR_JAR", jar.toString(), "BENCH_SCALE_ACTIVE", "0")))
        .hasMessageContaining("BENCH_SCALE_ACTIVE");
  }
}
