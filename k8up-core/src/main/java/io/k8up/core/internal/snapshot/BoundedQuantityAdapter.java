package io.k8up.core.internal.snapshot;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.kubernetes.client.custom.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a quantity such as {@code 10Gi} only after checking its form and size: client-java's own
 * parser expands an exponent digit by digit, so that {@code 1e999999999} would run for minutes.
 * A quantity must lie within ±2^63, as a byte count must.
 */
final class BoundedQuantityAdapter extends TypeAdapter<Quantity> {

  // The grammar of Kubernetes' resource.Quantity, with at most 3 exponent digits.
  private static final Pattern QUANTITY = Pattern.compile(
      "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d{1,3})?");
  private static final int MAX_LENGTH = 64;
  // Any number of this many digits fits in a long.
  private static final int MAX_LONG_DIGITS = 18;
  private static final BigDecimal LIMIT = BigDecimal.valueOf(2).pow(63);
  /** What a quantity field expects. */
  static final String EXPECTED = "a quantity such as 10Gi or 500m";

  @Override
  public Quantity read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    if (token != JsonToken.STRING && token != JsonToken.NUMBER) {
      throw new ValueException(EXPECTED);
    }
    String text = in.nextString();
    value(text);
    return Quantity.fromString(text);
  }

  /**
   * The number {@code text} stands for, e.g. 1073741824 for {@code 1Gi}, as client-java's {@link
   * Quantity#getNumber()} has it.
   *
   * @throws ValueException if {@code text} is no quantity or lies beyond ±2^63
   */
  static BigDecimal value(String text) {
    BigDecimal plain = plainValue(text);
    return plain != null ? plain : grammarValue(text);
  }

  /** {@link #value}, read with the quantity grammar whatever the form. */
  static BigDecimal grammarValue(String text) {
    Matcher matcher = QUANTITY.matcher(text);
    if (text.length() > MAX_LENGTH || !matcher.matches()) {
      throw new ValueException(EXPECTED);
    }
    BigDecimal magnitude = magnitude(matcher);
    if (magnitude.compareTo(LIMIT) >= 0) {
      throw new ValueException(EXPECTED + ", below 2^63 (8Ei)");
    }
    return text.startsWith("-") ? magnitude.negate() : magnitude;
  }

  // The value of the form nearly every quantity has, digits with a binary suffix or none (10Gi),
  // without a regular expression and BigDecimal arithmetic; null for any other form, or a value
  // beyond a long.
  private static BigDecimal plainValue(String text) {
    int length = text.length();
    int digits = 0;
    while (digits < length && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
      digits++;
    }
    if (digits == 0 || digits > MAX_LONG_DIGITS) {
      return null;
    }
    int shift = 0;
    if (digits == length - 2 && text.charAt(length - 1) == 'i') {
      shift = 10 * ("KMGTPE".indexOf(text.charAt(digits)) + 1);
      if (shift == 0) {
        return null;
      }
    } else if (digits != length) {
      return null;
    }
    long number = Long.parseLong(text, 0, digits, 10);
    return number > Long.MAX_VALUE >> shift ? null : BigDecimal.valueOf(number << shift);
  }

  private static BigDecimal magnitude(Matcher matcher) {
    BigDecimal number = new BigDecimal(matcher.group(1)).abs();
    String suffix = matcher.group(3);
    if (suffix == null) {
      return number;
    }
    // e3 and E-3 are exponents; E alone is exa (10^18), Ei exbi (2^60).
    if (suffix.length() > 1 && suffix.charAt(1) != 'i') {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1).replace("+", "")));
    }
    int binary = "KMGTPE".indexOf(suffix.charAt(0)) + 1;
    if (suffix.length() == 2) {
      return number.multiply(BigDecimal.valueOf(2).pow(10 * binary));
    }
    int decimal = switch (suffix) {
      case "n" -> -9;
      case "u" -> -6;
      case "m" -> -3;
      case "k" -> 3;
      default -> 3 * binary;
    };
    return number.scaleByPowerOfTen(decimal);
  }

  @Override
  public void write(JsonWriter out, Quantity value) throws IOException {
    out.value(value == null ? null : value.toSuffixedString());
  }
}
