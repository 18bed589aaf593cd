package io.k8up.core.testing;

/**
 * How a process run on the host ended: its exit code and everything it wrote.
 *
 * @param exitCode the process's exit code, 0 for success
 * @param stdout its standard output, decoded as UTF-8
 * @param stderr its standard error, decoded as UTF-8
 */
public record ProcessResult(int exitCode, String stdout, String stderr) {

  /** Whether the process exited with 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The exit code and both outputs, for an assertion's message. */
  public String describe() {
    return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
