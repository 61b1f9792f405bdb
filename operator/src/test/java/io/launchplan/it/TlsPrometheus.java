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
 * HTTPS with a server certificate signed by a CA made here with openssl, and the basic auth users
 * of {@code prometheus-auth/web-users.yml}. A second CA, {@link #otherCaPem}, signs nothing it serves.
 */
final class TlsPrometheus implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final URI url;

  private TlsPrometheus(Path dir, Process process, URI url) {
    this.dir = dir;
    this.process = process;
    this.url = url;
  }

  static TlsPrometheus start(int port) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("lp-tls-prometheus");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=launchplan test CA",
        "-keyout", "ca.key", "-out", "ca.crt");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=some other CA",
        "-keyout", "other.key", "-out", "other.crt");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=prometheus", "-keyout", "server.key",
        "-out", "server.csr");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:prometheus.test\n");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
    String users;
    try (InputStream in = TlsPrometheus.class.getResourceAsStream("/prometheus-auth/web-users.yml")) {
      users = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("web.yml"), users + "tls_server_config:\n  cert_file: " + dir.resolve("server.crt")
        + "\n  key_file: " + dir.resolve("server.key") + "\n");
    Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 15s}\n");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--web.config.file=" + dir.resolve("web.yml"), "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.path=" + dir.resolve("data"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("prometheus.log").toFile());
    Process process = pb.start();
    TlsPrometheus prometheus = new TlsPrometheus(dir, process, URI.create("https://127.0.0.1:" + port));
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

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }

  URI url() {
    return url;
  }

  String caPem() throws IOException {
    return Files.readString(dir.resolve("ca.crt"));
  }

  String otherCaPem() throws IOException {
    return Files.readString(dir.resolve("other.crt"));
  }

  @Override
  public void close() {
    Processes.stop(process);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no failure
    }
  }
}
