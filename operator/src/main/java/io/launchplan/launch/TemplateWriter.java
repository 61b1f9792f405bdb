package io.launchplan.launch;

/**
 * The newest writer of the target's {@code spec.template} other than the operator, from the
 * Deployment's {@code metadata.managedFields}.
 *
 * @param manager the field manager, e.g. {@code argocd-controller}
 * @param operation {@code Apply} or {@code Update}
 * @param at when that manager last wrote the Deployment (RFC 3339), or null
 */
public record TemplateWriter(String manager, String operation, String at) {
  /** How it reads in messages: {@code field manager argocd-controller (Apply at 2026-...)}. */
  public String describe() {
    return "field manager " + manager + " (" + operation + (at != null ? " at " + at : "") + ")";
  }
}
