package io.launchplan.testsupport;

/** LaunchPlan manifests as people write them, for the integration tests and the bench. */
public final class LaunchPlanYaml {
  private LaunchPlanYaml() {}

  /**
   * A LaunchPlan {@code name} that launches image {@code registry.example/<app>:2} on Deployment
   * {@code app}, with {@code specLines} (YAML lines under {@code spec}, written unindented) after
   * the target and the template.
   */
  public static String of(String name, String app, String specLines) {
    return """
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: %s}
        spec:
          targetRef: {name: %s}
          template:
            spec:
              containers: [{name: app, image: "registry.example/%s:2"}]
        %s
        """.formatted(name, app, app, specLines.stripTrailing().indent(2).stripTrailing());
  }
}
