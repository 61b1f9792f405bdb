package io.launchplan.plugin.dashboard;

/** The page's static files: content types, and the chart library's WebJar version (pom.xml's). */
final class Assets {
  /** The version of org.webjars.npm:uplot in plugin/pom.xml: its files are served from that jar's path. */
  static final String UPLOT_VERSION = "1.6.30";

  private Assets() {}

  static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".png")) {
      return "image/png";
    }
    return "application/octet-stream";
  }
}
