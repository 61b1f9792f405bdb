package io.launchplan.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * The schema of {@code spec.template} only (never instantiated): an object with a pod template's
 * {@code metadata} and {@code spec}, left open because the API server validates the merged
 * template with a dry run against the real PodTemplateSpec schema.
 */
final class PodTemplatePatchSchema {
  @PreserveUnknownFields
  public ObjectNode metadata;

  @PreserveUnknownFields
  public ObjectNode spec;

  private PodTemplatePatchSchema() {}
}
