package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code LAUNCHPLAN_LOG_FORMAT} and {@code LAUNCHPLAN_LOG_LEVEL}. */
class LogSettingsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void restoreTextLogging() {
    new LogSettings(LogSettings.Format.TEXT, Level.INFO).apply();
  }

  @Test
  void jsonIsOneObjectPerLineWithTheFieldsLogCollectorsNeed() throws Exception {
    LogSettings.fromEnv(Map.of("LAUNCHPLAN_LOG_FORMAT", "json")).apply(appender());
    var log = LoggerFactory.getLogger("io.launchplan.transitions");
    MDC.put("plan", "shop/checkout");
    try {
      log.info("shop/checkout: {} -> {}", "Canary", "Observing");
    } finally {
      MDC.remove("plan");
    }
    log.warn("query failed \"quoted\"\nsecond line", new IllegalStateException("prometheus unreachable"));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("timestamp").asLong()).isPositive();
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    assertThat(first.get("loggerName").asText()).isEqualTo("io.launchplan.transitions");
    assertThat(first.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(first.get("formattedMessage").asText()).isEqualTo("shop/checkout: Canary -> Observing");
    assertThat(first.get("mdc").get("plan").asText()).isEqualTo("shop/checkout");
    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.get("level").asText()).isEqualTo("WARN");
    assertThat(second.get("formattedMessage").asText()).isEqualTo("query failed \"quoted\"\nsecond line");
    assertThat(second.get("throwable").get("className").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(second.get("throwable").get("message").asText()).isEqualTo("prometheus unreachable");
  }

  @Test
  void textIsTheDefaultAndTheLevelFiltersTheOperatorsLoggers() {
    LogSettings s = LogSettings.fromEnv(Map.of("LAUNCHPLAN_LOG_LEVEL", "warn"));
    assertThat(s.format()).isEqualTo(LogSettings.Format.TEXT);
    s.apply(appender());
    LoggerFactory.getLogger("io.launchplan.x").info("hidden");
    LoggerFactory.getLogger("io.launchplan.x").warn("shown {}", 1);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("hidden").contains("WARN  io.launchplan.x shown 1");
  }

  @Test
  void badValuesNameTheSetting() {
    assertThatThrownBy(() -> LogSettings.fromEnv(Map.of("LAUNCHPLAN_LOG_FORMAT", "logfmt")))
        .hasMessage("LAUNCHPLAN_LOG_FORMAT: 'logfmt' must be text or json");
    assertThatThrownBy(() -> LogSettings.fromEnv(Map.of("LAUNCHPLAN_LOG_LEVEL", "verbose")))
        .hasMessageStartingWith("LAUNCHPLAN_LOG_LEVEL: 'verbose' must be one of");
  }

  private OutputStreamAppender<ILoggingEvent> appender() {
    OutputStreamAppender<ILoggingEvent> a = new OutputStreamAppender<>();
    a.setOutputStream(out);
    return a;
  }
}
