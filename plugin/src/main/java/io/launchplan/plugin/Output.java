package io.launchplan.plugin;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.launchplan.api.LaunchPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -o json|yaml}: the objects as the API server has them, without managedFields (as kubectl shows them). */
final class Output {
  private Output() {}

  enum Format { json, yaml }

  static String of(LaunchPlan plan, Format format, KubernetesSerialization serialization) {
    return render(strip(plan), format, serialization);
  }

  static String ofList(List<LaunchPlan> plans, Format format, KubernetesSerialization serialization) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", plans.stream().map(Output::strip).toList());
    list.put("metadata", Map.of("resourceVersion", ""));
    return render(list, format, serialization);
  }

  private static LaunchPlan strip(LaunchPlan plan) {
    plan.getMetadata().setManagedFields(null);
    return plan;
  }

  private static String render(Object o, Format format, KubernetesSerialization serialization) {
    String text = format == Format.json ? serialization.asJson(o) : serialization.asYaml(o);
    if (format == Format.json) {
      // asJson is compact; kubectl indents
      Object tree = serialization.unmarshal(text, Object.class);
      text = serialization.asJson(tree);
    }
    return text.endsWith("\n") ? text : text + "\n";
  }
}
