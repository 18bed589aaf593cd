package io.k8up.core.internal.snapshot;

/**
 * A value that a field cannot take, thrown while a client-java object is read or a {@link
 * FieldReader} converts a value; {@link LocatingAdapterFactory} or the reader names the field.
 */
final class ValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String expected;

  /** {@code expected} says what the field takes, e.g. {@code a string}. */
  ValueException(String expected) {
    super("expected " + expected, null, false, false);
    this.expected = expected;
  }

  String expected() {
    return expected;
  }
}
