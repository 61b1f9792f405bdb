package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: usage errors, the flags kubectl users type, exit codes when the server is not there. */
class MainTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    return new Run(code, out.toString(), err.toString());
  }

  /** A kubeconfig whose server is a local port nothing listens on. */
  static Path deadKubeconfig(Path dir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: ctx, context: {cluster: c, user: u, namespace: shop}}]
        current-context: ctx
        """.formatted(port));
    return file;
  }

  @Test
  void noCommandIsAUsageError() {
    Run r = run();
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: a command is needed");
  }

  @Test
  void anUnknownFlagOrABadDurationIsAUsageError() {
    assertThat(run("get", "--bogus").code()).isEqualTo(ExitCodes.USAGE);
    Run r = run("status", "web", "--wait", "--timeout", "ten minutes");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("is not a duration").contains("See 'kubectl launchplan status --help' for usage.");
    assertThat(run("abort", "web").err()).contains("Missing required option: '--reason=TEXT'");
  }

  @Test
  void anUnreachableServerIsKubectlsErrorWithExitOneAndThreeForStatus(@TempDir Path dir) throws IOException {
    Path kubeconfig = deadKubeconfig(dir);
    Run get = run("--kubeconfig", kubeconfig.toString(), "get");
    assertThat(get.code()).isEqualTo(1);
    assertThat(get.err()).matches("The connection to the server 127\\.0\\.0\\.1:\\d+ was refused - did you specify the right host or port\\?\\n");
    // flags after the command name work as well as before it
    Run status = run("status", "web", "--kubeconfig", kubeconfig.toString(), "-n", "shop");
    assertThat(status.code()).isEqualTo(ExitCodes.STATUS_ERROR);
    assertThat(status.err()).contains("was refused");
  }

  @Test
  void aMissingKubeconfigFileOrContextIsNamed(@TempDir Path dir) throws IOException {
    Run r = run("--kubeconfig", dir.resolve("nope").toString(), "get");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: stat " + dir.resolve("nope") + ": no such file or directory\n");
    Run ctx = run("--kubeconfig", deadKubeconfig(dir).toString(), "--context", "other", "get");
    assertThat(ctx.err()).isEqualTo("error: context was not found for specified context: other\n");
  }

  @Test
  void aNamespaceNamedLikeACommandIsStillANamespace(@TempDir Path dir) throws IOException {
    // only the named commands are built; "lanes" here is the namespace, "get" the command
    Run r = run("--kubeconfig", deadKubeconfig(dir).toString(), "-n", "lanes", "get");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("was refused");
  }

  @Test
  void theHelpListsEveryCommandButTheWarmUp() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("get ", "status ", "promote ", "abort ", "pause ", "resume ", "freeze ", "unfreeze ",
        "lanes ", "postmortem ", "Exit codes: 0 done").doesNotContain("__warm-up");
    assertThat(run("help", "status").out()).contains("--timeout=DURATION");
  }

  @Test
  void eachCommandPrintsItsHelpAsTheUsageErrorsAdvise() {
    Run r = run("get", "--help");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Usage: kubectl-launchplan get", "--watch");
    assertThat(run("status", "-h").out()).contains("--timeout=DURATION");
  }

  @Test
  void getByNameAcrossAllNamespacesIsRefusedLikeKubectl() {
    Run r = run("get", "web", "-A");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: a resource cannot be retrieved by name across all namespaces\n");
  }

  @Test
  void freezeNeedsANamespaceOrCluster() {
    Run r = run("freeze", "--reason", "x");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: give either a NAMESPACE or --cluster\n");
  }
}
