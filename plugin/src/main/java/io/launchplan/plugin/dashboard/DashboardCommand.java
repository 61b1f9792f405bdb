package io.launchplan.plugin.dashboard;

import io.launchplan.plugin.Kube;
import io.launchplan.plugin.Main;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dashboard}: a web page on 127.0.0.1 that shows every plan the user's kubeconfig may read, live,
 * and drives promote/abort/pause/resume with that same kubeconfig (so RBAC decides, as for kubectl).
 */
@Command(name = "dashboard", description = {"Serve a live dashboard of launches on http://127.0.0.1:PORT (opens nothing itself).",
    "It reads and acts with your kubeconfig: what you see and may press is what your RBAC allows.",
    "Plans of every namespace by default; -n NAMESPACE for one."})
public final class DashboardCommand implements Callable<Integer> {
  /** The port when {@code --port} is not given. */
  public static final int DEFAULT_PORT = 8790;

  @ParentCommand
  Main root;

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
      description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port, printed).")
  int port;

  @Option(names = "--prometheus-url", paramLabel = "URL", defaultValue = "${env:LAUNCHPLAN_PROMETHEUS_URL}",
      description = "Prometheus for the charts (default: $LAUNCHPLAN_PROMETHEUS_URL, else each plan's analysis.prometheus.url).")
  String prometheusUrl;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean oneNamespace = root.globalOptions().namespaceGiven();
    try (Kube kube = Kube.connect(root.globalOptions());
         PlanHub hub = PlanHub.start(kube, oneNamespace ? kube.namespace() : null);
         DashboardServer server = DashboardServer.start(port, hub, new Actions(kube, root.clock()),
             new PrometheusRange(prometheusUrl == null || prometheusUrl.isBlank() ? null : URI.create(prometheusUrl)),
             root.clock())) {
      out.println("kubectl launchplan dashboard: " + server.url() + " (" + hub.scope() + "; Ctrl-C to stop)");
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }
}
