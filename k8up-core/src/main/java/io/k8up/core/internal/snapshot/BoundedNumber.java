package io.k8up.core.internal.snapshot;

import java.math.BigDecimal;

/**
 * A number as written, converted only when a field asks for it and only within that field's
 * range: a value beyond 64 bits never wraps around, and a huge exponent is never expanded.
 */
final class BoundedNumber extends Number {

  private static final long serialVersionUID = 1L;
  // Longer than any long or double written out; longer texts are refused without parsing.
  private static final int MAX_PARSED_LENGTH = 400;

  private final String decimal;

  /** A number written in JSON's decimal form, e.g. {@code -12}, {@code 1.5e3}. */
  BoundedNumber(String decimal) {
    this.decimal = decimal;
  }

  @Override
  public int intValue() {
    long value = longValue();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ValueException("an integer from -2147483648 to 2147483647");
    }
    return (int) value;
  }

  @Override
  public long longValue() {
    try {
      if (decimal.length() <= 20 && isWhole()) {
        return Long.parseLong(decimal);
      }
      if (decimal.length() <= MAX_PARSED_LENGTH && !hasLargeExponent()) {
        return new BigDecimal(decimal).longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // Out of range or not whole: refused below.
    }
    throw new ValueException("an integer from -9223372036854775808 to 9223372036854775807");
  }

  private boolean isWhole() {
    for (int i = decimal.startsWith("-") ? 1 : 0; i < decimal.length(); i++) {
      if (decimal.charAt(i) < '0' || decimal.charAt(i) > '9') {
        return false;
      }
    }
    return !decimal.isEmpty() && !decimal.equals("-");
  }

  // BigDecimal stores 1e999999999 compactly, but some conversions expand it digit by digit.
  private boolean hasLargeExponent() {
    int e = Math.max(decimal.indexOf('e'), decimal.indexOf('E'));
    return e >= 0 && decimal.length() - e > 4;
  }

  @Override
  public float floatValue() {
    return (float) doubleValue();
  }

  @Override
  public double doubleValue() {
    if (decimal.length() > MAX_PARSED_LENGTH) {
      throw new ValueException("a number of at most " + MAX_PARSED_LENGTH + " characters");
    }
    return Double.parseDouble(decimal);
  }

  @Override
  public String toString() {
    return decimal;
  }
}
