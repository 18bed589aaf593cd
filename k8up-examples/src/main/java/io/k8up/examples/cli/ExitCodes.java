package io.k8up.examples.cli;

/** The exit codes of every {@code k8up-rwo} command. */
final class ExitCodes {

  /** Nothing failed. */
  static final int OK = 0;

  /** Bad usage or input: a clear line on standard error says what. */
  static final int INPUT_ERROR = 1;

  /** At least one decision is FAIL. */
  static final int FAILED_DECISIONS = 2;

  private ExitCodes() {}
}
