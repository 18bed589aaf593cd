package io.k8up.core.internal.snapshot;

/** A field of a Kubernetes object that holds a value of the wrong type. */
public final class FieldTypeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String expected;

  FieldTypeException(String field, String expected, Throwable cause) {
    super(field + ": expected " + expected, cause);
    this.field = field;
    this.expected = expected;
  }

  /** The field's path as Kubernetes users write it, e.g. {@code spec.volumes[0].name}; "" for the whole object. */
  public String field() {
    return field;
  }

  /** What the field should hold, e.g. {@code a string}. */
  public String expected() {
    return expected;
  }
}
