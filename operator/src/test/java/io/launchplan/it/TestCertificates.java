package io.launchplan.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates made by a test with openssl in a temporary directory: a CA ({@code CN=launchplan
 * test CA}), a server certificate it signs for {@code 127.0.0.1} and {@code <name>.test}, and a
 * second CA ({@link #otherCaPem}) that signs nothing served, for the wrong-CA cases. Public for the
 * kubectl plugin's tests of backtest over HTTPS.
 */
public final class TestCertificates implements AutoCloseable {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Makes the CAs and a server certificate with {@code CN=<name>}. */
  public static TestCertificates make(String name) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("lp-certs");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=launchplan test CA",
        "-keyout", "ca.key", "-out", "ca.crt");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=some other CA",
        "-keyout", "other.key", "-out", "other.crt");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", "server.key",
        "-out", "server.csr");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:" + name + ".test\n");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
    return new TestCertificates(dir);
  }

  /** The directory the files are in (for a server that reads them itself). */
  Path dir() {
    return dir;
  }

  Path serverCert() {
    return dir.resolve("server.crt");
  }

  Path serverKey() {
    return dir.resolve("server.key");
  }

  public String caPem() throws IOException {
    return Files.readString(dir.resolve("ca.crt"));
  }

  public String otherCaPem() throws IOException {
    return Files.readString(dir.resolve("other.crt"));
  }

  /** A TLS context serving the server certificate (for the JDK's {@code HttpsServer}). */
  public SSLContext serverContext() throws Exception {
    openssl(dir, "pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-name", "server",
        "-passout", "pass:" + new String(STORE_PASSWORD), "-out", "server.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      store.load(in, STORE_PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** The JDK's HTTPS server on a free port of 127.0.0.1, serving the server certificate (not started). */
  public HttpsServer httpsServer() throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
    return server;
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }

  @Override
  public void close() {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no failure
    }
  }
}
