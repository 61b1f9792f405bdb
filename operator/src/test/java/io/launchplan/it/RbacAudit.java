package io.launchplan.it;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every API request a Kubernetes client makes as an RBAC attribute
 * ({@code group/resource[/subresource] verb}) with the response code, so a test can compare what
 * the operator really did with what its Role grants.
 */
final class RbacAudit implements Interceptor {
  /** One request as the API server's authorizer sees it. */
  record Call(String group, String resource, String verb, String namespace, String name, int code, String path) {
    String permission() {
      return permission(group, resource, verb);
    }

    static String permission(String group, String resource, String verb) {
      return (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb;
    }
  }

  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

  /** A client of the cluster in {@code kubeconfig} acting as {@code user} (impersonated) whose calls this audit records. */
  KubernetesClient clientAs(Path kubeconfig, String user, String... groups) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(30_000);
      config.setImpersonateUsername(user);
      config.setImpersonateGroups(groups);
      return new KubernetesClientBuilder().withConfig(config)
          .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("rbac-audit", this)).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
  }

  /**
   * A client of the API server in {@code kubeconfig} that authenticates with {@code bearerToken}
   * only (the kubeconfig's client certificate is left out, or it would win), whose calls this audit records.
   */
  KubernetesClient clientWithToken(Path kubeconfig, String bearerToken) {
    try {
      Config admin = Config.fromKubeconfig(Files.readString(kubeconfig));
      Config config = new ConfigBuilder(Config.empty()).withMasterUrl(admin.getMasterUrl())
          .withCaCertData(admin.getCaCertData()).withCaCertFile(admin.getCaCertFile())
          .withOauthToken(bearerToken).withRequestTimeout(30_000).build();
      return new KubernetesClientBuilder().withConfig(config)
          .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("rbac-audit", this)).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    Call call = parse(request.method(), request.uri(), response.code());
    if (call != null) {
      calls.add(call);
      // A server-side apply that creates the object (201) is authorized as create as well as patch.
      if (call.verb().equals("patch") && response.code() == 201) {
        calls.add(new Call(call.group(), call.resource(), "create", call.namespace(), call.name(), 201, call.path()));
      }
    }
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** The permissions used by successful requests (2xx, or 404/409 which the authorizer let through). */
  Set<String> usedPermissions() {
    Set<String> used = new TreeSet<>();
    for (Call c : calls) {
      if (c.code() != 401 && c.code() != 403) {
        used.add(c.permission());
      }
    }
    return used;
  }

  List<Call> denied() {
    return calls.stream().filter(c -> c.code() == 401 || c.code() == 403).toList();
  }

  /** Every {@code group/resource verb} a set of rules grants (resource names ignored). */
  static Set<String> granted(Collection<PolicyRule> rules) {
    Set<String> granted = new TreeSet<>();
    for (PolicyRule r : rules) {
      for (String g : r.getApiGroups()) {
        for (String res : r.getResources()) {
          for (String v : r.getVerbs()) {
            granted.add(Call.permission(g, res, v));
          }
        }
      }
    }
    return granted;
  }

  /** Maps a request to its RBAC attributes; null for non-resource paths (discovery, /version). */
  static Call parse(String method, URI uri, int code) {
    String[] seg = uri.getPath().replaceAll("^/+", "").split("/");
    int i;
    String group;
    if (seg.length >= 3 && seg[0].equals("api")) {
      group = "";
      i = 2;
    } else if (seg.length >= 4 && seg[0].equals("apis")) {
      group = seg[1];
      i = 3;
    } else {
      return null;
    }
    String namespace = null;
    if (seg.length > i + 2 && seg[i].equals("namespaces")) {
      namespace = seg[i + 1];
      i += 2;
    }
    if (seg.length <= i) {
      return null;
    }
    String resource = seg[i];
    String name = seg.length > i + 1 ? seg[i + 1] : null;
    if (seg.length > i + 2) {
      resource += "/" + seg[i + 2];
    }
    boolean watch = uri.getQuery() != null && uri.getQuery().matches("(.*&)?watch=(true|1)(&.*)?");
    String verb = switch (method) {
      case "GET" -> watch ? "watch" : name == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
    return new Call(group, resource, verb, namespace, name, code, method + " " + uri.getPath());
  }
}
