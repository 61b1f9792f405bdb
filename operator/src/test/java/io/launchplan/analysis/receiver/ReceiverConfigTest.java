package io.launchplan.analysis.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.OperatorConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The receiver's settings as {@link OperatorConfig#fromEnv} reads and validates them. */
class ReceiverConfigTest {
  static ReceiverConfig read(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return OperatorConfig.fromEnv(env).receiver();
  }

  @Test
  void aTokenSecretIsNamespaceNameKey() {
    ReceiverConfig c = read("LAUNCHPLAN_RECEIVER_TOKEN_SECRET", "monitoring/launchplan-receiver/token");
    assertThat(c.port()).isEqualTo(8081);
    assertThat(c.tokenSecret()).isEqualTo(new ReceiverConfig.SecretLocation("monitoring", "launchplan-receiver", "token"));
    assertThat(c.alertTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.toString()).doesNotContain("null");
  }

  @Test
  void aLocalTokenNeverShowsInToString() {
    ReceiverConfig c = read("LAUNCHPLAN_RECEIVER_TOKEN", "hunter2", "LAUNCHPLAN_RECEIVER_PORT", "18081",
        "LAUNCHPLAN_RECEIVER_ALERT_TTL", "2m");
    assertThat(c.token()).isEqualTo("hunter2");
    assertThat(c.port()).isEqualTo(18081);
    assertThat(c.alertTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.toString()).doesNotContain("hunter2");
  }

  @Test
  void portZeroTurnsTheReceiverOffAndNeedsNoToken() {
    assertThat(read("LAUNCHPLAN_RECEIVER_PORT", "0").enabled()).isFalse();
  }

  @Test
  void insecureMustBeAskedFor() {
    assertThat(read("LAUNCHPLAN_RECEIVER_INSECURE", "true").insecure()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no token at all         | LAUNCHPLAN_RECEIVER_INSECURE     | false                   | LAUNCHPLAN_RECEIVER_TOKEN_SECRET
      secret not ns/name/key  | LAUNCHPLAN_RECEIVER_TOKEN_SECRET | launchplan-receiver     | LAUNCHPLAN_RECEIVER_TOKEN_SECRET: 'launchplan-receiver' must be namespace/name/key
      secret bad namespace    | LAUNCHPLAN_RECEIVER_TOKEN_SECRET | Mon/name/token          | LAUNCHPLAN_RECEIVER_TOKEN_SECRET
      insecure not a boolean  | LAUNCHPLAN_RECEIVER_INSECURE     | yes                     | LAUNCHPLAN_RECEIVER_INSECURE: 'yes' must be true or false
      port not a number       | LAUNCHPLAN_RECEIVER_PORT         | http                    | LAUNCHPLAN_RECEIVER_PORT: 'http' is not a number
      port out of range       | LAUNCHPLAN_RECEIVER_PORT         | 70000                   | LAUNCHPLAN_RECEIVER_PORT: 70000 is outside
      ttl not a duration      | LAUNCHPLAN_RECEIVER_ALERT_TTL    | ten minutes             | LAUNCHPLAN_RECEIVER_ALERT_TTL
      """)
  void badSettingsAreRejectedNamingTheVariable(String what, String name, String value, String message) {
    Map<String, String> env = new HashMap<>();
    if (!name.equals("LAUNCHPLAN_RECEIVER_INSECURE") && !name.equals("LAUNCHPLAN_RECEIVER_TOKEN_SECRET")) {
      env.put("LAUNCHPLAN_RECEIVER_TOKEN", "t");
    }
    env.put(name, value);
    assertThatThrownBy(() -> OperatorConfig.fromEnv(env)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void bothTokenSettingsAreAmbiguous() {
    assertThatThrownBy(() -> read("LAUNCHPLAN_RECEIVER_TOKEN", "t", "LAUNCHPLAN_RECEIVER_TOKEN_SECRET", "a/b/c"))
        .hasMessageContaining("both set");
  }

  @Test
  void theMissingTokenMessageSaysEveryWayOut() {
    assertThatThrownBy(() -> read())
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_TOKEN_SECRET")
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_TOKEN,")
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_INSECURE=true")
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_PORT=0");
  }
}
