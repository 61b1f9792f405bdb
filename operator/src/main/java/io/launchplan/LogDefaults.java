package io.launchplan;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.Function;

/**
 * Logback's start-up configuration, in code (found through {@code META-INF/services}): a console
 * appender with the operator's line pattern, JOSDK, fabric8 and Jetty at WARN: the text format at
 * INFO of {@link LogSettings}, which then applies {@code LAUNCHPLAN_LOG_FORMAT} and
 * {@code LAUNCHPLAN_LOG_LEVEL} at start. It replaces a logback.xml of the same content because reading XML loads logback's Joran and the JDK's XML parser, about 600
 * classes that stay in metaspace for the operator's lifetime (bench/README.md, "Footprint"). A
 * {@code logback.xml}, {@code logback-test.xml} or {@code -Dlogback.configurationFile} someone
 * supplies still wins: then this steps aside and logback reads that file.
 */
public final class LogDefaults extends ContextAwareBase implements Configurator {

  static final String APPENDER = "STDOUT";
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n";

  private final Function<String, String> properties;
  private final ClassLoader resources;

  /** The instance logback's ServiceLoader makes. */
  public LogDefaults() {
    this(System::getProperty, LogDefaults.class.getClassLoader());
  }

  LogDefaults(Function<String, String> properties, ClassLoader resources) {
    this.properties = properties;
    this.resources = resources;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (properties.apply("logback.configurationFile") != null
        || resources.getResource("logback-test.xml") != null
        || resources.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    new LogSettings(LogSettings.Format.TEXT, Level.INFO).applyTo(context, new ConsoleAppender<>());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
