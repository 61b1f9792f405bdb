package io.launchplan.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder on 127.0.0.1 in front of the API server, so a test can make the API server
 * unreachable for one operator process ({@link #cut}: every connection reset, new ones refused) and
 * reachable again ({@link #restore}) without touching the shared cluster. TLS passes through
 * untouched (the API server's certificate names 127.0.0.1).
 */
final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  TcpProxy(String host, int targetPort) throws IOException {
    this.target = new InetSocketAddress(host, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = server.getLocalPort();
    accept(server);
  }

  int port() {
    return port;
  }

  /** Resets every connection and refuses new ones. */
  synchronized void cut() throws IOException {
    server.close();
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0); // RST, as a vanished host or a dropped route looks to the client
      } catch (java.net.SocketException alreadyClosed) {
        // the connection ended on its own meanwhile: nothing to reset
      }
      s.close();
    }
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  synchronized void restore() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    accept(s);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  /** A copy of {@code kubeconfig} whose cluster server is this proxy (relative file paths made absolute). */
  Path kubeconfigThroughProxy(Path kubeconfig, Path dir) throws IOException {
    String text = Files.readString(kubeconfig);
    Matcher server = Pattern.compile("(server:\\s*)https://[^\\s/]+").matcher(text);
    text = server.replaceAll("$1https://127.0.0.1:" + port);
    Matcher files = Pattern.compile("((?:certificate-authority|client-certificate|client-key):\\s*)([^/\\s][^\\s]*)")
        .matcher(text);
    StringBuilder sb = new StringBuilder();
    while (files.find()) {
      files.appendReplacement(sb, Matcher.quoteReplacement(
          files.group(1) + kubeconfig.toAbsolutePath().getParent().resolve(files.group(2))));
    }
    files.appendTail(sb);
    return Files.writeString(dir.resolve("kubeconfig-via-proxy"), sb.toString());
  }

  /** host and port of the first cluster's server in {@code kubeconfig}. */
  static TcpProxy forKubeconfig(Path kubeconfig) throws IOException {
    Matcher m = Pattern.compile("server:\\s*https://([^\\s/:]+):(\\d+)").matcher(Files.readString(kubeconfig));
    if (!m.find()) {
      throw new IllegalStateException("no https server with a port in " + kubeconfig);
    }
    return new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
  }

  private void accept(ServerSocket s) {
    Thread t = new Thread(() -> {
      while (!s.isClosed()) {
        try {
          Socket client = s.accept();
          Socket upstream = new Socket();
          try {
            upstream.connect(target, 5_000);
          } catch (IOException e) {
            closeQuietly(client);
            continue;
          }
          open.add(client);
          open.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // closed by cut(), or the upstream refused: the client sees its connection drop
        }
      }
    }, "tcp-proxy-accept-" + port);
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed or was reset
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
