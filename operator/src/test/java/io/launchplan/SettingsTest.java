package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file under the environment, and the messages a bad setting gets. */
class SettingsTest {
  private static final String FILE = "/etc/launchplan/settings.yaml";

  @Test
  void theFileSetsWhatTheEnvironmentDoesNot() {
    Settings s = Settings.of(Map.of("LAUNCHPLAN_METRICS_PORT", "9090", "HOSTNAME", "pod-1", "LAUNCHPLAN_RECEIVER_PORT", "0"), FILE, """
        LAUNCHPLAN_PROMETHEUS_URL: http://prom.monitoring:9090
        LAUNCHPLAN_METRICS_PORT: 8080
        LAUNCHPLAN_LEADER_ELECTION: true
        LAUNCHPLAN_NAMESPACES: shop,payments
        """);
    OperatorConfig c = OperatorConfig.fromEnv(s.values());
    assertThat(c.prometheusUrl()).hasToString("http://prom.monitoring:9090");
    assertThat(c.metricsPort()).as("the environment wins").isEqualTo(9090);
    assertThat(c.namespaces()).containsExactlyInAnyOrder("shop", "payments");
    assertThat(LeaderElection.fromEnv(s.values()).enabled()).isTrue();
    assertThat(s.values()).as("other variables pass through").containsEntry("HOSTNAME", "pod-1");
    assertThat(s.origin("LAUNCHPLAN_PROMETHEUS_URL")).isEqualTo("file " + FILE);
    assertThat(s.origin("LAUNCHPLAN_METRICS_PORT")).isEqualTo("environment variable");
    assertThat(s.origin("LAUNCHPLAN_QUERY_TIMEOUT")).isNull();
  }

  @Test
  void aBlankVariableLeavesTheFilesValue() {
    Settings s = Settings.of(Map.of("LAUNCHPLAN_NAMESPACES", " ", "LAUNCHPLAN_RECEIVER_PORT", "0"), FILE, "LAUNCHPLAN_NAMESPACES: shop\n");
    assertThat(OperatorConfig.fromEnv(s.values()).namespaces()).containsExactly("shop");
  }

  @Test
  void anUnknownKeyInTheFileIsAnErrorNamingItWithASuggestion() {
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "LAUNCHPLAN_PROMETHEUS_ULR: http://x:9090\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LAUNCHPLAN_CONFIG_FILE")
        .hasMessageContaining(FILE)
        .hasMessageContaining("'LAUNCHPLAN_PROMETHEUS_ULR'")
        .hasMessageContaining("did you mean LAUNCHPLAN_PROMETHEUS_URL?");
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "prometheusUrl: http://x:9090\n"))
        .hasMessageContaining("'prometheusUrl', which is not a setting");
  }

  @Test
  void theFileMustBeAFlatMappingWithoutDuplicatesOrSecrets() {
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "- LAUNCHPLAN_METRICS_PORT\n"))
        .hasMessageContaining("must be a mapping");
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "LAUNCHPLAN_NAMESPACES: [a, b]\n"))
        .hasMessageContaining("LAUNCHPLAN_NAMESPACES to a array").hasMessageContaining("comma-separated");
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "LAUNCHPLAN_METRICS_PORT: 1\nLAUNCHPLAN_METRICS_PORT: 2\n"))
        .hasMessageContaining("not valid YAML").hasMessageContaining("LAUNCHPLAN_METRICS_PORT");
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "LAUNCHPLAN_RECEIVER_TOKEN: hunter2\n"))
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_TOKEN: a secret does not belong in a ConfigMap")
        .message().doesNotContain("hunter2");
    assertThatThrownBy(() -> Settings.of(Map.of(), FILE, "LAUNCHPLAN_METRICS_PORT: [\n"))
        .hasMessageContaining("not valid YAML");
    assertThat(Settings.of(Map.of(), FILE, "# nothing set\n").values()).isEmpty();
    assertThat(Settings.of(Map.of(), FILE, "LAUNCHPLAN_LABEL_SELECTOR:\n").values()).isEmpty();
  }

  @Test
  void aMissingFileIsAnErrorNamingTheVariable() {
    assertThatThrownBy(() -> Settings.load(Map.of("LAUNCHPLAN_CONFIG_FILE", "/nonexistent/settings.yaml")))
        .hasMessageStartingWith("LAUNCHPLAN_CONFIG_FILE: cannot read '/nonexistent/settings.yaml'");
  }

  @Test
  void loadReadsTheFileNamedByTheVariable(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("settings.yaml"), "LAUNCHPLAN_RECONCILE_CONCURRENCY: 3\nLAUNCHPLAN_RECEIVER_PORT: 0\n");
    Settings s = Settings.load(Map.of("LAUNCHPLAN_CONFIG_FILE", file.toString()));
    assertThat(OperatorConfig.fromEnv(s.values()).concurrency()).isEqualTo(3);
  }

  @Test
  void aBadValueIsExplainedWithWhereItWasSet() {
    Settings s = Settings.of(Map.of("LAUNCHPLAN_RECEIVER_TOKEN", "t"), FILE, """
        LAUNCHPLAN_METRICS_PORT: abc
        LAUNCHPLAN_RECEIVER_TOKEN_SECRET: ns/name/key
        """);
    IllegalArgumentException port = catchIae(() -> OperatorConfig.fromEnv(s.values()));
    assertThat(s.explain(port)).isEqualTo("LAUNCHPLAN_METRICS_PORT: 'abc' is not a number"
        + " (LAUNCHPLAN_METRICS_PORT from the file " + FILE + ")");

    Settings both = Settings.of(Map.of("LAUNCHPLAN_RECEIVER_TOKEN", "t"), FILE,
        "LAUNCHPLAN_RECEIVER_TOKEN_SECRET: ns/name/key\n");
    IllegalArgumentException twice = catchIae(() -> OperatorConfig.fromEnv(both.values()));
    assertThat(both.explain(twice)).endsWith("(LAUNCHPLAN_RECEIVER_TOKEN_SECRET from the file " + FILE
        + "; LAUNCHPLAN_RECEIVER_TOKEN from the environment variable)");

    Settings env = Settings.of(Map.of("LAUNCHPLAN_LEASE_DURATION", "1s"), null, null);
    assertThat(env.explain(catchIae(() -> LeaderElection.fromEnv(env.values()))))
        .endsWith("(LAUNCHPLAN_LEASE_DURATION from the environment variable)");
  }

  @Test
  void theLeaseNameIsASetting() {
    assertThat(LeaderElection.fromEnv(Map.of()).leaseName()).isEqualTo("launchplan-operator");
    assertThat(LeaderElection.fromEnv(Map.of("LAUNCHPLAN_LEASE_NAME", "launchplan-operator-a")).leaseName())
        .isEqualTo("launchplan-operator-a");
    assertThatThrownBy(() -> LeaderElection.fromEnv(Map.of("LAUNCHPLAN_LEASE_NAME", "Shard_A")))
        .hasMessageStartingWith("LAUNCHPLAN_LEASE_NAME: 'Shard_A' is not a Lease name");
  }

  /** Every LAUNCHPLAN_ name the operator's code mentions is a known setting, and every known setting is documented. */
  @Test
  void everySettingInTheCodeIsKnownAndDocumented() throws IOException {
    Path root = Path.of(System.getProperty("launchplan.repoRoot", ".."));
    Pattern name = Pattern.compile("\"(LAUNCHPLAN_[A-Z_]+)\"");
    Set<String> inCode = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root.resolve("operator/src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = name.matcher(Files.readString(f));
        while (m.find()) {
          inCode.add(m.group(1));
        }
      }
    }
    assertThat(Settings.KNOWN).as("Settings.KNOWN").containsAll(inCode);
    String docs = Files.readString(root.resolve("docs/configuration.md"));
    assertThat(Settings.KNOWN).allSatisfy(s -> assertThat(docs).as("docs/configuration.md").contains("`" + s + "`"));
  }

  private static IllegalArgumentException catchIae(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e;
    }
    throw new AssertionError("no IllegalArgumentException");
  }
}
