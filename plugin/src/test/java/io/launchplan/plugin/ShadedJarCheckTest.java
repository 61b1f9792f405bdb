package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.plugin.ShadedJarCheck.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar's check: jdeps' output read, the optional references allowed, the others refused. */
class ShadedJarCheckTest {
  /** Lines of what jdeps printed for a build whose shade filter missed two operator classes. */
  private static final String OUTPUT = """
      kubectl-launchplan.jar -> not found
         com.cronutils.validation.Cron                      -> javax.validation.Constraint                        not found
         com.jayway.jsonpath.spi.json.GsonJsonProvider      -> com.google.gson.Gson                               not found
         com.jayway.jsonpath.spi.json.JakartaJsonProvider$1 -> jakarta.json.JsonValue                             not found
         com.jayway.jsonpath.spi.mapper.JakartaMappingProvider$JsonStructureToParserAdapter -> jakarta.json.stream.JsonParser                      not found
         io.fabric8.kubernetes.client.dsl.internal.uploadable.PodUpload -> org.apache.commons.compress.archivers.tar.TarArchiveEntry not found
         io.launchplan.analysis.FreezeAlerts                -> io.launchplan.gates.Freeze                         not found
         io.launchplan.cluster.PrometheusConnections        -> io.launchplan.cluster.HttpConnections              not found
      kubectl-launchplan.jar -> not found
      """;

  @Test
  void readsEveryReferenceOfJdepsOutput() {
    List<Reference> refs = ShadedJarCheck.missing(OUTPUT);
    assertThat(refs).hasSize(7);
    assertThat(refs.get(3)).isEqualTo(new Reference(
        "com.jayway.jsonpath.spi.mapper.JakartaMappingProvider$JsonStructureToParserAdapter", "jakarta.json.stream.JsonParser"));
  }

  @Test
  void librariesOptionalDependenciesAreAllowedTheOperatorsClassesAreNot() {
    assertThat(ShadedJarCheck.unexplained(ShadedJarCheck.missing(OUTPUT))).containsExactly(
        new Reference("io.launchplan.analysis.FreezeAlerts", "io.launchplan.gates.Freeze"),
        new Reference("io.launchplan.cluster.PrometheusConnections", "io.launchplan.cluster.HttpConnections"));
  }

  @Test
  void anOptionalPackageIsAllowedOnlyFromItsLibrary() {
    assertThat(ShadedJarCheck.unexplained(List.of(new Reference("io.launchplan.plugin.Main", "com.google.gson.Gson"))))
        .hasSize(1);
  }

  @Test
  void aLineOfAnotherFormatFailsInsteadOfReadingNothing() {
    assertThatThrownBy(() -> ShadedJarCheck.missing("kubectl-launchplan.jar -> not found\n   a.B -> c.D   java.base\n"))
        .hasMessageContaining("unexpected line in jdeps' output:    a.B -> c.D   java.base");
  }

  @Test
  void jdepsFindsAClassTheJarMissesAndNothingWhenItIsComplete(@TempDir Path dir) throws IOException {
    Path partial = jar(dir.resolve("partial.jar"), "ShadedJarCheck.class");
    assertThat(ShadedJarCheck.unexplained(ShadedJarCheck.missing(ShadedJarCheck.jdeps(partial))))
        .contains(new Reference("io.launchplan.plugin.ShadedJarCheck", "io.launchplan.plugin.ShadedJarCheck$Reference"));
    assertThatThrownBy(() -> ShadedJarCheck.main(new String[] {partial.toString()}))
        .hasMessageContaining("partial.jar refers to")
        .hasMessageContaining("io.launchplan.plugin.ShadedJarCheck -> io.launchplan.plugin.ShadedJarCheck$Optional");

    Path whole = jar(dir.resolve("whole.jar"), "ShadedJarCheck.class", "ShadedJarCheck$Reference.class",
        "ShadedJarCheck$Optional.class");
    assertThat(ShadedJarCheck.missing(ShadedJarCheck.jdeps(whole))).isEmpty();
    ShadedJarCheck.main(new String[] {whole.toString()});
  }

  /** A jar of these classes of this package, from the test classes. */
  private static Path jar(Path jar, String... classes) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (String c : classes) {
        out.putNextEntry(new JarEntry("io/launchplan/plugin/" + c));
        try (InputStream in = ShadedJarCheck.class.getResourceAsStream(c)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }
}
