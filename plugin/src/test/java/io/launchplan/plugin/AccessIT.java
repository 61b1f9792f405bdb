package io.launchplan.plugin;

import static io.launchplan.plugin.FollowAndStatusIT.observingLong;
import static io.launchplan.plugin.FollowAndStatusIT.startOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.Phase;
import io.launchplan.cluster.Labels;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.LocalCluster;
import io.launchplan.it.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who the plugin talks as: a read-only user is refused in the API server's words; the kubeconfig's context and namespace count. */
@ExtendWith(ClusterExtension.class)
class AccessIT {
  @Test
  void aUserWhoMayOnlyReadGetsButIsRefusedEveryControl(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, Duration.ofSeconds(60));
    String user = "plugin-reader";
    ns.client().rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("lp-reader").endMetadata()
        .addNewRule().withApiGroups("launchplan.io").withResources("launchplans").withVerbs("get", "list", "watch").endRule()
        .build()).create();
    ns.client().rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("lp-reader").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("lp-reader").endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
        .build()).create();

    PluginProcess.Result get = PluginProcess.run("-n", ns.name(), "--as", user, "get", "web");
    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(get.out()).contains("Observing");

    // the table's list (gzip, table fields; PlanListing) as the reader, and as the reader everywhere
    PluginProcess.Result table = PluginProcess.run("-n", ns.name(), "--as", user, "get");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).startsWith("NAME").contains("web", "Observing");
    PluginProcess.Result everywhere = PluginProcess.run("-A", "--as", user, "get");
    assertThat(everywhere.exitCode()).as(everywhere.toString()).isEqualTo(1);
    assertThat(everywhere.out()).isEmpty();
    assertThat(everywhere.err()).isEqualTo("Error from server (Forbidden): launchplans.launchplan.io is forbidden: User \""
        + user + "\" cannot list resource \"launchplans\" in API group \"launchplan.io\" at the cluster scope\n");

    PluginProcess.Result promote = PluginProcess.run("-n", ns.name(), "--as", user, "promote", "web");
    System.out.println("promote --as " + user + ":\n" + promote);
    assertThat(promote.exitCode()).as(promote.toString()).isEqualTo(1);
    assertThat(promote.out()).isEmpty();
    assertThat(promote.err()).isEqualTo("Error from server (Forbidden): launchplans.launchplan.io \"web\" is forbidden: User \""
        + user + "\" cannot patch resource \"launchplans\" in API group \"launchplan.io\" in the namespace \"" + ns.name() + "\"\n");

    PluginProcess.Result abort = PluginProcess.run("-n", ns.name(), "--as", user, "abort", "web", "--reason", "not mine to abort");
    assertThat(abort.exitCode()).as(abort.toString()).isEqualTo(1);
    assertThat(abort.err()).startsWith("Error from server (Forbidden): ").contains("cannot patch resource \"launchplans\"");

    PluginProcess.Result freeze = PluginProcess.run("--as", user, "freeze", ns.name(), "--reason", "not mine to freeze");
    System.out.println("freeze --as " + user + ":\n" + freeze);
    assertThat(freeze.exitCode()).as(freeze.toString()).isEqualTo(1);
    // the API server's words for the first request it refused (fabric8 reads the Namespace first, like kubectl annotate)
    assertThat(freeze.err()).matches("Error from server \\(Forbidden\\): namespaces \"" + ns.name() + "\" is forbidden: User \""
        + user + "\" cannot (get|patch) resource \"namespaces\" in API group \"\" in the namespace \"" + ns.name() + "\"\n");

    PluginProcess.Result status = PluginProcess.run("-n", "default", "--as", user, "status", "web");
    assertThat(status.exitCode()).as("status exits 3 on an error: " + status).isEqualTo(3);
    assertThat(status.err()).startsWith("Error from server (Forbidden): ").contains("cannot get resource \"launchplans\"");

    // nothing changed
    var plan = ns.plan("web");
    assertThat(plan.getMetadata().getAnnotations() == null ? Map.of() : plan.getMetadata().getAnnotations())
        .doesNotContainKeys(Labels.PROMOTE, Labels.ABORT);
    assertThat(plan.getStatus().getPhase()).isEqualTo(Phase.Observing);
    var nsAnnotations = ns.client().namespaces().withName(ns.name()).get().getMetadata().getAnnotations();
    assertThat(nsAnnotations == null ? Map.of() : nsAnnotations).doesNotContainKey(Labels.FREEZE);
  }

  @Test
  void theKubeconfigFromTheEnvironmentWithAContextAndItsNamespace(TestNamespace ns) throws IOException {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, Duration.ofSeconds(60));
    // a copy of the cluster's kubeconfig with one more context, whose namespace is the test's
    String kubeconfig = Files.readString(LocalCluster.kubeconfigPath());
    var config = Serialization.unmarshal(kubeconfig, Config.class);
    var current = config.getContexts().stream().filter(c -> c.getName().equals(config.getCurrentContext())).findFirst().orElseThrow();
    config.getContexts().add(new NamedContextBuilder().withName("plugin-team")
        .withNewContext().withCluster(current.getContext().getCluster()).withUser(current.getContext().getUser())
        .withNamespace(ns.name()).endContext().build());
    Path copy = Files.createTempFile("plugin-kubeconfig", ".yaml");
    Files.writeString(copy, Serialization.asYaml(config));
    try {
      PluginProcess.Result r = PluginProcess.startWithKubeconfigEnv(copy, List.of("--context", "plugin-team", "get"))
          .await(Duration.ofSeconds(60));
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("web ").contains("Observing");

      PluginProcess.Result unknown = PluginProcess.startWithKubeconfigEnv(copy, List.of("--context", "nope", "get"))
          .await(Duration.ofSeconds(60));
      assertThat(unknown.exitCode()).isEqualTo(1);
      assertThat(unknown.err()).isEqualTo("error: context was not found for specified context: nope\n");
    } finally {
      Files.deleteIfExists(copy);
    }
  }
}
