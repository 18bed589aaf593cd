package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import java.io.IOException;

/**
 * A pull parser over JSON or YAML, one token at a time, so that a reader builds only the objects
 * it keeps. Implementations check {@link ReadLimits#maxDepth()} and tell their {@link
 * LimitedReader} about every token.
 */
interface Tokens {

  /** What comes next. */
  enum Token { BEGIN_MAP, END_MAP, BEGIN_LIST, END_LIST, KEY, SCALAR, END_DOCUMENT }

  /**
   * Moves to the next document.
   *
   * @return false at the end of the source
   * @throws InputException if the source is malformed, e.g. JSON with a second value
   */
  boolean nextDocument() throws IOException;

  /** The number of the current document, from 1. */
  int document();

  /** The next token, without consuming it. */
  Token peek() throws IOException;

  /** Consumes a {@code BEGIN_…} or {@code END_…} token. */
  void consume() throws IOException;

  /** Consumes a key of a mapping. */
  String nextKey() throws IOException;

  /**
   * Consumes a scalar: a string, a {@link BoundedNumber}, a boolean or {@code JsonNull}, as the
   * Kubernetes API server reads it.
   */
  JsonElement nextScalar() throws IOException;

  /** Consumes a scalar without building it. */
  void skipScalar() throws IOException;
}
