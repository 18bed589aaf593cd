package io.k8up.core.internal.snapshot;

import java.io.IOException;

/**
 * A fast tokenizer ({@link BlockYamlTokens}, {@link ByteJsonTokens}) met something outside the
 * subset it reads exactly as its general parser does: the caller reads the whole text again with
 * that parser ({@link YamlTokens}, {@link JsonTokens}), which either reads it or reports the
 * problem. It is never a problem of its own, so it carries no stack trace.
 */
final class Declined extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason what was met, e.g. "a tab", for tests and debugging only
   */
  Declined(String reason) {
    super(reason);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
