package io.launchplan.plugin;

/** A command's failure a person can act on: printed as {@code error: <message>}, the process exits with {@code exitCode}. */
final class Failure extends RuntimeException {
  private final int exitCode;

  Failure(String message) {
    this(message, ExitCodes.ERROR);
  }

  Failure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
