package io.launchplan.plugin;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the Maven project version). */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"kubectl-launchplan " + (v == null ? "(development build)" : v)};
  }
}
