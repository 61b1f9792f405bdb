package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the analysis queries go; the operator's configured default is used when unset. */
public class PrometheusSpec {
  @Pattern("^https?://.+")
  @Size(max = 2048)
  @ValidationRule(value = "isURL(self)", message = "prometheus.url must be a URL, e.g. http://prometheus.monitoring:9090")
  private String url;

  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
}
