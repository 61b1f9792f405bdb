package io.launchplan.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kubectl get lp} columns in the order people read them: NAME, the launch's state, AGE last. */
class CrdPrinterColumnsTest {
  private static final String BUILT = "META-INF/fabric8/launchplans.launchplan.io-v1.yml";
  private static final List<String> EXPECTED =
      List.of("Phase", "Target", "Revision", "Canary", "Step", "Reason", "Frozen", "Frozen-Since", "Age");

  @Test
  void theBuiltCrdListsTheColumnsInDeclarationOrderAgeLast() throws IOException {
    assertThat(columns(built())).isEqualTo(EXPECTED);
    assertThat(CrdPrinterColumns.declared()).isEqualTo(EXPECTED);
  }

  @Test
  void reorderingTheBuiltCrdChangesNothing() throws IOException {
    String built = built();

    assertThat(CrdPrinterColumns.reorder(built)).isEqualTo(built);
  }

  @Test
  void reorderKeepsEverythingButTheOrder() throws IOException {
    String built = built();
    String phase = "    - jsonPath: \".status.phase\"\n      name: \"Phase\"\n      priority: 0\n      type: \"string\"\n";
    String version = "    name: \"v1alpha1\"\n";
    assertThat(built).contains(phase, version);
    String scrambled = built.replace(phase, "").replace(version, phase + version);
    assertThat(columns(scrambled)).as("the test's scrambled copy").endsWith("Age", "Phase");

    assertThat(CrdPrinterColumns.reorder(scrambled)).isEqualTo(built);
  }

  @Test
  void aColumnLaunchPlanDoesNotDeclareIsAnError() throws IOException {
    String extra = built().replace("    name: \"v1alpha1\"\n",
        "    - jsonPath: \".status.other\"\n      name: \"Other\"\n      type: \"string\"\n    name: \"v1alpha1\"\n");

    assertThatThrownBy(() -> CrdPrinterColumns.reorder(extra)).hasMessageContaining("Other");
  }

  private static List<String> columns(String yaml) {
    CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    return crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
        .map(CustomResourceColumnDefinition::getName).toList();
  }

  private static String built() throws IOException {
    try (InputStream in = CrdPrinterColumnsTest.class.getClassLoader().getResourceAsStream(BUILT)) {
      assertThat(in).as("%s is not on the test class path", BUILT).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
