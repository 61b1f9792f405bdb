package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeTargetsTest {

  private static final Map<String, String> SCRAPE_8080 =
      Map.of(ScrapeTargets.SCRAPE, "true", ScrapeTargets.PORT, "8080");

  @TempDir Path dir;

  @Test
  void aRunningAnnotatedPodIsATargetWithItsNamespaceAndPodLabels() throws IOException {
    Path file = dir.resolve("sd/pods.json");
    ScrapeTargets targets = new ScrapeTargets(file);
    assertThat(read(file)).isEmpty();

    targets.onAdd(pod("shop", "web-b", "10.213.0.12", "Running", SCRAPE_8080));
    targets.onAdd(pod("shop", "web-a", "10.213.0.11", "Running", SCRAPE_8080));

    JsonNode groups = read(file);
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).get("targets").get(0).asText()).isEqualTo("10.213.0.11:8080");
    assertThat(groups.get(0).get("labels").get("namespace").asText()).isEqualTo("shop");
    assertThat(groups.get(0).get("labels").get("pod").asText()).isEqualTo("web-a");
    assertThat(groups.get(1).get("labels").get("pod").asText()).isEqualTo("web-b");
  }

  @Test
  void podsThatAreNotScrapableNowAreNotTargets() {
    assertThat(ScrapeTargets.targetOf(pod("a", "p", "10.0.0.1", "Pending", SCRAPE_8080))).isEmpty();
    assertThat(ScrapeTargets.targetOf(pod("a", "p", null, "Running", SCRAPE_8080))).isEmpty();
    assertThat(ScrapeTargets.targetOf(pod("a", "p", "10.0.0.1", "Running", Map.of()))).isEmpty();
    assertThat(ScrapeTargets.targetOf(pod("a", "p", "10.0.0.1", "Running",
        Map.of(ScrapeTargets.SCRAPE, "false", ScrapeTargets.PORT, "8080")))).isEmpty();
    assertThat(ScrapeTargets.targetOf(pod("a", "p", "10.0.0.1", "Running",
        Map.of(ScrapeTargets.SCRAPE, "true", ScrapeTargets.PORT, "http")))).isEmpty();
    assertThat(ScrapeTargets.targetOf(pod("a", "p", "10.0.0.1", "Running",
        Map.of(ScrapeTargets.SCRAPE, "true", ScrapeTargets.PORT, "70000")))).isEmpty();
    assertThat(ScrapeTargets.targetOf(terminating(pod("a", "p", "10.0.0.1", "Running", SCRAPE_8080)))).isEmpty();
    assertThat(ScrapeTargets.targetOf(pod("a", "p", "fd00::5", "Running", SCRAPE_8080)))
        .contains("[fd00::5]:8080");
  }

  @Test
  void aPodThatStopsQualifyingOrIsDeletedLeavesTheFile() throws IOException {
    Path file = dir.resolve("pods.json");
    ScrapeTargets targets = new ScrapeTargets(file);
    Pod running = pod("shop", "web", "10.213.0.11", "Running", SCRAPE_8080);
    targets.onAdd(running);
    assertThat(read(file)).hasSize(1);

    Pod terminating = terminating(pod("shop", "web", "10.213.0.11", "Running", SCRAPE_8080));
    targets.onUpdate(running, terminating);
    assertThat(read(file)).isEmpty();

    targets.onUpdate(terminating, running);
    assertThat(read(file)).hasSize(1);
    targets.onDelete(running, false);
    assertThat(read(file)).isEmpty();
  }

  @Test
  void anUnchangedSetOfTargetsIsNotRewritten() throws IOException {
    Path file = dir.resolve("pods.json");
    ScrapeTargets targets = new ScrapeTargets(file);
    Pod pod = pod("shop", "web", "10.213.0.11", "Running", SCRAPE_8080);
    targets.onAdd(pod);
    FileTime old = FileTime.fromMillis(0);
    Files.setLastModifiedTime(file, old);

    targets.onUpdate(pod, pod("shop", "web", "10.213.0.11", "Running", SCRAPE_8080));
    targets.onAdd(pod("shop", "other", null, "Pending", SCRAPE_8080));

    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
  }

  private static Pod terminating(Pod pod) {
    pod.getMetadata().setDeletionTimestamp("2026-12-01T00:00:00Z");
    return pod;
  }

  private static JsonNode read(Path file) throws IOException {
    return new ObjectMapper().readTree(Files.readString(file));
  }

  private static Pod pod(String ns, String name, String ip, String phase, Map<String, String> annotations) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(ns).withName(name).withAnnotations(annotations).endMetadata()
        .withNewStatus().withPhase(phase).withPodIP(ip).endStatus()
        .build();
  }
}
