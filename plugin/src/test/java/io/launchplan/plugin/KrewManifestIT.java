package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code hack/krew-manifest.sh} (what {@code make krew-manifest} runs after the package phase, so this is
 * an IT; it needs no cluster): the manifest it writes names the archive by its real URI and sha256.
 */
class KrewManifestIT {
  private static final Path ROOT = Path.of(System.getProperty("launchplan.repoRoot", ".."));
  private static final Path OUT = ROOT.resolve("target/krew");
  private static final String RELEASE = "https://github.com/example-org/launchplan-operator/releases/download/v0.1.0";

  record Run(int exitCode, String output) {}

  private static Run run(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("hack/krew-manifest.sh").toString()).redirectErrorStream(true);
    pb.environment().remove("RELEASE_URL");
    pb.environment().remove("VERSION");
    pb.environment().remove("HOMEPAGE");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void theManifestNamesTheArchiveByItsReleaseUriAndSha256() throws Exception {
    Run r = run(Map.of("RELEASE_URL", RELEASE + "/"));
    assertThat(r.exitCode()).as(r.output()).isZero();

    Path archive = OUT.resolve("kubectl-launchplan.tar.gz");
    String text = Files.readString(OUT.resolve("launchplan.yaml"));
    assertThat(text).doesNotContain("@VERSION@", "@HOMEPAGE@", "@URI@", "@SHA256@", "example.com");
    JsonNode m = Serialization.unmarshal(text, JsonNode.class);
    assertThat(m.path("spec").path("version").asText()).isEqualTo("v0.1.0");
    assertThat(m.path("spec").path("homepage").asText()).isEqualTo("https://github.com/example-org/launchplan-operator");
    JsonNode platform = m.path("spec").path("platforms").get(0);
    assertThat(platform.path("uri").asText()).isEqualTo(RELEASE + "/kubectl-launchplan.tar.gz");
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    assertThat(platform.path("sha256").asText()).isEqualTo(sha256);

    List<String> files = new ArrayList<>();
    platform.path("files").forEach(f -> files.add(f.path("from").asText()));
    Process tar = new ProcessBuilder("tar", "-tvzf", archive.toString()).start();
    String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor()).isZero();
    assertThat(files).containsExactlyInAnyOrder("kubectl-launchplan", "kubectl-launchplan.jar");
    assertThat(listing).contains("./kubectl-launchplan.jar");
    assertThat(listing.lines().filter(l -> l.endsWith("./kubectl-launchplan")).findFirst().orElseThrow()).startsWith("-rwx");
  }

  @Test
  void withoutAReleaseUrlOrWithAPlainHttpOneNothingIsWritten() throws Exception {
    Files.deleteIfExists(OUT.resolve("launchplan.yaml"));
    Run none = run(Map.of());
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.output()).contains("set RELEASE_URL");

    Run http = run(Map.of("RELEASE_URL", "http://example.org/v0.1.0"));
    assertThat(http.exitCode()).isNotZero();
    assertThat(http.output()).contains("must be an https:// address");

    Run noHome = run(Map.of("RELEASE_URL", "https://downloads.example.org/v0.1.0"));
    assertThat(noHome.exitCode()).isNotZero();
    assertThat(noHome.output()).contains("set HOMEPAGE");
    assertThat(OUT.resolve("launchplan.yaml")).doesNotExist();

    Run badVersion = run(Map.of("RELEASE_URL", RELEASE, "VERSION", "0.1"));
    assertThat(badVersion.exitCode()).isNotZero();
    assertThat(badVersion.output()).contains("VERSION must be v<semver>");
  }
}
