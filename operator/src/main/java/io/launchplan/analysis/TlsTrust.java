package io.launchplan.analysis;

import io.launchplan.analysis.PrometheusException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of one {@link TlsSettings}: trusts its CA (or the JDK's), checks the server's
 * name against {@code serverName} (or the URL's host), or checks nothing with
 * {@code insecureSkipVerify}. A certificate that fails says why in words (whose certificate, who
 * signed it, which CA was expected), since the JDK's own "PKIX path building failed" tells an
 * operator nothing.
 */
final class TlsTrust {
  private TlsTrust() {}

  /** @throws PrometheusException ({@link Kind#CONNECTION_SETUP}) when the CA holds no usable certificate */
  static SSLContext context(TlsSettings tls) throws PrometheusException {
    try {
      X509TrustManager trust = tls.insecureSkipVerify() ? null : trustManager(tls);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new Checking(trust, tls)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new PrometheusException(Kind.CONNECTION_SETUP, "cannot set up TLS: " + e.getMessage(), null, 0, e);
    }
  }

  private static X509TrustManager trustManager(TlsSettings tls) throws GeneralSecurityException, PrometheusException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (tls.caPem() == null) {
      factory.init((KeyStore) null); // the JDK's CAs
    } else {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      try {
        store.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException(e);
      }
      int i = 0;
      for (X509Certificate ca : certificates(tls)) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      factory.init(store);
    }
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static List<X509Certificate> certificates(TlsSettings tls) throws PrometheusException {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(tls.caPem().getBytes(StandardCharsets.UTF_8)));
      parsed.forEach(c -> certs.add((X509Certificate) c));
    } catch (CertificateException e) {
      throw notACa(tls, e.getMessage());
    }
    if (certs.isEmpty()) {
      throw notACa(tls, "no certificate found");
    }
    return certs;
  }

  private static PrometheusException notACa(TlsSettings tls, String why) {
    return new PrometheusException(Kind.CONNECTION_SETUP, "tls.ca (" + tls.caOrigin() + ") is not a PEM CA certificate: "
        + why, null, 0, null);
  }

  /** The checks, with messages that say what is wrong. */
  private static final class Checking extends X509ExtendedTrustManager {
    private final X509TrustManager trust;
    private final TlsSettings tls;

    Checking(X509TrustManager trust, TlsSettings tls) {
      this.trust = trust;
      this.tls = tls;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, authType, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      check(chain, authType, socket == null || socket.getInetAddress() == null ? null : socket.getInetAddress().getHostName());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain, authType, null);
    }

    private void check(X509Certificate[] chain, String authType, String peerHost) throws CertificateException {
      if (tls.insecureSkipVerify()) {
        return;
      }
      X509Certificate leaf = chain[0];
      try {
        trust.checkServerTrusted(chain, authType); // the chain only: the name is checked below
      } catch (CertificateException e) {
        throw new CertificateException("the server's certificate (" + leaf.getSubjectX500Principal().getName()
            + ", issued by " + leaf.getIssuerX500Principal().getName() + ") is not signed by "
            + (tls.caOrigin() != null ? "the CA of " + tls.caOrigin() : "a CA the JDK trusts (set tls.ca to the server's CA)"),
            e);
      }
      String expected = tls.serverName() != null ? tls.serverName() : peerHost;
      if (expected == null) {
        throw new CertificateException("no host name to check the server's certificate against");
      }
      List<String> names = names(leaf);
      if (names.stream().noneMatch(n -> matches(n, expected))) {
        throw new CertificateException("the server's certificate is for " + (names.isEmpty() ? "no name" : names)
            + ", not " + expected + (tls.serverName() == null ? " (tls.serverName can name the one to expect)" : ""));
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return trust == null ? new X509Certificate[0] : trust.getAcceptedIssuers();
    }
  }

  /** The DNS and IP names of the certificate's subjectAltName (the common name is not a name: RFC 6125). */
  static List<String> names(X509Certificate cert) throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        if (type == 2 || type == 7) {
          names.add(String.valueOf(san.get(1)));
        }
      }
    }
    return names;
  }

  /** Whether {@code name} (a SAN, {@code *.example.org} allowed as the leftmost label) covers {@code host}. */
  static boolean matches(String name, String host) {
    String n = name.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (isIp(h) || isIp(n)) {
      return isIp(h) && isIp(n) && sameAddress(n, h);
    }
    if (n.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot).equals(n.substring(1));
    }
    return n.equals(h);
  }

  private static boolean isIp(String s) {
    return s.contains(":") || s.matches("[0-9.]+");
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals only: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
