package io.k8up.core.internal.snapshot;

import java.io.IOException;

/**
 * A pull parser over JSON or YAML, one token at a time, so that a reader builds only the objects
 * it keeps. Implementations check {@link ReadLimits#maxDepth()} and tell their {@link
 * LimitedReader} about every token.
 */
interface Tokens extends ValueTokens {

  /**
   * Moves to the next document.
   *
   * @return false at the end of the source
   * @throws InputException if the source is malformed, e.g. JSON with a second value
   */
  boolean nextDocument() throws IOException;

  /** The number of the current document, from 1. */
  int document();
}
