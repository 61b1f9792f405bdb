package io.launchplan.plugin;

/**
 * The process's exit codes. Every command: 0 done, 1 an error (the API server refused, a plan does not
 * exist, the operator ignored a control...), 64 bad usage. {@code status}: 0 Succeeded, 1 Reverted, 2 not
 * ended (within {@code --timeout} with {@code --wait}), 3 an error, so a pipeline can tell a bad launch
 * from a broken pipeline.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 64;

  static final int SUCCEEDED = 0;
  static final int REVERTED = 1;
  static final int NOT_ENDED = 2;
  static final int STATUS_ERROR = 3;

  private ExitCodes() {}
}
