package io.launchplan.plugin;

import picocli.CommandLine.Command;

/** {@code pause PLAN}: sets {@code spec.paused: true} (holds the launch where it stands, keeps a new one Pending). */
@Command(name = "pause", description = "Hold the launch where it stands (spec.paused: true); a new revision stays Pending.")
final class PauseCommand extends SpecControl {
  @Override
  Boolean paused() {
    return Boolean.TRUE;
  }

  @Override
  String verb() {
    return "patched: spec.paused=true";
  }
}
