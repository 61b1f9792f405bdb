package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;

/**
 * The problem analysis owed after a revert: which reverted revision it covers, and its cause,
 * impact and fix. Every field is optional in the schema (so {@code postmortem: {}} is a valid
 * placeholder) but may not be empty when given; the operator reports what is missing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostmortemSpec {
  /** The reverted revision this postmortem covers ({@code status.lastRevertedRevision}). */
  @Size(min = 1, max = 64)
  private String revision;
  @Size(min = 1, max = 2048)
  private String cause;
  @Size(min = 1, max = 2048)
  private String impact;
  @Size(min = 1, max = 2048)
  private String fix;

  public PostmortemSpec() {}
  public PostmortemSpec(String revision, String cause, String impact, String fix) {
    this.revision = revision;
    this.cause = cause;
    this.impact = impact;
    this.fix = fix;
  }
  public String getRevision() { return revision; }
  public void setRevision(String revision) { this.revision = revision; }
  public String getCause() { return cause; }
  public void setCause(String cause) { this.cause = cause; }
  public String getImpact() { return impact; }
  public void setImpact(String impact) { this.impact = impact; }
  public String getFix() { return fix; }
  public void setFix(String fix) { this.fix = fix; }
}
