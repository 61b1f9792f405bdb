package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;

/** Where the analysis queries go; the operator's configured default is used when unset. */
public class PrometheusSpec {
  @Pattern("^https?://.+")
  private String url;

  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
}
