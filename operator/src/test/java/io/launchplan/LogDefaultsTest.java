package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Logback's start-up configuration without logback.xml. */
class LogDefaultsTest {
  private static final ClassLoader NO_RESOURCES = new URLClassLoader(new URL[0], null);

  @Test
  void configuresTheConsoleWithTheOperatorsPatternAndQuietLibraries() {
    var context = new LoggerContext();
    var status = new LogDefaults(Map.<String, String>of()::get, NO_RESOURCES).configure(context);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
      assertThat(console.isStarted()).isTrue();
      assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
          .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n");
    });
    assertThat(context.getLogger("io.javaoperatorsdk").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.fabric8").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.launchplan").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void aConfigurationFileSomeoneSuppliesWins(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
    try (var withFile = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      var context = new LoggerContext();
      assertThat(new LogDefaults(Map.<String, String>of()::get, withFile).configure(context))
          .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNull();
    }
    assertThat(new LogDefaults(Map.of("logback.configurationFile", "/etc/x.xml")::get, NO_RESOURCES)
        .configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
  }

  @Test
  void logbackFindsItThroughTheServiceLoaderAndReadsNoXml() {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(LogDefaults.class.getClassLoader().getResource("logback.xml")).isNull();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"))
        .isInstanceOf(ConsoleAppender.class);
    assertThat(context.getLogger("io.fabric8").getLevel()).isEqualTo(Level.WARN);
  }
}
