package io.launchplan.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that answers every request with its headers at once and then the body one
 * byte per {@code pace}: a slow or hostile "Prometheus". Records how many connections it accepted
 * and how many the client closed (a write then fails).
 */
final class TricklingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "trickling-server");
    t.setDaemon(true);
    return t;
  });
  private final Duration pace;
  private final long contentLength;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger closedByClient = new AtomicInteger();

  /**
   * @param pace the wait between two bytes of the body (0: as fast as possible)
   * @param contentLength the body length the headers announce
   */
  TricklingServer(Duration pace, long contentLength) throws IOException {
    this.pace = pace;
    this.contentLength = contentLength;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        accepted.incrementAndGet();
        open.add(s);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      readRequest(s.getInputStream());
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + contentLength
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] chunk = new byte[pace.isZero() ? 64 * 1024 : 1];
      Arrays.fill(chunk, (byte) ' ');
      for (long sent = 0; sent < contentLength; sent += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, contentLength - sent));
        out.flush();
        if (!pace.isZero()) {
          Thread.sleep(pace.toMillis());
        }
      }
    } catch (IOException e) {
      closedByClient.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
    }
  }

  /** Reads the headers and the Content-Length body of one request. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the request ended");
      }
      head.append((char) b);
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
  }
}
