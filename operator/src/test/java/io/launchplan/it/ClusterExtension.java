package io.launchplan.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: gives each test a {@link TestNamespace} of its own on the real local cluster,
 * deleted afterwards (unless the test failed and {@code LAUNCHPLAN_KEEP_FAILED=1}). Its name starts with
 * {@code it-}, or the system property {@code launchplan.namespacePrefix}, after the session's prefix
 * ({@link #sessionPrefix}).
 */
public final class ClusterExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ClusterExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    LocalCluster cluster = LocalCluster.get();
    // A test class may name its own prefix (@NamespacePrefix); else the run's (launchplan.namespacePrefix).
    NamespacePrefix own = context.getRequiredTestClass().getAnnotation(NamespacePrefix.class);
    String prefix = own != null ? own.value() + "-" : System.getProperty("launchplan.namespacePrefix", "it-");
    String name = (sessionPrefix() + prefix + context.getRequiredTestMethod().getName().replaceAll("[^A-Za-z0-9]", ""))
        .toLowerCase(Locale.ROOT);
    name = name.substring(0, Math.min(name.length(), 40)) + "-" + UUID.randomUUID().toString().substring(0, 6);
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    context.getStore(STORE).put("ns", new TestNamespace(cluster, name));
  }

  /**
   * {@code LAUNCHPLAN_TEST_SESSION_PREFIX} (e.g. {@code pl-}), or nothing: put before the name of every
   * namespace and cluster-scoped object the tests make, so that several people sharing one
   * development cluster can tell (and clean up) their own.
   */
  public static String sessionPrefix() {
    String prefix = System.getenv("LAUNCHPLAN_TEST_SESSION_PREFIX");
    return prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestNamespace ns = context.getStore(STORE).remove("ns", TestNamespace.class);
    if (ns == null) {
      return;
    }
    ns.stopOperators();
    boolean keep = context.getExecutionException().isPresent() && "1".equals(System.getenv("LAUNCHPLAN_KEEP_FAILED"));
    if (!keep) {
      ns.delete();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return e.getStore(STORE).get("ns", TestNamespace.class);
  }
}
