package io.launchplan.analysis;

import java.util.Objects;

/**
 * How an https:// server's certificate is checked, with the CA already read.
 *
 * @param caPem PEM CA certificates to trust instead of the JDK's public ones; null for those
 * @param caOrigin where the CA came from, for messages (e.g. {@code Secret prom-ca key ca.crt}); null without a CA
 * @param serverName the name the certificate must carry instead of the URL's host; null for the host
 * @param insecureSkipVerify accept any certificate (no protection against a man in the middle)
 */
public record TlsSettings(String caPem, String caOrigin, String serverName, boolean insecureSkipVerify) {
  @Override
  public String toString() {
    return insecureSkipVerify ? "TLS without certificate checks"
        : "TLS" + (caOrigin != null ? " with the CA of " + caOrigin : "") + (serverName != null ? " for " + serverName : "");
  }

  /** Whether these are the JDK's defaults (nothing to build a client of its own for). */
  boolean isDefault() {
    return caPem == null && serverName == null && !insecureSkipVerify;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsSettings t && Objects.equals(caPem, t.caPem) && Objects.equals(caOrigin, t.caOrigin)
        && Objects.equals(serverName, t.serverName) && insecureSkipVerify == t.insecureSkipVerify;
  }

  @Override
  public int hashCode() {
    return Objects.hash(caPem, caOrigin, serverName, insecureSkipVerify);
  }
}
