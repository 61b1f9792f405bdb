package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one Job or web check of the launch's revision said last: {@code state} is one of
 * {@link CheckState}; {@code job} and {@code logs} name a Job check's Job and how to read its output.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckStatus {
  private String name;
  /** {@code Job} or {@code Web}. */
  private String kind;
  private CheckPoint at;
  private String revision;
  private CheckState state;
  private String message;
  private String job;
  private String logs;
  private String startedAt;
  private String finishedAt;
  /** How many times a web check has been sent for this revision at its point. */
  private Integer runs;

  public CheckStatus() {}

  public CheckStatus(String name, String kind, CheckPoint at, String revision) {
    this.name = name;
    this.kind = kind;
    this.at = at;
    this.revision = revision;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getKind() { return kind; }
  public void setKind(String kind) { this.kind = kind; }
  public CheckPoint getAt() { return at; }
  public void setAt(CheckPoint at) { this.at = at; }
  public String getRevision() { return revision; }
  public void setRevision(String revision) { this.revision = revision; }
  public CheckState getState() { return state; }
  public void setState(CheckState state) { this.state = state; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public String getJob() { return job; }
  public void setJob(String job) { this.job = job; }
  public String getLogs() { return logs; }
  public void setLogs(String logs) { this.logs = logs; }
  public String getStartedAt() { return startedAt; }
  public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
  public String getFinishedAt() { return finishedAt; }
  public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
  public Integer getRuns() { return runs; }
  public void setRuns(Integer runs) { this.runs = runs; }
}
