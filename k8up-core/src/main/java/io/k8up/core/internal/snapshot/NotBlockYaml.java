package io.k8up.core.internal.snapshot;

import java.io.IOException;

/**
 * {@link BlockYamlTokens} met something outside the subset it reads exactly: the caller reads the
 * whole text again with {@link YamlTokens}, which either reads it or reports the problem. It is
 * never a problem of its own, so it carries no stack trace.
 */
final class NotBlockYaml extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason what was met, e.g. "a tab", for tests and debugging only
   */
  NotBlockYaml(String reason) {
    super(reason);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
