package io.launchplan.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prometheus scrape targets of the real pods, as a {@code file_sd} file: Debian's Prometheus has no
 * Kubernetes service discovery, so this watch plays it for the local cluster's real node.
 *
 * <p>A pod is a target while it is Running, not terminating, has a pod IP and the annotations
 * {@value #SCRAPE}{@code: "true"} and {@value #PORT}{@code : <1-65535>}; the target is {@code
 * podIP:port} with the labels {@code namespace} and {@code pod}, the same labels the simulator's
 * series carry, so a query reads a real pod and a simulated one alike. The file is rewritten
 * (write to a temporary file, then an atomic rename, which Prometheus' file watch picks up) only
 * when the set of targets changed, sorted by namespace and pod.
 */
final class ScrapeTargets implements ResourceEventHandler<Pod> {

  static final String SCRAPE = "prometheus.io/scrape";
  static final String PORT = "prometheus.io/port";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<PodKey, String> targets = new TreeMap<>(
      (a, b) -> a.namespace().equals(b.namespace())
          ? a.name().compareTo(b.name())
          : a.namespace().compareTo(b.namespace()));
  private String written;

  ScrapeTargets(Path file) {
    this.file = file;
    write(); // an empty list at start: stale targets of a previous run are dropped at once
  }

  @Override
  public void onAdd(Pod pod) {
    update(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod newPod) {
    update(newPod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    synchronized (this) {
      if (targets.remove(keyOf(pod)) != null) {
        write();
      }
    }
  }

  private void update(Pod pod) {
    PodKey key = keyOf(pod);
    Optional<String> target = targetOf(pod);
    synchronized (this) {
      String before = target.isPresent() ? targets.put(key, target.get()) : targets.remove(key);
      if (!target.orElse("").equals(before == null ? "" : before)) {
        write();
      }
    }
  }

  /** {@code podIP:port} when the pod is to be scraped now. */
  static Optional<String> targetOf(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    if (!"true".equals(annotations.get(SCRAPE)) || meta.getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(String.valueOf(annotations.get(PORT)).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (port < 1 || port > 65535 || pod.getStatus() == null) {
      return Optional.empty();
    }
    String ip = pod.getStatus().getPodIP();
    if (!"Running".equals(pod.getStatus().getPhase()) || ip == null || ip.isBlank()) {
      return Optional.empty();
    }
    return Optional.of((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port);
  }

  private void write() {
    List<Map<String, Object>> groups = new ArrayList<>();
    targets.forEach(
        (key, target) ->
            groups.add(
                Map.of(
                    "targets", List.of(target),
                    "labels", Map.of("namespace", key.namespace(), "pod", key.name()))));
    try {
      String content = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(groups) + "\n";
      if (content.equals(written)) {
        return;
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written = content;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scrape targets to " + file, e);
    }
  }

  private static PodKey keyOf(Pod pod) {
    return new PodKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }
}
