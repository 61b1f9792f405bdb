package io.launchplan.plugin;

import picocli.CommandLine.Command;

/** {@code resume PLAN}: removes {@code spec.paused}; the launch goes on with a fresh observation window. */
@Command(name = "resume", description = "Remove spec.paused: the launch resumes where it stood, with a fresh observation window.")
final class ResumeCommand extends SpecControl {
  @Override
  Boolean paused() {
    return null;
  }

  @Override
  String verb() {
    return "patched: spec.paused removed";
  }
}
