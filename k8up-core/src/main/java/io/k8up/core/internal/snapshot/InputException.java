package io.k8up.core.internal.snapshot;

import java.io.IOException;

/**
 * The source cannot be read further: its syntax is broken or it exceeds a {@link ReadLimits}
 * limit. The message is the problem as a user reads it, without the source's name.
 */
class InputException extends IOException {

  private static final long serialVersionUID = 1L;

  InputException(String problem) {
    super(problem);
  }
}
