package io.k8up.core.internal.snapshot;

import com.google.common.base.CharMatcher;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plain (unquoted) YAML scalar means to the Kubernetes API server, which reads YAML through
 * go-yaml's YAML 1.1 rules: {@code yes}, {@code no}, {@code on}, {@code off} are booleans and
 * {@code 0755} is an octal number. A field that needs a string then refuses them, as the API
 * server does; quoted scalars are always strings. Timestamps stay strings, as sigs.k8s.io/yaml
 * keeps them.
 */
final class YamlScalars {

  private static final String TAG_PREFIX = "tag:yaml.org,2002:";
  private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True",
      "TRUE", "on", "On", "ON");
  private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False",
      "FALSE", "off", "Off", "OFF");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  // Possessive and unambiguous: a long run of digits that is no number fails in linear time.
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?+([0-9][0-9_]*+(\\.[0-9_]*+)?+|\\.[0-9_]++)([eE][-+]?+[0-9]++)?+");
  private static final Pattern OCTAL = Pattern.compile("[-+]?0o?[0-7_]+");
  private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern SPECIAL = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");
  // Every character of the forms above, signs aside: digits, hexadecimal digits (b and e among
  // them), x and o of 0x and 0o, _, the dot, and the letters of .inf and .nan.
  private static final CharMatcher NUMBER_CHARS =
      CharMatcher.inRange('0', '9').or(CharMatcher.inRange('a', 'f')).or(CharMatcher.inRange('A', 'F'))
          .or(CharMatcher.anyOf("xo_.inIN")).precomputed();
  // Beyond this many digits no integer field can take the value; it is not converted.
  private static final int MAX_RADIX_DIGITS = 70;

  private YamlScalars() {}

  /**
   * The JSON value of a scalar.
   *
   * @param tag the explicit tag, if any
   * @throws IllegalArgumentException for a tag Kubernetes objects do not use, such as a Java class
   */
  static JsonElement resolve(String text, boolean plain, Optional<String> tag) {
    if (tag.isPresent()) {
      return tagged(text, tag.get());
    }
    return plain ? plain(text) : new JsonPrimitive(text);
  }

  private static JsonElement tagged(String text, String tag) {
    String name = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : "";
    return switch (name) {
      case "str", "binary", "timestamp" -> new JsonPrimitive(text);
      case "null", "bool", "int", "float" -> plain(text);
      default -> throw new IllegalArgumentException(
          "a tag other than !!str, !!int, !!float, !!bool, !!null, !!binary or !!timestamp");
    };
  }

  private static JsonElement plain(String text) {
    if (NULL.contains(text)) {
      return JsonNull.INSTANCE;
    }
    if (TRUE.contains(text)) {
      return new JsonPrimitive(true);
    }
    if (FALSE.contains(text)) {
      return new JsonPrimitive(false);
    }
    char first = text.charAt(0);
    if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.') {
      return new JsonPrimitive(text);
    }
    if (!mayBeNumber(text)) {
      return new JsonPrimitive(text);
    }
    return number(text).<JsonElement>map(JsonPrimitive::new).orElseGet(() -> new JsonPrimitive(text));
  }

  /**
   * False for a text that no number form below matches, found without them: a character none of
   * them has, or a sign neither first nor after an exponent's e. Names, uids (01234567-89ab-…) and
   * quantities (10Gi) start with a digit, and the forms' regular expressions were most of what
   * reading YAML allocated.
   */
  static boolean mayBeNumber(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean sign = c == '-' || c == '+';
      if (sign ? i > 0 && text.charAt(i - 1) != 'e' && text.charAt(i - 1) != 'E'
          : !NUMBER_CHARS.matches(c)) {
        return false;
      }
    }
    return true;
  }

  /** The number {@code text} is, in YAML 1.1's forms, or empty if it is none. */
  static Optional<BoundedNumber> number(String text) {
    if (DECIMAL.matcher(text).matches()) {
      return Optional.of(new BoundedNumber(text.replace("_", "").replace("+", "")));
    }
    if (HEX.matcher(text).matches()) {
      return radix(text, "0x", 16);
    }
    if (BINARY.matcher(text).matches()) {
      return radix(text, "0b", 2);
    }
    if (OCTAL.matcher(text).matches()) {
      return radix(text, text.contains("0o") ? "0o" : "0", 8);
    }
    if (SPECIAL.matcher(text).matches()) {
      return Optional.of(new BoundedNumber(text.contains("n") || text.contains("N")
          ? "NaN" : text.startsWith("-") ? "-Infinity" : "Infinity"));
    }
    if (FLOAT.matcher(text).matches()) {
      String decimal = text.replace("_", "").replace("+", "");
      decimal = decimal.startsWith(".") ? "0" + decimal
          : decimal.startsWith("-.") ? "-0" + decimal.substring(1) : decimal;
      return Optional.of(new BoundedNumber(decimal.replace(".e", ".0e").replace(".E", ".0E")));
    }
    return Optional.empty();
  }

  private static Optional<BoundedNumber> radix(String text, String prefix, int radix) {
    boolean negative = text.startsWith("-");
    String digits = text.replaceFirst("^[-+]?" + prefix, "").replace("_", "");
    if (digits.isEmpty()) {
      return Optional.empty();
    }
    if (digits.length() > MAX_RADIX_DIGITS) {
      // Out of every integer field's range; the text keeps it a number that no field takes.
      return Optional.of(new BoundedNumber((negative ? "-" : "") + "9".repeat(MAX_RADIX_DIGITS)));
    }
    BigInteger value = new BigInteger(digits, radix);
    return Optional.of(new BoundedNumber((negative ? value.negate() : value).toString()));
  }
}
