package io.launchplan.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * The schema of a {@link JobCheck}'s {@code template} only (never instantiated): a Job's
 * {@code metadata} and {@code spec}, left open so the CRD stays small; the API server validates
 * the Job with a dry run against the real batch/v1 schema.
 */
final class JobTemplateSchema {
  @PreserveUnknownFields
  public ObjectNode metadata;

  @PreserveUnknownFields
  public ObjectNode spec;

  private JobTemplateSchema() {}
}
