package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One transition in the launch's timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HistoryEntry {
  private Phase phase;
  private String reason;
  private String message;
  private String revision;
  private String at;

  public HistoryEntry() {}
  public HistoryEntry(Phase phase, String reason, String message, String revision, String at) {
    this.phase = phase;
    this.reason = reason;
    this.message = message;
    this.revision = revision;
    this.at = at;
  }
  public Phase getPhase() { return phase; }
  public void setPhase(Phase phase) { this.phase = phase; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public String getRevision() { return revision; }
  public void setRevision(String revision) { this.revision = revision; }
  public String getAt() { return at; }
  public void setAt(String at) { this.at = at; }
}
