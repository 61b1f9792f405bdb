package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher with its class-data archive as {@code make install-plugin} lays them out
 * ({@code hack/install-plugin.sh}: bin/ and lib/kubectl-launchplan/), run as a process (needs no
 * cluster): the archive is used when it matches the jar, and a missing, stale or broken one changes
 * nothing but the speed.
 */
class LauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("launchplan.repoRoot", ".."));

  record Run(int exitCode, String out, String err) {}

  private static Run run(Path prefix, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(prefix.resolve("bin/kubectl-launchplan").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Path err = Files.createTempFile(prefix, "err", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private static Path install(Path prefix) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("hack/install-plugin.sh").toString()).redirectErrorStream(true);
    pb.environment().put("PREFIX", prefix.toString());
    pb.environment().put("KUBECONFIG", prefix.resolve("no-such-kubeconfig").toString()); // the warm-up needs no cluster
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("class-data archive: ");
    return prefix.resolve("lib/kubectl-launchplan/kubectl-launchplan.jsa");
  }

  /** The classes the JVM loaded on {@code --version}, as -Xlog:class+load lists them. */
  private static List<String> classesLoaded(Path prefix) throws IOException, InterruptedException {
    Path log = prefix.resolve("classes.log");
    Files.deleteIfExists(log);
    Run r = run(prefix, Map.of("KUBECTL_LAUNCHPLAN_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Files.readAllLines(log);
  }

  /** How many of the plugin's and picocli's classes the JVM mapped from the install's archive. */
  private static long fromTheArchive(Path prefix) throws IOException, InterruptedException {
    return classesLoaded(prefix).stream().filter(l -> l.contains("shared objects file"))
        .filter(l -> l.contains(" io.launchplan.") || l.contains(" picocli.")).count();
  }

  /** How many classes the JVM mapped from any archive (the install's or the JDK's own). */
  private static long fromAnyArchive(Path prefix) throws IOException, InterruptedException {
    return classesLoaded(prefix).stream().filter(l -> l.contains("shared objects file")).count();
  }

  @Test
  void anArchiveThatMatchesIsUsedAndAMissingStaleOrBrokenOneIsIgnoredSilently(@TempDir Path prefix) throws Exception {
    Path archive = install(prefix);
    assertThat(archive).exists();
    Run ok = run(prefix, Map.of(), "--version");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.err()).isEmpty();
    // picocli's classes too: Java 5 class files, which a dynamic archive would leave out
    assertThat(classesLoaded(prefix)).as("picocli mapped from the install's archive")
        .anySatisfy(l -> assertThat(l).contains(" picocli.CommandLine ").contains("shared objects file"));
    assertThat(fromTheArchive(prefix)).as("plugin and picocli classes mapped from the install's archive").isGreaterThan(100);

    // a JDK updated after the archive was made (its modules file newer than the archive): the launcher
    // leaves the archive out, and the JDK's own archive is used
    FileTime made = Files.getLastModifiedTime(archive);
    Files.setLastModifiedTime(archive, FileTime.from(Instant.EPOCH));
    Run jdkUpdated = run(prefix, Map.of(), "--version");
    assertThat(jdkUpdated.exitCode()).isZero();
    assertThat(jdkUpdated.out()).isEqualTo(ok.out());
    assertThat(jdkUpdated.err()).isEmpty();
    assertThat(fromTheArchive(prefix)).as("an archive older than the JDK is not used").isZero();
    assertThat(fromAnyArchive(prefix)).as("the JDK's own archive is").isGreaterThan(500);
    Files.setLastModifiedTime(archive, made);

    // stale: the jar replaced after the archive was recorded (same bytes, a new modification time)
    Path jar = prefix.resolve("lib/kubectl-launchplan/kubectl-launchplan.jar");
    Files.copy(jar, prefix.resolve("copy.jar"));
    Files.move(prefix.resolve("copy.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    Run stale = run(prefix, Map.of(), "--version");
    assertThat(stale.exitCode()).isZero();
    assertThat(stale.out()).isEqualTo(ok.out());
    assertThat(stale.err()).isEmpty();
    assertThat(fromTheArchive(prefix)).as("a stale archive is not used").isZero();

    // broken: not an archive at all
    Files.writeString(archive, "not a class-data archive");
    Run broken = run(prefix, Map.of(), "--version");
    assertThat(broken.exitCode()).isZero();
    assertThat(broken.out()).isEqualTo(ok.out());
    assertThat(broken.err()).isEmpty();

    // missing
    Files.delete(archive);
    Run missing = run(prefix, Map.of(), "--version");
    assertThat(missing.exitCode()).isZero();
    assertThat(missing.out()).isEqualTo(ok.out());
    assertThat(missing.err()).isEmpty();
  }
}
