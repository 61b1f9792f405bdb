package io.launchplan.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * Reserved place for a {@link WebCheck}'s credentials: the Prometheus connection types (bearer
 * token, basic auth, TLS CA, headers from Secrets) will be wired in here. Until then a check that
 * sets {@code auth} is rejected at apply (a CEL rule on {@link WebCheck}), never silently ignored.
 */
public class WebCheckAuth {
  @PreserveUnknownFields
  private ObjectNode connection;

  public ObjectNode getConnection() { return connection; }
  public void setConnection(ObjectNode connection) { this.connection = connection; }
}
