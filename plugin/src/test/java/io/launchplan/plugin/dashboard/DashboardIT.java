package io.launchplan.plugin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.Labels;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.NamespacePrefix;
import io.launchplan.it.OperatorProcess;
import io.launchplan.it.Plans;
import io.launchplan.it.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real headless Chromium, against the real cluster, Prometheus and simulator,
 * with the operator running as a process of its own: the overview follows a launch live, a plan's
 * page charts the canary's error ratio from Prometheus and marks the revert, abort from the page
 * reverts the launch, and a read-only user sees the page but is refused the abort in the API
 * server's words. The overview's and a plan page's screenshots in docs/ come from these runs.
 */
@ExtendWith(ClusterExtension.class)
@NamespacePrefix("db")
class DashboardIT {
  private static final Duration PAGE = Duration.ofSeconds(60);
  private static final Path DOCS = Path.of(System.getProperty("launchplan.repoRoot", ".."), "docs", "images");

  /** The canary serves half its requests as 5xx (the simulator reads the pod annotation); the check reverts after 3s of it. */
  private static final String BAD_CANARY = """
      apiVersion: launchplan.io/v1alpha1
      kind: LaunchPlan
      metadata: {name: web}
      spec:
        targetRef: {name: web}
        template:
          metadata:
            annotations: {sim.launchplan.io/error-ratio: "0.5"}
          spec:
            containers: [{name: app, image: "registry.example/web:2"}]
        canary: {observe: 5m}
        rollout: {observe: 5s}
        analysis:
          interval: 1s
          queries:
            - name: canary-5xx-ratio
              expr: |
                sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}",code=~"5.."}[5s]))
                  / sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}"}[5s])) > 0.2
              for: 8s
              action: Revert
      """;

  static LaunchPlan observingLong(String name, String app, String lane) {
    LaunchPlan plan = Plans.simple(name, app, "lane: " + lane + "\n");
    plan.getSpec().getCanary().setObserve("10m");
    return plan;
  }

  static void startOperator(TestNamespace ns) {
    OperatorProcess.start(ns, Path.of("target", "operator-" + ns.name() + ".log"));
  }

  @Test
  void theOverviewShowsARunningLaunchAndUpdatesWhenItPromotes(TestNamespace ns) throws Exception {
    ns.createWeb();
    ns.createDeployment("api", 2, "registry.example/api:1", Map.of("sim.launchplan.io/rps", "10"));
    ns.createDeployment("search", 2, "registry.example/search:1", Map.of("sim.launchplan.io/rps", "10"));
    ns.awaitAvailable("api", Duration.ofSeconds(60));
    ns.awaitAvailable("search", Duration.ofSeconds(60));
    startOperator(ns);
    ns.apply(observingLong("web", "web", "shop"));
    ns.awaitPhase("web", Phase.Observing, Duration.ofSeconds(90));
    ns.apply(observingLong("api", "api", "shop"));
    ns.awaitReason("api", Phase.Pending, "LaneBusy", Duration.ofSeconds(60));
    LaunchPlan held = observingLong("search", "search", "search");
    held.getSpec().setPaused(true);
    ns.apply(held);

    try (DashboardProcess dashboard = DashboardProcess.start("-n", ns.name()); Browser browser = Browser.start()) {
      browser.driver.get(dashboard.url);
      String web = "tr[data-key='" + ns.name() + "/web']";
      browser.waiting(PAGE).until(ExpectedConditions.attributeToBe(By.cssSelector(web), "data-phase", "Observing"));
      WebElement lane = browser.driver.findElement(By.cssSelector("section.lane[data-lane='" + ns.name() + "/shop']"));
      assertThat(lane.getText()).contains("lane shop", "web", "Observing", "api", "Pending", "LaneBusy", "#1");
      assertThat(browser.driver.findElement(By.cssSelector(web + " .step")).getText()).contains("canary observed", "1/1");
      browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("tr[data-key='" + ns.name() + "/search'] .held"), "spec.paused"));
      browser.screenshot(DOCS.resolve("dashboard-overview.png"));

      // the page is not reloaded: a mark set in it now is still there when the promotion shows
      browser.driver.executeScript("window.__notReloaded = true;");
      ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"" + Labels.PROMOTE + "\":\"go\"}}}");
      browser.waiting(PAGE).until(d -> {
        String phase = d.findElement(By.cssSelector(web)).getAttribute("data-phase");
        return phase.equals("RollingOut") || phase.equals("Verifying") || phase.equals("Succeeded");
      });
      assertThat(browser.driver.executeScript("return window.__notReloaded === true;")).isEqualTo(true);
      browser.waiting(Duration.ofSeconds(120)).until(ExpectedConditions.attributeToBe(By.cssSelector(web), "data-phase", "Succeeded"));
      // and the next in the lane starts once the first has ended
      browser.waiting(Duration.ofSeconds(120)).until(d -> !d.findElement(By.cssSelector("tr[data-key='" + ns.name() + "/api']"))
          .getAttribute("data-phase").equals("Pending"));
    }
  }

  @Test
  void aPlanPageDrawsTheCanaryErrorRatioAndMarksTheRevert(TestNamespace ns) throws Exception {
    ns.createWeb();
    startOperator(ns);
    ns.apply(Plans.fromYaml(BAD_CANARY));
    LaunchPlan reverted = ns.awaitPhase("web", Phase.Reverted, Duration.ofSeconds(180));
    assertThat(reverted.getStatus().getHistory()).extracting(HistoryEntry::getPhase).contains(Phase.Reverting);

    try (DashboardProcess dashboard = DashboardProcess.start("-n", ns.name(),
        "--prometheus-url", String.valueOf(ns.prometheus())); Browser browser = Browser.start()) {
      browser.driver.get(dashboard.url + "plan/" + ns.name() + "/web");
      By chart = By.cssSelector(".chart[data-chart='canary-5xx-ratio']");
      browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(chart));
      WebElement c = browser.driver.findElement(chart);
      assertThat(Integer.parseInt(c.getAttribute("data-points"))).as("samples drawn").isGreaterThan(3);
      assertThat(c.getAttribute("data-series")).contains("canary", "stable", "threshold > 0.2");
      assertThat(c.getAttribute("data-marks").split(",")).contains("revert", "end");
      assertThat(c.findElements(By.cssSelector("canvas"))).isNotEmpty();
      // the canary's error ratio, as Prometheus has it: about half (the simulator's 0.5), the stable pods' none
      assertThat(c.getText()).doesNotContain("unreachable");
      Map<?, ?> max = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(c.getAttribute("data-max"), Map.class);
      assertThat(((Number) max.get("canary")).doubleValue()).as("canary's highest 5xx ratio").isBetween(0.3, 0.7);
      assertThat(((Number) max.get("stable")).doubleValue()).as("stable pods' highest 5xx ratio").isLessThan(0.05);
      assertThat(browser.driver.findElement(By.id("summary")).getText()).contains("Reverted", "AnalysisRevert");
      assertThat(browser.driver.findElement(By.id("timeline")).getText()).contains("Reverting", "canary-5xx-ratio");
      assertThat(browser.driver.findElement(By.id("promote")).isEnabled()).isFalse();
      browser.screenshot(DOCS.resolve("dashboard-plan.png"));
    }
  }

  @Test
  void abortFromThePageRevertsTheLaunch(TestNamespace ns) throws Exception {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web", "web", "web"));
    ns.awaitPhase("web", Phase.Observing, Duration.ofSeconds(90));
    try (DashboardProcess dashboard = DashboardProcess.start("-n", ns.name()); Browser browser = Browser.start()) {
      browser.driver.get(dashboard.url + "plan/" + ns.name() + "/web");
      browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Observing"));
      browser.driver.findElement(By.id("abort-reason")).sendKeys("p99 doubled on the canary");
      browser.driver.findElement(By.id("abort")).click();
      browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "annotated"));
      LaunchPlan done = ns.awaitPhase("web", Phase.Reverted, Duration.ofSeconds(120));
      assertThat(done.getStatus().getHistory()).anySatisfy(e -> {
        assertThat(e.getReason()).isEqualTo("Aborted");
        assertThat(e.getMessage()).contains("p99 doubled on the canary", "set by " + Actions.FIELD_MANAGER);
      });
      // the page follows: Reverted, without a reload
      browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Reverted"));
      assertThat(ns.deployment("web-canary")).isNull();
    }
  }

  @Test
  void aReadOnlyUserSeesThePageButIsRefusedTheAbortInTheApiServersWords(TestNamespace ns) throws Exception {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web", "web", "web"));
    ns.awaitPhase("web", Phase.Observing, Duration.ofSeconds(90));
    String user = "db-reader";
    ns.client().rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("lp-reader").endMetadata()
        .addNewRule().withApiGroups("launchplan.io").withResources("launchplans").withVerbs("get", "list", "watch").endRule()
        .build()).create();
    ns.client().rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("lp-reader").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("lp-reader").endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
        .build()).create();

    try (DashboardProcess dashboard = DashboardProcess.start("--as", user, "-n", ns.name()); Browser browser = Browser.start()) {
      browser.driver.get(dashboard.url + "plan/" + ns.name() + "/web");
      browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Observing"));
      browser.driver.findElement(By.id("abort-reason")).sendKeys("not mine to abort");
      browser.driver.findElement(By.id("abort")).click();
      By result = By.cssSelector("#action-result.refused");
      browser.waiting(PAGE).until(ExpectedConditions.presenceOfElementLocated(result));
      assertThat(browser.driver.findElement(result).getText()).isEqualTo("Error from server (Forbidden): launchplans.launchplan.io \"web\" "
          + "is forbidden: User \"" + user + "\" cannot patch resource \"launchplans\" in API group \"launchplan.io\" in the namespace \""
          + ns.name() + "\"");
      browser.driver.findElement(By.id("promote")).click();
      browser.waiting(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#action-result.refused"),
          "cannot patch resource \"launchplans\""));
    }
    LaunchPlan plan = ns.plan("web");
    assertThat(plan.getMetadata().getAnnotations() == null ? Map.of() : plan.getMetadata().getAnnotations())
        .doesNotContainKeys(Labels.ABORT, Labels.PROMOTE);
    assertThat(plan.getStatus().getPhase()).isEqualTo(Phase.Observing);
  }
}
