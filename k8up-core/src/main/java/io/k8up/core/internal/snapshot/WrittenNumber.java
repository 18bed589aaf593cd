package io.k8up.core.internal.snapshot;

/**
 * A number together with the text it was written as. Gson reads a string field from a JSON number
 * through {@link #toString()}, so the text survives; numeric fields use the value.
 */
final class WrittenNumber extends Number {

  private static final long serialVersionUID = 1L;

  private final String text;
  private final Number value;

  WrittenNumber(String text, Number value) {
    this.text = text;
    this.value = value;
  }

  @Override
  public int intValue() {
    return value.intValue();
  }

  @Override
  public long longValue() {
    return value.longValue();
  }

  @Override
  public float floatValue() {
    return value.floatValue();
  }

  @Override
  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public String toString() {
    return text;
  }
}
