package io.launchplan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the operator's main code. The decision ({@code launch}), the gates of the launch
 * procedure ({@code gates}), the resource types ({@code api}) and the pure part of the analysis
 * ({@code analysis.model}) talk to nothing: no Kubernetes client, no JOSDK, no network, no
 * Prometheus client; {@code cluster} and {@code analysis} do the talking. The packages form no cycle.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.launchplan");
  }

  @Test
  void theDecisionAndTheGatesTalkToNothing() {
    noClasses().that().resideInAnyPackage("io.launchplan.launch..", "io.launchplan.gates..",
            "io.launchplan.analysis.model..")
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..",
            "io.javaoperatorsdk..", "java.net..", "io.prometheus..", "org.eclipse.jetty..")
        .orShould().dependOnClassesThat().resideInAnyPackage("io.launchplan.cluster..", "io.launchplan.notify..",
            "io.launchplan.metrics..", "io.launchplan.health..")
        .orShould().dependOnClassesThat().resideInAPackage("io.launchplan.analysis")
        .because("the decision is pure: what it needs is handed to it in an Observation")
        .check(main);
  }

  @Test
  void theResourceTypesTalkToNothing() {
    // A CustomResource is the one class of fabric8's client package the types must extend.
    noClasses().that().resideInAPackage("io.launchplan.api..")
        .should().dependOnClassesThat(DescribedPredicate.describe(
            "are of a client, JOSDK, the network or Prometheus", c -> !c.getName().equals(
                "io.fabric8.kubernetes.client.CustomResource") && (c.getPackageName().startsWith("io.fabric8.kubernetes.client")
                || c.getPackageName().startsWith("io.javaoperatorsdk") || c.getPackageName().startsWith("java.net")
                || c.getPackageName().startsWith("io.prometheus"))))
        .orShould().dependOnClassesThat().resideInAnyPackage("io.launchplan.cluster..", "io.launchplan.launch..",
            "io.launchplan.gates..", "io.launchplan.analysis..", "io.launchplan.notify..")
        .check(main);
  }

  @Test
  void thePackagesFormNoCycle() {
    slices().matching("io.launchplan.(**)").should().beFreeOfCycles().check(main);
  }

  /** A class name written out in code ({@code io.fabric8...ObjectMeta}) instead of imported. */
  private static final Pattern INLINE_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_]*");

  @Test
  void mainCodeImportsTheClassesItUses() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        found.addAll(inlineNames(file));
      }
    }
    assertThat(found).as("fully-qualified class names in main code (import them)").isEmpty();
  }

  /** Inline names in {@code file}'s code: import and package lines, comments and strings left out. */
  static List<String> inlineNames(Path file) throws IOException {
    String code = Files.readString(file)
        .replaceAll("(?s)/\\*.*?\\*/", "")
        .replaceAll("(?m)//.*$", "")
        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("(?m)^(import|package) .*$", "");
    List<String> found = new ArrayList<>();
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = INLINE_NAME.matcher(lines[i]);
      while (m.find()) {
        found.add(file + ":" + (i + 1) + ": " + m.group());
      }
    }
    return found;
  }
}
