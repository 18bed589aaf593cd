package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import java.io.IOException;

/**
 * The values of one document, one token at a time: what a {@link FieldReader} needs, from a
 * parser ({@link Tokens}) or from a tree already built ({@link TreeTokens}).
 */
interface ValueTokens {

  /** What comes next. */
  enum Token { BEGIN_MAP, END_MAP, BEGIN_LIST, END_LIST, KEY, SCALAR, END_DOCUMENT }

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

  /**
   * Consumes the scalar that comes next if it is a string, and returns it without building a
   * {@link JsonElement} around it; null, consuming nothing, otherwise, or where this source
   * cannot tell cheaply ({@link #nextScalar} then tells).
   */
  default String nextStringIfString() throws IOException {
    return null;
  }
}
