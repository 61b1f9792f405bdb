package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * operator/jvm.options, the image's JVM options: the JDK accepts every line (a typo would only show
 * as a pod that does not start), each takes effect as written, and both image builds use the file.
 */
class JvmOptionsTest {
  private static final Path OPTIONS = Path.of("jvm.options");

  private static List<String> options() throws IOException {
    return Files.readAllLines(OPTIONS).stream().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void theJdkAcceptsEveryOptionAndEachTakesEffect() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "@" + OPTIONS.toAbsolutePath(), "-XX:+PrintFlagsFinal", "-version")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    for (String option : options()) {
      String flag;
      if (option.startsWith("-Xms")) {
        flag = "InitialHeapSize";
      } else if (option.startsWith("-XX:")) {
        flag = option.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*", "");
      } else {
        throw new AssertionError("an option of a kind this test does not know: " + option);
      }
      assertThat(out).as(option).containsPattern("\\s" + flag + "\\s+=.*\\{command line\\}");
    }
    assertThat(out).containsPattern("\\sUseSerialGC\\s+= true").containsPattern("\\sTieredStopAtLevel\\s+= 1\\s");
  }

  @Test
  void bothImageBuildsRunTheJvmWithTheFile() throws IOException {
    assertThat(Files.readString(Path.of("Dockerfile")))
        .contains("operator/jvm.options /app/").contains("\"java\", \"@/app/jvm.options\"").contains("MALLOC_ARENA_MAX=2");
    assertThat(Files.readString(Path.of("../hack/image.sh")))
        .contains("operator/jvm.options").contains("--config.entrypoint=@/app/jvm.options").contains("MALLOC_ARENA_MAX=2");
  }
}
