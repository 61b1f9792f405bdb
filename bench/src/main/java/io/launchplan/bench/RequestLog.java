package io.launchplan.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's own API-server requests, counted from its log: the capacity runs start it with
 * {@code -Djdk.httpclient.HttpClient.log=requests}, so the JDK HTTP client (fabric8's transport)
 * logs one {@code REQUEST: <uri> <method>} line per request. The API server's own counter mixes in
 * every other client of the shared cluster; this one is the operator's alone.
 */
final class RequestLog {
  static final String JVM_OPTION = "-Djdk.httpclient.HttpClient.log=requests";
  private static final Pattern LINE = Pattern.compile("REQUEST: (\\S+) ([A-Z]+)\\s*$", Pattern.MULTILINE);

  private final Path log;
  private final int apiServerPort;

  RequestLog(Path log, URI apiServer) {
    this.log = log;
    this.apiServerPort = apiServer.getPort() == -1 ? 443 : apiServer.getPort();
  }

  /** Where the log ends now: the start or end mark of a window. */
  long mark() {
    return log.toFile().length();
  }

  /** API-server requests logged between two marks, by "VERB resource[/subresource]". */
  Map<String, Long> between(long from, long to) {
    Map<String, Long> counts = new TreeMap<>();
    forEach(from, to, (method, uri) -> counts.merge(classify(method, uri), 1L, Long::sum));
    return counts;
  }

  /** As {@link #between}, only the requests to namespace {@code ns}. */
  Map<String, Long> between(long from, long to, String ns) {
    Map<String, Long> counts = new TreeMap<>();
    forEach(from, to, (method, uri) -> {
      if (namespaceOf(uri).equals(ns)) {
        counts.merge(classify(method, uri), 1L, Long::sum);
      }
    });
    return counts;
  }

  private void forEach(long from, long to, java.util.function.BiConsumer<String, URI> request) {
    if (to <= from) {
      return;
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) (to - from)];
      f.seek(from);
      f.readFully(bytes);
      Matcher m = LINE.matcher(new String(bytes, StandardCharsets.UTF_8));
      while (m.find()) {
        URI uri = URI.create(m.group(1));
        if (uri.getPort() == apiServerPort) {
          request.accept(m.group(2), uri);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      Bench.log("  cannot read the operator's request log %s: %s", log, e.getMessage());
    }
  }

  /**
   * API-server requests logged between two marks, by the namespace of their path ({@code -} for
   * cluster-scoped ones): splits one operator's requests between groups of plans kept in
   * namespaces of their own.
   */
  Map<String, Long> byNamespace(long from, long to) {
    Map<String, Long> counts = new TreeMap<>();
    forEach(from, to, (method, uri) -> counts.merge(namespaceOf(uri), 1L, Long::sum));
    return counts;
  }

  /** The namespace a Kubernetes API path names, or {@code -} when it is cluster-scoped. */
  static String namespaceOf(URI uri) {
    String[] p = uri.getPath().replaceFirst("^/", "").split("/");
    int start = p.length > 0 && p[0].equals("api") ? 2 : 3;
    if (p.length > start + 2 && p[start].equals("namespaces")) {
      return p[start + 1];
    }
    return "-";
  }

  /** GET/LIST/WATCH/PATCH/... and the resource, from a Kubernetes API path. */
  static String classify(String method, URI uri) {
    String[] p = uri.getPath().replaceFirst("^/", "").split("/");
    int start = p.length > 0 && p[0].equals("api") ? 2 : 3; // /api/v1/... or /apis/<group>/<version>/...
    if (p.length <= start) {
      return method + " " + uri.getPath();
    }
    String[] rest = java.util.Arrays.copyOfRange(p, start, p.length);
    if (rest[0].equals("namespaces") && rest.length >= 3) {
      rest = java.util.Arrays.copyOfRange(rest, 2, rest.length);
    }
    String resource = rest[0] + (rest.length >= 3 ? "/" + rest[2] : "");
    String verb = method;
    if (method.equals("GET") && rest.length == 1) {
      verb = uri.getQuery() != null && uri.getQuery().contains("watch=true") ? "WATCH" : "LIST";
    }
    return verb + " " + resource;
  }
}
