package io.launchplan;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * How the operator logs: {@code LAUNCHPLAN_LOG_FORMAT} {@code text} (default, the pattern of
 * {@link LogDefaults}) or {@code json} (logback's JsonEncoder: one object per line with timestamp, level,
 * threadName, loggerName, mdc, formattedMessage and throwable), and {@code LAUNCHPLAN_LOG_LEVEL}
 * (default INFO) for the operator's own loggers. JOSDK and fabric8 stay at WARN unless the level is
 * DEBUG or TRACE.
 */
public record LogSettings(Format format, Level level) {

  /** The two line formats. */
  public enum Format { TEXT, JSON }

  private static final String APPENDER = LogDefaults.APPENDER;

  public static LogSettings fromEnv(Map<String, String> env) {
    String formatText = env.getOrDefault("LAUNCHPLAN_LOG_FORMAT", "text").trim();
    Format format = switch (formatText.toLowerCase(Locale.ROOT)) {
      case "", "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default -> throw new IllegalArgumentException("LAUNCHPLAN_LOG_FORMAT: '" + formatText + "' must be text or json");
    };
    String levelText = env.getOrDefault("LAUNCHPLAN_LOG_LEVEL", "INFO").trim().toUpperCase(Locale.ROOT);
    if (levelText.isEmpty()) {
      levelText = "INFO";
    }
    if (!levelText.matches("TRACE|DEBUG|INFO|WARN|ERROR")) {
      throw new IllegalArgumentException("LAUNCHPLAN_LOG_LEVEL: '" + env.get("LAUNCHPLAN_LOG_LEVEL")
          + "' must be one of TRACE, DEBUG, INFO, WARN, ERROR");
    }
    return new LogSettings(format, Level.toLevel(levelText));
  }

  /** Reconfigures logback's console appender and levels ({@link LogDefaults} set up the defaults). */
  public void apply() {
    apply(new ConsoleAppender<>());
  }

  /** As {@link #apply()}, with {@code appender} (not started) in place of the console (tests). */
  void apply(OutputStreamAppender<ILoggingEvent> appender) {
    applyTo((LoggerContext) LoggerFactory.getILoggerFactory(), appender);
  }

  /** As {@link #apply(OutputStreamAppender)}, on {@code context} (also while logback starts up). */
  void applyTo(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setEncoder(encoder(context, root));
    appender.start();
    var old = root.getAppender(APPENDER);
    root.detachAppender(APPENDER);
    root.addAppender(appender);
    if (old != null) {
      old.stop();
    }
    root.setLevel(level);
    context.getLogger("io.launchplan").setLevel(level);
    Level libraries = level.isGreaterOrEqual(Level.INFO) ? Level.WARN : level;
    context.getLogger("io.javaoperatorsdk").setLevel(libraries);
    context.getLogger("io.fabric8").setLevel(libraries);
    context.getLogger("org.eclipse.jetty").setLevel(libraries);
  }

  private Encoder<ILoggingEvent> encoder(LoggerContext context, Logger root) {
    if (format == Format.TEXT) {
      @SuppressWarnings("unchecked")
      var existing = (OutputStreamAppender<ILoggingEvent>) root.getAppender(APPENDER);
      var pattern = new PatternLayoutEncoder();
      pattern.setContext(context);
      pattern.setPattern(existing != null && existing.getEncoder() instanceof PatternLayoutEncoder p
          ? p.getPattern() : LogDefaults.PATTERN);
      pattern.start();
      return pattern;
    }
    JsonEncoder json = new JsonEncoder();
    json.setContext(context);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMessage(false); // the unformatted "{}" pattern; formattedMessage has the text
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    json.start();
    return json;
  }
}
