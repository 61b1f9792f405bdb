package io.launchplan.plugin;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.analysis.PrometheusEndpoint;
import io.launchplan.analysis.PrometheusException;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.PrometheusSpec;
import io.launchplan.cluster.Labels;
import io.launchplan.cluster.PrometheusConnections;
import io.launchplan.cluster.PrometheusConnections.DefaultConnection;
import io.launchplan.cluster.WatchedObjects;
import io.launchplan.plugin.backtest.Backtest;
import io.launchplan.plugin.backtest.BacktestException;
import io.launchplan.plugin.backtest.BacktestReport;
import io.launchplan.plugin.backtest.CheckReport;
import io.launchplan.plugin.backtest.PrometheusHistory;
import io.launchplan.plugin.backtest.RevertDelays;
import io.launchplan.plugin.backtest.StepRange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code backtest -f plan.yaml | PLAN [--since 24h] [--step 10s] [-o json]}: runs the plan's queries and
 * alert selectors over Prometheus history with the target Deployment's current pods standing in for a
 * canary, and reports how often each would have fired and acted; see docs/plugin.md for the figures,
 * the rules behind them and the exit codes.
 */
@Command(name = "backtest", description = {"Run a plan's queries and alert selectors over Prometheus history.",
    "${canaryPods} and ${stablePods} are the target Deployment's current pods (the stable version stands in for a canary).",
    "Exit codes: 0 every check evaluated, 1 error, 2 Prometheus rejected a query, 3 Prometheus unreachable,",
    "4 a check had no data in the range, 64 bad usage."})
final class BacktestCommand extends PluginCommand {
  static final int REJECTED = 2;
  static final int UNREACHABLE = 3;
  static final int NO_DATA = 4;
  /** The chart's settings ConfigMap (release launchplan in namespace launchplan, as docs/install.md installs it). */
  static final String DEFAULT_SETTINGS = "launchplan/launchplan-operator-settings";

  @Parameters(paramLabel = "PLAN", arity = "0..1", description = "A LaunchPlan in the cluster.")
  String name;

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "A LaunchPlan manifest instead (- for stdin).")
  String file;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
      description = "How far back from now (default: ${DEFAULT-VALUE}).")
  Duration since;

  @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "The distance between evaluations (default: the plan's analysis.interval).")
  Duration step;

  @Option(names = "--prometheus-url", paramLabel = "URL",
      description = "Prometheus to ask (default: the plan's analysis.prometheus.url, else $LAUNCHPLAN_PROMETHEUS_URL, "
          + "else the operator's default from its settings ConfigMap).")
  String prometheusUrl;

  @Option(names = "--prometheus-header", paramLabel = "NAME:VALUE",
      description = "A header to send to Prometheus, e.g. 'Authorization: Bearer ...' (repeatable).")
  List<String> headers;

  @Option(names = "--operator-settings", paramLabel = "NAMESPACE/NAME", defaultValue = DEFAULT_SETTINGS,
      description = "The operator's settings ConfigMap, for its default Prometheus (default: ${DEFAULT-VALUE}).")
  String settings;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json (default: tables).")
  String output;

  @Override
  int execute() {
    if ((name == null) == (file == null)) {
      throw new ParameterException(spec.commandLine(), "name a PLAN or give -f FILE (one of them)");
    }
    if (output != null && !output.equals("json")) {
      throw new ParameterException(spec.commandLine(), "-o must be json (or left out for tables)");
    }
    LaunchPlan plan = file != null ? fromFile() : plan(name);
    String ns = plan.getMetadata().getNamespace() != null ? plan.getMetadata().getNamespace() : namespace();
    AnalysisSpec analysis = plan.getSpec().analysisOrDefault();
    if (!analysis.hasPrometheusChecks()) {
      throw new Failure(ns + "/" + plan.getMetadata().getName() + " has no analysis queries or alerts to backtest");
    }
    String target = Plans.target(plan);
    List<Pod> pods = targetPods(ns, target);
    List<String> names = pods.stream().map(p -> p.getMetadata().getName()).sorted().toList();
    String revision = revision(plan, pods);
    String[] where = prometheus(plan, analysis);
    URI base;
    try {
      base = PrometheusUrls.parse(where[0]);
    } catch (IllegalArgumentException e) {
      throw new Failure("Prometheus URL (" + where[1] + ") " + e.getMessage());
    }
    StepRange range;
    try {
      range = StepRange.last(since, now(), step != null ? step : analysis.intervalOrDefault());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrometheusHistory history;
    try {
      history = new PrometheusHistory(base, connection(ns, analysis, base), global().requestTimeout());
    } catch (PrometheusException e) { // a CA that holds no certificate (the operator's words)
      throw new Failure("spec.analysis.prometheus: " + e.getMessage());
    }
    List<CheckReport> checks;
    try {
      checks = new Backtest(history, range).run(analysis, new QueryVariables(ns, target, names, names, revision));
    } catch (IllegalArgumentException e) {
      throw new Failure(e.getMessage());
    } catch (BacktestException e) {
      boolean hint = e.getMessage().contains(" unreachable: ") && !where[1].startsWith("--prometheus-url");
      throw new Failure(e.getMessage() + (hint ? " (give --prometheus-url, e.g. after kubectl port-forward)" : ""),
          UNREACHABLE);
    }
    BacktestReport report = new BacktestReport(ns + "/" + plan.getMetadata().getName(), target, names, revision,
        base.toString(), where[1], range.start().toString(), range.end().toString(), range.step().toSeconds(), checks,
        RevertDelays.of(history(plan, ns), plan.getSpec().canaryOrDefault().observeOrDefault()));
    out().print(output != null ? BacktestOutput.json(report) : BacktestOutput.table(report));
    out().flush();
    int code = ExitCodes.OK;
    for (CheckReport c : checks) {
      if (c.error() == null) {
        continue;
      }
      boolean noData = c.error().startsWith(Backtest.NO_DATA);
      err().println("error: " + c.kind() + " " + c.name() + ": " + c.error());
      code = code == REJECTED || !noData ? REJECTED : NO_DATA;
    }
    return code;
  }

  private LaunchPlan fromFile() {
    String text;
    try {
      text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new Failure("cannot read " + file + ": " + e.getMessage());
    }
    LaunchPlan plan;
    try {
      plan = kube().client().getKubernetesSerialization().unmarshal(text, LaunchPlan.class);
    } catch (RuntimeException e) {
      throw new Failure(file + " is not a LaunchPlan: " + e.getMessage());
    }
    if (plan == null || plan.getSpec() == null || plan.getMetadata() == null) {
      throw new Failure(file + " is not a LaunchPlan (no metadata or spec)");
    }
    return plan;
  }

  /** The target's pods that are not a canary's and not on their way out. */
  private List<Pod> targetPods(String ns, String target) {
    Deployment d = kube().client().apps().deployments().inNamespace(ns).withName(target).get();
    if (d == null) {
      throw new Failure("Error from server (NotFound): deployments.apps \"" + target + "\" not found");
    }
    Map<String, String> match = d.getSpec().getSelector().getMatchLabels();
    List<Pod> pods = kube().client().pods().inNamespace(ns).withLabels(match == null ? Map.of() : match).list().getItems()
        .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getMetadata().getLabels() == null || !p.getMetadata().getLabels().containsKey(Labels.ROLE)).toList();
    if (pods.isEmpty()) {
      throw new Failure("Deployment " + ns + "/" + target + " has no pods to stand in for ${canaryPods}");
    }
    return pods;
  }

  /** The revision the target's pods carry (the operator stamps them), else the plan's stable revision. */
  private static String revision(LaunchPlan plan, List<Pod> pods) {
    for (Pod p : pods) {
      Map<String, String> a = p.getMetadata().getAnnotations();
      if (a != null && a.get(Labels.REVISION) != null) {
        return a.get(Labels.REVISION);
      }
    }
    var s = plan.getStatus();
    return s == null ? "" : s.getStableRevision() != null ? s.getStableRevision() : s.getRevision() != null ? s.getRevision() : "";
  }

  /** The URL to ask and where it came from. */
  private String[] prometheus(LaunchPlan plan, AnalysisSpec analysis) {
    if (prometheusUrl != null && !prometheusUrl.isBlank()) {
      return new String[] {prometheusUrl, "--prometheus-url"};
    }
    if (analysis.getPrometheus() != null && analysis.getPrometheus().getUrl() != null) {
      return new String[] {analysis.getPrometheus().getUrl(), "the plan's analysis.prometheus.url"};
    }
    String env = System.getenv("LAUNCHPLAN_PROMETHEUS_URL");
    if (env != null && !env.isBlank()) {
      return new String[] {env, "$LAUNCHPLAN_PROMETHEUS_URL, the plan names none"};
    }
    String[] ref = settings.split("/", 2);
    if (ref.length == 2) {
      try {
        ConfigMap cm = kube().client().configMaps().inNamespace(ref[0]).withName(ref[1]).get();
        String text = cm == null || cm.getData() == null ? null : cm.getData().get("settings.yaml");
        if (text != null) {
          Object url = kube().client().getKubernetesSerialization().unmarshal(text, Map.class).get("LAUNCHPLAN_PROMETHEUS_URL");
          if (url != null) {
            return new String[] {url.toString(), "the operator's default, ConfigMap " + settings};
          }
        }
      } catch (KubernetesClientException e) {
        // not allowed to read it, or no such namespace: the built-in default it is
      }
    }
    return new String[] {PrometheusUrls.BUILT_IN_DEFAULT, "the operator's built-in default"};
  }

  /**
   * The plan's {@code analysis.prometheus} connection ({@code auth} as {@code Authorization}, {@code headers},
   * {@code tls}), its Secrets and ConfigMaps read with the user's kubeconfig by the operator's own
   * {@link PrometheusConnections}, then the headers of {@code --prometheus-header} ({@link BacktestConnection}).
   */
  private ConnectionSettings connection(String ns, AnalysisSpec analysis, URI base) {
    PrometheusSpec own = analysis.getPrometheus();
    PrometheusEndpoint resolved = null;
    if (BacktestConnection.fromThePlan(own)) {
      try (WatchedObjects objects = new WatchedObjects(kube().client())) {
        resolved = new PrometheusConnections(objects, PrometheusUrls.of(base, null), DefaultConnection.NONE)
            .source(ns, analysis).get();
      } catch (PrometheusException e) {
        throw new Failure(e.getMessage());
      }
    }
    BacktestConnection.warning(own).ifPresent(err()::println);
    try {
      return BacktestConnection.of(resolved, headers);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The history of the plan: its own status, else (for -f) that of the plan of the same name in the cluster. */
  private List<HistoryEntry> history(LaunchPlan plan, String ns) {
    if (plan.getStatus() != null && plan.getStatus().getHistory() != null) {
      return plan.getStatus().getHistory();
    }
    try {
      LaunchPlan live = plans().inNamespace(ns).withName(plan.getMetadata().getName()).get();
      return live == null || live.getStatus() == null ? List.of() : live.getStatus().getHistory();
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }
}
