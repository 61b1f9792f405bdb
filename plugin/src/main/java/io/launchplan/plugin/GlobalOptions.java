package io.launchplan.plugin;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** kubectl's connection and namespace flags, accepted before or after the command's name. */
public final class GlobalOptions {
  @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "The kubeconfig context to use (default: the current context).")
  String context;

  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
      description = "The namespace (default: the context's, else default).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, scope = ScopeType.INHERIT,
      description = "Every namespace (get, lanes).")
  boolean allNamespaces;

  @Option(names = "--as", scope = ScopeType.INHERIT, paramLabel = "USER",
      description = "Username to impersonate for the operation.")
  String as;

  @Option(names = "--as-group", scope = ScopeType.INHERIT, paramLabel = "GROUP",
      description = "Group to impersonate (repeatable).")
  List<String> asGroups;

  /** {@code --request-timeout}'s default. */
  static final String DEFAULT_REQUEST_TIMEOUT = "30s";

  @Option(names = "--request-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = DEFAULT_REQUEST_TIMEOUT,
      converter = DurationConverter.class,
      description = "How long to wait for one API request (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  /** {@code -n} was given (the dashboard then follows that namespace only). */
  public boolean namespaceGiven() {
    return namespace != null;
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  static Duration defaultRequestTimeout() {
    return new DurationConverter().convert(DEFAULT_REQUEST_TIMEOUT);
  }
}
