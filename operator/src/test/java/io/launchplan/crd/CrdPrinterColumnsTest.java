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

  /** {@code kubectl get lpol}: whether it is valid, whether its windows are open now and when that changes. */
  @Test
  void theLaunchPolicyColumnsShowReadyTheWindowAndItsNextChange() throws IOException {
    String yaml = built("META-INF/fabric8/launchpolicies.launchplan.io-v1.yml");
    CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);

    assertThat(columns(yaml)).containsExactly("Ready", "Window", "Next-Change", "Age");
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getJsonPath).containsExactly(
            ".status.conditions[?(@.type==\"Ready\")].status", ".status.window.state", ".status.window.nextChange",
            ".metadata.creationTimestamp");
    assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).as("status subresource").isNotNull();
    assertThat(CrdPrinterColumns.reorder(yaml)).isEqualTo(yaml);
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
    return built(BUILT);
  }

  private static String built(String path) throws IOException {
    try (InputStream in = CrdPrinterColumnsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as("%s is not on the test class path", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
