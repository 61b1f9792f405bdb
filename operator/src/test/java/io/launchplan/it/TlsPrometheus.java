package io.launchplan.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on 127.0.0.1 with {@code --web.config.file}:
 * HTTPS with a server certificate signed by a CA made with openssl ({@link TestCertificates}), and the basic auth users
 * of {@code prometheus-auth/web-users.yml}. A second CA, {@link #otherCaPem}, signs nothing it serves.
 */
final class TlsPrometheus implements AutoCloseable {
  private final TestCertificates certs;
  private final Process process;
  private final URI url;

  private TlsPrometheus(TestCertificates certs, Process process, URI url) {
    this.certs = certs;
    this.process = process;
    this.url = url;
  }

  static TlsPrometheus start(int port) throws IOException, InterruptedException {
    TestCertificates certs = TestCertificates.make("prometheus");
    Path dir = certs.dir();
    String users;
    try (InputStream in = TlsPrometheus.class.getResourceAsStream("/prometheus-auth/web-users.yml")) {
      users = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("web.yml"), users + "tls_server_config:\n  cert_file: " + certs.serverCert()
        + "\n  key_file: " + certs.serverKey() + "\n");
    Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 15s}\n");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--web.config.file=" + dir.resolve("web.yml"), "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.path=" + dir.resolve("data"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("prometheus.log").toFile());
    Process process = pb.start();
    TlsPrometheus prometheus = new TlsPrometheus(certs, process, URI.create("https://127.0.0.1:" + port));
    // Up once it answers TLS at all (any HTTP status): the tests judge the answers.
    Awaitility.await("Prometheus with TLS on :" + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
          }
          Process probe = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief")
              .redirectErrorStream(true).start();
          probe.getOutputStream().close();
          String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          probe.waitFor(10, TimeUnit.SECONDS);
          return out.contains("CONNECTION ESTABLISHED");
        });
    return prometheus;
  }

  URI url() {
    return url;
  }

  String caPem() throws IOException {
    return certs.caPem();
  }

  String otherCaPem() throws IOException {
    return certs.otherCaPem();
  }

  @Override
  public void close() {
    Processes.stop(process);
    certs.close();
  }
}
