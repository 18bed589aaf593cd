package io.k8up.core.internal.snapshot;

import java.io.IOException;

/**
 * {@link ByteJsonTokens} met something it does not read exactly as {@link JsonTokens} does: the
 * caller decodes the whole text and reads it again with {@link JsonTokens}, which either reads it
 * or reports the problem. It is never a problem of its own, so it carries no stack trace.
 */
final class NotPlainJson extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason what was met, e.g. "a control character in a string", for tests and debugging
   *     only
   */
  NotPlainJson(String reason) {
    super(reason);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
