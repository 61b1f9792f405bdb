package io.launchplan.analysis.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchplan.api.Phase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris against the receiver, on 127.0.0.1: connections that send their headers a byte at a
 * time, or their body a byte at a time, and never finish. Valid pushes must still be answered at
 * once, and the server must close the slow connections within its bound.
 */
class AlertReceiverSlowClientsTest {
  private static final int SLOW_CLIENTS = 20;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration PACE = Duration.ofMillis(100);

  private final ReceiverTokenTest.MutableClock clock = new ReceiverTokenTest.MutableClock();
  private final PushedAlerts alerts = new PushedAlerts(clock, Duration.ofMinutes(10));
  private final PushedAlertsTest.RecordingWaker waker = new PushedAlertsTest.RecordingWaker();
  private final ExecutorService slow = Executors.newFixedThreadPool(SLOW_CLIENTS, r -> {
    Thread t = new Thread(r, "slow-client");
    t.setDaemon(true);
    return t;
  });
  /** How long each slow connection lived until the server closed it. */
  private final List<Duration> lifetimes = new CopyOnWriteArrayList<>();
  private AlertReceiver receiver;

  @BeforeEach
  void start() {
    waker.plans.add(PushedAlertsTest.plan(Phase.Observing, "- matchLabels: {alertname: LaunchPlanSimHighErrorRatio}"));
    alerts.wakeWith(waker);
    receiver = new AlertReceiver(0, ReceiverToken.fixed(AlertReceiverTest.TOKEN), alerts, outcome -> { },
        REQUEST_TIMEOUT, IDLE_TIMEOUT).start();
  }

  @AfterEach
  void stop() {
    slow.shutdownNow();
    receiver.close();
  }

  /** Writes {@code head} at once, then {@code drip} a byte per {@link #PACE} forever, until the server closes. */
  private void slowClient(String head, byte drip) {
    slow.execute(() -> {
      long opened = System.nanoTime();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (!Thread.currentThread().isInterrupted()) {
          out.write(drip);
          out.flush();
          Thread.sleep(PACE.toMillis());
        }
      } catch (IOException e) {
        lifetimes.add(Duration.ofNanos(System.nanoTime() - opened)); // closed by the server
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Test
  void slowClientsDoNotDelayValidPushesAndAreClosedWithinTheBound() throws Exception {
    for (int i = 0; i < SLOW_CLIENTS / 2; i++) {
      // headers that never end: one more byte of a header value every 100 ms, no token needed
      slowClient("POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ", (byte) 'a');
      // complete, authenticated headers announcing a body that arrives a byte at a time
      slowClient("POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + AlertReceiverTest.TOKEN
          + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{", (byte) ' ');
    }
    Thread.sleep(300); // every slow connection is open and sending

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Duration> answered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port()
              + AlertReceiver.PATH)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + AlertReceiverTest.TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayloadTest.PAYLOAD)).build(),
          HttpResponse.BodyHandlers.ofString());
      answered.add(Duration.ofNanos(System.nanoTime() - start));
      assertThat(r.statusCode()).isEqualTo(200);
      Thread.sleep(200);
    }

    assertThat(answered).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(2)));
    // every slow connection is closed by the server, within the bound (plus the watchdog's step and a margin)
    await().atMost(REQUEST_TIMEOUT.plusSeconds(5)).until(() -> lifetimes.size() == SLOW_CLIENTS);
    assertThat(lifetimes).allSatisfy(d -> assertThat(d).isLessThan(REQUEST_TIMEOUT.plusMillis(1_500)));
  }

  /** One authenticated push over {@code s}, kept alive; returns the status line. */
  private static String push(Socket s) throws IOException {
    byte[] body = AlertmanagerPayloadTest.bytes(AlertmanagerPayloadTest.PAYLOAD);
    s.getOutputStream().write(("POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + AlertReceiverTest.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().write(body);
    s.getOutputStream().flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    String status = in.readLine();
    int length = 0;
    for (String line; (line = in.readLine()) != null && !line.isEmpty();) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.read(new char[length], 0, length); // the JSON body (ASCII)
    return status;
  }

  @Test
  void aKeptAliveConnectionIsNotCutBetweenRequests() throws Exception {
    receiver.close();
    receiver = new AlertReceiver(0, ReceiverToken.fixed(AlertReceiverTest.TOKEN), alerts, outcome -> { },
        Duration.ofSeconds(1), Duration.ofSeconds(10)).start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
      s.setSoTimeout(5_000);
      assertThat(push(s)).isEqualTo("HTTP/1.1 200 OK");
      Thread.sleep(2_500); // longer than the request bound, shorter than the idle timeout
      assertThat(push(s)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void headersOverTheLimitAreRefused() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port()
            + AlertReceiver.PATH)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + AlertReceiverTest.TOKEN).header("X-Pad", "a".repeat(10_000))
        .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayloadTest.PAYLOAD)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(431);
    assertThat(alerts.firing()).isEmpty();
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
    long opened = System.nanoTime();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
      s.setSoTimeout((int) IDLE_TIMEOUT.plusSeconds(5).toMillis());
      assertThat(s.getInputStream().read()).isEqualTo(-1); // closed by the server, nothing sent
    }
    assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(IDLE_TIMEOUT.plusMillis(1_500));
  }
}
