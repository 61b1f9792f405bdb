package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

  @Test
  void defaultsToLoopbackPort9101AndDefaultKubeconfig() throws Exception {
    SimulatorOptions options = SimulatorOptions.parse();

    assertThat(options.kubeconfig()).isEmpty();
    assertThat(options.listenHost()).isEqualTo("127.0.0.1");
    assertThat(options.listenPort()).isEqualTo(9101);
    assertThat(options.helpRequested()).isFalse();
  }

  @Test
  void readsKubeconfigAndListenAddress() throws Exception {
    SimulatorOptions options =
        SimulatorOptions.parse("--kubeconfig", "/tmp/kc", "--listen", "0.0.0.0:19101");

    assertThat(options.kubeconfig()).contains(Path.of("/tmp/kc"));
    assertThat(options.listenHost()).isEqualTo("0.0.0.0");
    assertThat(options.listenPort()).isEqualTo(19101);
  }

  @Test
  void acceptsEqualsSyntaxOmittedHostAndBracketedIpv6() throws Exception {
    assertThat(SimulatorOptions.parse("--listen=:8080").listenHost()).isEqualTo("127.0.0.1");
    assertThat(SimulatorOptions.parse("--listen=[::1]:8080").listenHost()).isEqualTo("::1");
    assertThat(SimulatorOptions.parse("--kubeconfig=/x").kubeconfig()).contains(Path.of("/x"));
  }

  @Test
  void rejectsMalformedArguments() {
    assertThatThrownBy(() -> SimulatorOptions.parse("--listen", "9101"))
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> SimulatorOptions.parse("--listen", "localhost:99999"))
        .hasMessageContaining("0-65535");
    assertThatThrownBy(() -> SimulatorOptions.parse("--kubeconfig"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimulatorOptions.parse("--verbose"))
        .hasMessageContaining("unknown argument");
  }

  @Test
  void helpIsRecognised() throws Exception {
    assertThat(SimulatorOptions.parse("--help").helpRequested()).isTrue();
  }
}
