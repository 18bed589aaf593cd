package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the fields of one kept object straight from {@link ValueTokens}, with the checks the
 * Kubernetes API server makes and client-java's reading made before: a value of the wrong type
 * is noted with its path ({@link #typeError()}), a key twice in one mapping with its path ({@link
 * #problem()}), and an integer or quantity only within its range. Fields a caller does not ask
 * for are skipped as tokens, still counted against {@link ReadLimits#maxObjectValues()} and
 * still checked for duplicate keys; their types are not checked.
 *
 * <p>After a problem the reader goes on to the end of the object, so that the object's name,
 * which may come later, still labels the message.
 */
final class FieldReader {

  private static final String DATE_TIME = "a date-time such as 2024-01-01T00:00:00Z";
  private static final JSON.OffsetDateTimeTypeAdapter DATE_TIMES = new JSON.OffsetDateTimeTypeAdapter();
  // Bounds on the strings shared between objects: short ones, and not more than this many.
  private static final int MAX_SHARED_LENGTH = 64;
  private static final int MAX_SHARED = 1 << 16;

  private final ValueTokens tokens;
  private final int maxValues;
  private final LimitedReader input;
  private final ReadPath path = new ReadPath();
  private final Map<String, String> shared;
  private int values;
  private String problem;
  private FieldTypeException typeError;

  /**
   * A reader of the objects {@code tokens} delivers, within {@code maxValues} values each; {@code
   * input} says which line an exceeded limit was found by; {@code shared} holds the strings {@link
   * #share} shares, and must be thread-safe if other readers use it at the same time.
   */
  FieldReader(ValueTokens tokens, int maxValues, LimitedReader input, Map<String, String> shared) {
    this.tokens = tokens;
    this.shared = shared;
    this.maxValues = maxValues;
    this.input = input;
  }

  /**
   * A reader of a tree built already: {@link TreeBuilder} counted its values, so no limit applies
   * here and no line is needed.
   */
  static FieldReader ofTree(JsonObject tree) {
    return new FieldReader(new TreeTokens(tree), Integer.MAX_VALUE, null, new HashMap<>());
  }

  /**
   * Starts reading an object whose mapping the caller entered already: it read {@code valuesSoFar}
   * values under {@code keysSoFar}, and then {@code key}, whose value comes next.
   */
  void startInside(int valuesSoFar, Collection<String> keysSoFar, String key) {
    path.clear();
    problem = null;
    typeError = null;
    values = valuesSoFar;
    path.enterMapping();
    path.keysBefore(keysSoFar);
    path.key(key);
  }

  /** Starts reading an object from its beginning; false if it is no mapping. */
  boolean start() throws IOException {
    path.clear();
    problem = null;
    typeError = null;
    values = 0;
    return enterMap();
  }

  /** The first key found twice in one mapping, as a message naming its path; null if none. */
  String problem() {
    return problem;
  }

  /** The first value of the wrong type; null if none. */
  FieldTypeException typeError() {
    return typeError;
  }

  /**
   * Enters the mapping that comes next: true if there is one, false for null or for a value of
   * another type (noted, and skipped).
   */
  boolean enterMap() throws IOException {
    count();
    ValueTokens.Token next = tokens.peek();
    if (next == ValueTokens.Token.BEGIN_MAP) {
      tokens.consume();
      path.enterMapping();
      return true;
    }
    expectNullOr(next, "a mapping");
    return false;
  }

  /** Reads a value, e.g. into a field, from this reader. */
  @FunctionalInterface
  interface ValueRead {
    void read() throws IOException;
  }

  /**
   * Reads, with {@code read}, the value of key {@code name} in the mapping that comes next, and
   * skips its other keys; nothing for null or for a value of another type (noted, as {@link
   * #enterMap()} notes it).
   */
  void member(String name, ValueRead read) throws IOException {
    if (!enterMap()) {
      return;
    }
    for (String key = nextKey(); key != null; key = nextKey()) {
      if (key.equals(name)) {
        read.read();
      } else {
        skip();
      }
    }
  }

  /**
   * The next key of the mapping entered last, or null at its end, which leaves the mapping. A key
   * seen before in the mapping is noted, and its value skipped.
   */
  String nextKey() throws IOException {
    while (tokens.peek() != ValueTokens.Token.END_MAP) {
      String key = tokens.nextKey();
      if (path.key(key)) {
        return key;
      }
      if (problem == null) {
        problem = path + ": the key appears twice in its mapping; keep one";
      }
      skip();
    }
    tokens.consume();
    path.leave();
    return null;
  }

  /**
   * Enters the list that comes next: true if there is one, false for null or for a value of
   * another type (noted, and skipped).
   */
  boolean enterList() throws IOException {
    count();
    ValueTokens.Token next = tokens.peek();
    if (next == ValueTokens.Token.BEGIN_LIST) {
      tokens.consume();
      path.enterList();
      return true;
    }
    expectNullOr(next, "a list");
    return false;
  }

  /** Whether the list entered last has another element; at its end, leaves the list. */
  boolean nextElement() throws IOException {
    if (tokens.peek() == ValueTokens.Token.END_LIST) {
      tokens.consume();
      path.leave();
      return false;
    }
    path.nextElement();
    return true;
  }

  /** The string that comes next, or null (for null, or a value of another type, noted). */
  String string() throws IOException {
    count();
    String string = tokens.nextStringIfString();
    if (string != null) {
      return string;
    }
    JsonPrimitive scalar = counted("a string");
    if (scalar == null) {
      return null;
    }
    if (!scalar.isString()) {
      fail(StrictStringAdapter.notAString(scalar.isNumber()));
      return null;
    }
    return scalar.getAsString();
  }

  /**
   * The string that comes next, as {@link #string()} reads it, one copy for every object that
   * holds it: for values many objects repeat (namespaces, node and container names, label keys),
   * which would otherwise fill much of a large snapshot's memory.
   */
  String sharedString() throws IOException {
    return share(string());
  }

  /** {@code value}, or an equal string shared before; null for null. */
  String share(String value) {
    if (value == null || value.length() > MAX_SHARED_LENGTH) {
      return value;
    }
    String copy = shared.get(value);
    if (copy != null) {
      return copy;
    }
    if (shared.size() < MAX_SHARED) {
      shared.put(value, value);
    }
    return value;
  }

  /** The 64-bit integer that comes next, or null; as client-java read it, a string of digits is one. */
  Long integer() throws IOException {
    JsonPrimitive scalar = scalar("an integer");
    if (scalar == null) {
      return null;
    }
    try {
      if (scalar.isNumber()) {
        return scalar.getAsNumber().longValue();
      }
      if (scalar.isString()) {
        return Long.parseLong(scalar.getAsString());
      }
    } catch (ValueException e) {
      fail(e.expected());
      return null;
    } catch (NumberFormatException e) {
      // Refused below.
    }
    fail("an integer");
    return null;
  }

  /** The boolean that comes next, or null; as client-java read it, a string is true if "true". */
  Boolean bool() throws IOException {
    JsonPrimitive scalar = scalar("true or false");
    if (scalar == null) {
      return null;
    }
    if (scalar.isNumber()) {
      fail("true or false");
      return null;
    }
    return scalar.isBoolean() ? scalar.getAsBoolean() : Boolean.parseBoolean(scalar.getAsString());
  }

  /** The quantity that comes next, as a number (1073741824 for 1Gi), or null. */
  BigDecimal quantity() throws IOException {
    JsonPrimitive scalar = scalar(BoundedQuantityAdapter.EXPECTED);
    if (scalar == null) {
      return null;
    }
    if (scalar.isBoolean()) {
      fail(BoundedQuantityAdapter.EXPECTED);
      return null;
    }
    try {
      return BoundedQuantityAdapter.value(scalar.getAsString());
    } catch (ValueException e) {
      fail(e.expected());
      return null;
    }
  }

  /** Whether a date-time comes next, not null; a value that is no date-time is noted. */
  boolean dateTime() throws IOException {
    JsonPrimitive scalar = scalar(DATE_TIME);
    if (scalar == null) {
      return false;
    }
    if (scalar.isBoolean()) {
      fail(DATE_TIME);
      return false;
    }
    String text = scalar.getAsString();
    if (isPlainUtcTime(text)) {
      return true;
    }
    try {
      // client-java's own reading, for every form other than the one Kubernetes writes.
      return DATE_TIMES.fromJsonTree(new JsonPrimitive(text)) != null;
    } catch (RuntimeException e) {
      fail(DATE_TIME);
      return false;
    }
  }

  // 2024-01-31T23:59:59Z, the form Kubernetes writes, with a day every month has: valid without
  // asking java.time, which costs more than the rest of a small object's reading.
  private static boolean isPlainUtcTime(String text) {
    if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
        || text.charAt(19) != 'Z') {
      return false;
    }
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    int month = twoDigits(text, 5);
    int day = twoDigits(text, 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 28 && twoDigits(text, 11) < 24
        && twoDigits(text, 14) < 60 && twoDigits(text, 17) < 60;
  }

  private static int twoDigits(String text, int at) {
    return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
  }

  /** Skips the value that comes next, within the limits, noting duplicate keys inside it. */
  void skip() throws IOException {
    count();
    switch (tokens.peek()) {
      case BEGIN_MAP -> {
        tokens.consume();
        path.enterMapping();
        while (nextKey() != null) {
          skip();
        }
      }
      case BEGIN_LIST -> {
        tokens.consume();
        path.enterList();
        while (nextElement()) {
          skip();
        }
      }
      default -> tokens.skipScalar();
    }
  }

  // The scalar that comes next, or null for null and for a mapping or list (noted, and skipped).
  private JsonPrimitive scalar(String expected) throws IOException {
    count();
    return counted(expected);
  }

  // The scalar that comes next, as scalar(expected) reads it, once it was counted.
  private JsonPrimitive counted(String expected) throws IOException {
    ValueTokens.Token next = tokens.peek();
    if (next != ValueTokens.Token.SCALAR) {
      mismatch(expected);
      return null;
    }
    JsonElement value = tokens.nextScalar();
    return value.isJsonNull() ? null : value.getAsJsonPrimitive();
  }

  // Consumes a null, or notes and skips a value of another type than expected.
  private void expectNullOr(ValueTokens.Token next, String expected) throws IOException {
    if (next == ValueTokens.Token.SCALAR) {
      if (!tokens.nextScalar().isJsonNull()) {
        fail(expected);
      }
      return;
    }
    mismatch(expected);
  }

  // A mapping or list where a value of another type belongs: noted, then skipped.
  private void mismatch(String expected) throws IOException {
    fail(expected);
    values--;
    skip();
  }

  private void fail(String expected) {
    if (typeError == null) {
      typeError = new FieldTypeException(path.toString(), expected, null);
    }
  }

  private void count() throws InputException {
    if (++values > maxValues) {
      throw ExceededLimit.values(maxValues, input.line());
    }
  }
}
