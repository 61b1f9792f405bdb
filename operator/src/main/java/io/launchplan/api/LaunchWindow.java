package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/**
 * A recurring stretch of time in which launches may start (Allow) or may not (Deny): it opens at
 * each time {@code schedule} names, in {@code timeZone}, and stays open for {@code duration} of
 * wall-clock time (so {@code 0 22 * * *} for 8h ends at 06:00 on the clock, also on the nights
 * the clocks change).
 */
public class LaunchWindow {
  /** Five fields, minute hour day-of-month month day-of-week, as in crontab; checked fully by the operator. */
  public static final String SCHEDULE_PATTERN = "^\\S+( +\\S+){4}$";
  /** An IANA zone name such as Europe/Paris or UTC; whether it exists is checked by the CEL rule. */
  public static final String ZONE_PATTERN = "^[A-Za-z][-A-Za-z0-9_+]*(/[A-Za-z0-9][-A-Za-z0-9_+]*){0,2}$";
  public static final String MAX_DURATION_TEXT = "8784h";
  public static final Duration MAX_DURATION = Duration.ofHours(8784);
  public static final String DEFAULT_ZONE = "UTC";

  @Required
  private WindowKind kind;

  /** When the window opens: a crontab line of five fields, e.g. {@code 0 9 * * 1-4} (09:00 Monday to Thursday). */
  @Required
  @Size(max = 256)
  @Pattern(SCHEDULE_PATTERN)
  private String schedule;

  /** How long it stays open after each opening, more than 0s and at most 8784h (a leap year). */
  @Required
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = "self.matches('" + Durations.PATTERN + "') && duration(self) > duration('0s') && "
      + "duration(self) <= duration('" + MAX_DURATION_TEXT + "')",
      message = "must be a duration longer than 0s and at most " + MAX_DURATION_TEXT
          + ", e.g. 9h or 30m (units h, m, s, ms in that order, at most 6 digits each)")
  private String duration;

  /** The IANA time zone the schedule is read in, e.g. Europe/Paris. Default UTC. */
  @Size(max = 64)
  @Pattern(ZONE_PATTERN)
  @ValidationRule(value = "timestamp('2000-01-01T00:00:00Z').getHours(self) >= 0",
      message = "must be an IANA time zone name, e.g. Europe/Paris or UTC")
  private String timeZone;

  /** Why, shown to whoever waits: e.g. {@code business hours} or {@code Christmas freeze}. */
  @Size(max = 512)
  private String reason;

  public WindowKind getKind() { return kind; }
  public void setKind(WindowKind kind) { this.kind = kind; }
  public String getSchedule() { return schedule; }
  public void setSchedule(String schedule) { this.schedule = schedule; }
  public String getDuration() { return duration; }
  public void setDuration(String duration) { this.duration = duration; }
  public String getTimeZone() { return timeZone; }
  public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }

  public String timeZoneOrDefault() { return timeZone != null && !timeZone.isBlank() ? timeZone : DEFAULT_ZONE; }
}
