package io.launchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD people install is the one committed in {@code crds/} (and copied into the Helm chart);
 * the build generates it from the Java types. This test fails as soon as the two drift apart.
 */
class CrdUpToDateTest {
  /** Where fabric8's crd-generator-maven-plugin writes them (process-classes, so before the tests). */
  private static final String GENERATED = "META-INF/fabric8/";

  @ParameterizedTest
  @ValueSource(strings = {"launchplans.launchplan.io-v1.yml", "launchpolicies.launchplan.io-v1.yml",
      "launchapprovals.launchplan.io-v1.yml"})
  void committedCrdMatchesTheGeneratedOne(String file) throws IOException {
    Path committed = repoRoot().resolve("crds").resolve(file);

    assertThat(committed).as("crds/%s is missing: run `make crds`", file).exists();
    assertUpToDate(file, "crds/" + file, read(committed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"launchplans.launchplan.io-v1.yml", "launchpolicies.launchplan.io-v1.yml",
      "launchapprovals.launchplan.io-v1.yml"})
  void helmChartCrdMatchesTheGeneratedOne(String file) throws IOException {
    Path chartCrds = repoRoot().resolve("helm/launchplan-operator/crds");
    if (!Files.isDirectory(chartCrds)) {
      return; // no chart yet: nothing to keep in step
    }
    Path committed = chartCrds.resolve(file);

    assertThat(committed).as("helm/launchplan-operator/crds/%s is missing: run `make crds`", file).exists();
    assertUpToDate(file, "helm/launchplan-operator/crds/" + file, read(committed));
  }

  /** Fails naming the first line that differs, rather than printing two 8 KB files. */
  private static void assertUpToDate(String file, String name, String committed) throws IOException {
    String generated = generated(file);
    if (committed.equals(generated)) {
      return;
    }
    String[] ours = committed.split("\n", -1);
    String[] built = generated.split("\n", -1);
    int line = 0;
    while (line < ours.length && line < built.length && ours[line].equals(built[line])) {
      line++;
    }
    fail("%s differs from the CRD generated from the Java types: run `make crds` and commit the result."
        + "%nFirst difference at line %d:%n  committed: %s%n  generated: %s", name, line + 1,
        line < ours.length ? ours[line].strip() : "<end of file>",
        line < built.length ? built[line].strip() : "<end of file>");
  }

  private static Path repoRoot() {
    String root = System.getProperty("launchplan.repoRoot");
    assertThat(root).as("system property launchplan.repoRoot (set by surefire)").isNotBlank();
    return Path.of(root);
  }

  private static String generated(String file) throws IOException {
    try (InputStream in = CrdUpToDateTest.class.getClassLoader().getResourceAsStream(GENERATED + file)) {
      assertThat(in).as("%s is not on the test class path: the crd-generator-maven-plugin did not run", GENERATED + file)
          .isNotNull();
      return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String read(Path file) throws IOException {
    return normalise(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A checkout with CRLF line endings is not a different CRD. */
  private static String normalise(String yaml) {
    return yaml.replace("\r\n", "\n");
  }
}
