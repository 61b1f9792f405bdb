package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where the analysis queries go and how: the URL, and the connection ({@link HttpConnection}: auth,
 * TLS, headers, timeout). Without a URL the operator's default Prometheus is used, with the
 * operator's default connection under whatever this sets; a plan that names a URL gets none of the
 * default's credentials.
 */
public class PrometheusSpec extends HttpConnection {
  @Pattern("^https?://.+")
  @Size(max = 2048)
  @ValidationRule(value = "isURL(self)", message = "prometheus.url must be a URL, e.g. http://prometheus.monitoring:9090")
  private String url;

  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
}
