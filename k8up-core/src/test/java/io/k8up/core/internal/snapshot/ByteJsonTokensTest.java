package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * {@link ByteJsonTokens} yields exactly {@link JsonTokens}' tokens or declines, declines at the
 * latest where {@link JsonTokens} reports a problem, and does not decline valid JSON.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ByteJsonTokensTest {

  private static final ReadLimits LIMITS = ReadLimits.DEFAULTS;
  private static final ReadLimits SHALLOW =
      new ReadLimits(1L << 30, 1 << 20, 1 << 20, 4, 1000, 1000);
  // More for a longer run: -DbyteJsonTokens.examples=50000.
  private static final int EXAMPLES = Integer.getInteger("byteJsonTokens.examples", 8000);

  // Pieces of keys and strings, written plainly or escaped.
  private static final String[] ATOMS = {
      "a", "b", "x y", "\"", "\\", "/", " ", "é", "世", "😀", "\n", "\t", "\r", "\b", "\f",
      "\u0000", "\u001F", "\u007F", "\u2028", "\uFEFF", "\u00A0", "'", "{", "}", "[", "]", ",",
      ":", "true", "1e3", "", "\ud800", "\udfff"};

  // What an edit inserts: characters that mean something to JSON, or that it refuses.
  private static final String[] INSERTS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "-", "+",
      ".", "e", "E", "0", "1", "t", "f", "n", "u", " ", "\n", "\t", "\r", "\f", "/", "#", "'", ";",
      "=", "\u0000", "é", "\uFEFF", "\\u", "\\ud83d", "\\ude00", "T", "x"};

  @Test
  void validJsonIsReadAlike() {
    AtomicInteger read = new AtomicInteger();
    qt().withExamples(EXAMPLES).forAll(values(), limits()).checkAssert((json, limits) -> {
      if (sameTokensOrDeclined(json, limits, 0)) {
        read.incrementAndGet();
      }
    });
    assertThat(read.get()).isGreaterThan(EXAMPLES / 2);
  }

  @Test
  void validJsonWithinTheDefaultLimitsIsNeverDeclined() {
    qt().withExamples(EXAMPLES).forAll(values())
        .checkAssert(json -> assertThat(sameTokensOrDeclined(json, LIMITS, 7)).as(json).isTrue());
  }

  @Test
  void editedJsonIsReadAlikeOrDeclined() {
    AtomicInteger read = new AtomicInteger();
    qt().withExamples(EXAMPLES).forAll(values(), edits(), limits())
        .checkAssert((json, edits, limits) -> {
          if (sameTokensOrDeclined(edit(json, edits), limits, edits.length)) {
            read.incrementAndGet();
          }
        });
    // Not vacuous: many edited texts are still read.
    assertThat(read.get()).isGreaterThan(EXAMPLES / 20);
  }

  @Test
  void escapes() {
    sameTokens("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]");
    sameTokens("{\"\\u0041\\u00e9\\u4E16\\uD83D\\uDE00\":\"x\\u0000y\\u001f\"}");
    sameTokens("[\"\\ud800\", \"\\uDFFF\", \"\\udfff\\ud800\", \"a\\ud83d\"]");
    sameTokens("[\"plain\", \"é\\n世\", \"😀\\t\", \"\\\\\\\\\"]");
    assertThat(scalars("[\"\\uD83D\\uDE00\", \"\\/\", \"a\\\"b\"]"))
        .containsExactly(
            new JsonPrimitive("😀"), new JsonPrimitive("/"), new JsonPrimitive("a\"b"));
  }

  @Test
  void unicode() {
    sameTokens("{\"é\": \"世界\", \"😀\": [\"\u00A0\", \"\u2028\", \"\uFEFF\", \"\u007F\"]}");
    assertThat(scalars("[\"Grüße 😀\"]")).containsExactly(new JsonPrimitive("Grüße 😀"));
  }

  @Test
  void numbers() {
    sameTokens("[-0, 0, 1e5, 1E+2, 1e-2, 0.5, -0.5e10, 12345678901234567890123,"
        + " -9223372036854775808, 9223372036854775807, 9223372036854775808,"
        + " -9223372036854775809, 0e0, 1.0E-0]");
    sameTokens("1");
    sameTokens("-12.5e3");
    assertThat(scalars("[-0, 1E+2, 12345678901234567890123]").stream().map(JsonElement::toString))
        .containsExactly("-0", "1E+2", "12345678901234567890123");
    assertThat(scalars("[7]").get(0).getAsNumber()).isInstanceOf(BoundedNumber.class);
  }

  @Test
  void literalsNestingAndSpace() {
    sameTokens("[true, false, null]");
    sameTokens("{}");
    sameTokens("[]");
    sameTokens("[{}, [], {\"a\": []}, [[{}]]]");
    sameTokens(" \t\r\n{ \"a\" \n:\t[ 1 ,2\r, { \"b\" : null } ] , \"c\":true } \n");
    sameTokens("{\"a\":{\"b\":{\"c\":[1,[2,[3]]]}},\"d\":\"e\"}");
  }

  @Test
  void malformedOrDoubtfulJsonIsDeclined() {
    for (String json : List.of(
        "", " ", "[", "[1", "[1,", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}",
        "{\"a\" 1}", "{a:1}", "{'a':1}", "['a']", "[01]", "[-01]", "[00]", "[1.]", "[.5]", "[+1]",
        "[1e]", "[1e+]", "[-]", "[1.5.3]", "[--1]", "[0x1F]", "[NaN]", "[Infinity]", "[TRUE]",
        "[True]", "[nul]", "[truex]", "[true1]", "[1x]", "[1\"a\"]", "[1/]", "[1#]", "[1;2]",
        "[1=]", "[\"\\'\"]", "[\"\\x41\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\\n\"]",
        "[\"a\nb\"]", "[\"a\tb\"]", "[\"\u0000\"]", "[\"\u001F\"]", "[\"abc", "[\"abc\\",
        "[1 2]", "[1]]", "[1] [2]", "[1] x", "{\"a\":1}}", "[\f1]", "[1\f]", "[/* c */1]",
        "[1]// c", "# c\n[1]", "\uFEFF[1]", "[\n\uFEFF1]", "[\u00A01]", "[1\u00A0]", "[1,\u2028 2]",
        "{\"a\":1 \"b\":2}", "{\"a\"::1}", "{\"a\"=1}", "{\"a\"=>1}", "[1;]", "[\"a\":1]",
        "{\"a\":1:2}", "[1{", "[1[", "[{]", "[}", "{]", "1 2", "\"a\" \"b\"", "[1e99999x]")) {
      assertThat(sameTokensOrDeclined(json, LIMITS, 0)).as("reads %s", json).isFalse();
    }
  }

  @Test
  void invalidUtf8IsDeclined() {
    for (int[] bytes : new int[][] {
        {0x80}, {0xbf}, {0xc0, 0x80}, {0xc1, 0xbf}, {0xc3}, {0xc3, 0x28}, {0xe0, 0x80, 0x80},
        {0xe0, 0x9f, 0xbf}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf}, {0xe4, 0xb8}, {0xf0, 0x8f, 0xbf,
        0xbf}, {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0xf0, 0x9f, 0x98}, {0xff}}) {
      byte[] json = new byte[bytes.length + 4];
      json[0] = '[';
      json[1] = '"';
      for (int i = 0; i < bytes.length; i++) {
        json[i + 2] = (byte) bytes[i];
      }
      json[bytes.length + 2] = '"';
      json[bytes.length + 3] = ']';
      assertThat(declines(json, LIMITS)).as("declines %s", java.util.Arrays.toString(bytes))
          .isTrue();
    }
    // The edges of what is valid.
    for (String valid : List.of("\u0080", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uFFFF",
        "\uD800\uDC00", "\uDBFF\uDFFF")) {
      sameTokens("[\"" + valid + "\"]");
    }
  }

  @Test
  void nestingBeyondTheLimitIsDeclined() {
    // Read from depth 1, as a list of items is: four levels leave room for three.
    assertThat(declines("[[[1]]]", SHALLOW)).isFalse();
    assertThat(declines("[[[[1]]]]", SHALLOW)).isTrue();
    assertThat(declines("[{\"a\":{}}]", SHALLOW)).isFalse();
    assertThat(declines("[{\"a\":{\"b\":[]}}]", SHALLOW)).isTrue();
    assertThat(sameTokensOrDeclined("[{\"a\":{\"b\":[]}}]", SHALLOW, 0)).isFalse();
  }

  @Test
  void aTokenOrItemBeyondTheLimitIsDeclined() {
    ReadLimits small = new ReadLimits(1L << 30, 100, 300, 10, 1000, 1000);
    assertThat(declines("[\"" + "x".repeat(90) + "\"]", small)).isFalse();
    assertThat(declines("[\"" + "x".repeat(110) + "\"]", small)).isTrue();
    assertThat(declines("[1," + " ".repeat(110) + "2]", small)).isTrue();
    assertThat(declines("[" + "1".repeat(110) + "]", small)).isTrue();
    String item = "{\"a\":\"" + "x".repeat(80) + "\"}";
    assertThat(declines("[" + item + "," + item + "]", small)).isFalse();
    assertThat(declines("[[" + String.join(",", item, item, item, item) + "]]", small)).isTrue();
    assertThat(declines("[" + "1".repeat(1001) + "]", LIMITS)).isTrue();
    ReadLimits short200 = new ReadLimits(200, 100, 300, 10, 1000, 1000);
    assertThat(declines("[" + "1,".repeat(100) + "1]", short200)).isTrue();
  }

  @Test
  void readsOnlyItsPartOfTheBytes() throws IOException {
    byte[] bytes = "x[1,\"a\"]]".getBytes(StandardCharsets.UTF_8);
    ByteJsonTokens tokens = new ByteJsonTokens(bytes, 1, 7, LIMITS, 1);
    assertThat(TokenTranscript.of(tokens)).containsExactly("document 1", "BEGIN_LIST",
        "scalar BoundedNumber 1", "scalar string a", "END_LIST", "end");
    assertThat(declines(new ByteJsonTokens(bytes, 1, 6, LIMITS, 1))).isTrue();
  }

  @Test
  void aDifferentTokenFailsTheComparison() throws IOException {
    // The comparison this test rests on sees a scalar that differs only in its type.
    assertThat(TokenTranscript.of(new ByteJsonTokens(utf8("[\"1\"]"), 0, 5, LIMITS, 1)))
        .isNotEqualTo(TokenTranscript.of(jsonTokens("[1]", LIMITS)));
  }

  private static void sameTokens(String json) {
    assertThat(sameTokensOrDeclined(json, LIMITS, 0)).as("reads %s", json).isTrue();
  }

  private static List<JsonElement> scalars(String json) {
    List<JsonElement> scalars = new ArrayList<>();
    try {
      ByteJsonTokens tokens = new ByteJsonTokens(utf8(json), 0, utf8(json).length, LIMITS, 1);
      for (ValueTokens.Token token = tokens.peek(); token != ValueTokens.Token.END_DOCUMENT;
          token = tokens.peek()) {
        if (token == ValueTokens.Token.SCALAR) {
          scalars.add(tokens.nextScalar());
        } else {
          tokens.consume();
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return scalars;
  }

  /**
   * Walks both tokenizers in lock-step to the end, ByteJsonTokens first at each step; returns true
   * if it read the whole text, false if it declined. Fails if they differ, if JsonTokens refuses
   * what ByteJsonTokens took, or if ByteJsonTokens reports a problem of its own. Every {@code
   * skipEvery}th scalar is skipped (0: none).
   */
  private static boolean sameTokensOrDeclined(String json, ReadLimits limits, int skipEvery) {
    byte[] text = utf8(json);
    // Between bytes that are not part of it.
    byte[] bytes = new byte[text.length + 4];
    bytes[0] = '"';
    bytes[1] = '[';
    System.arraycopy(text, 0, bytes, 2, text.length);
    bytes[text.length + 2] = '"';
    bytes[text.length + 3] = ']';
    List<String> taken = new ArrayList<>();
    // The text as readTogether decodes it: an edit may have split a surrogate pair.
    Tokens slow = jsonTokens(new String(text, StandardCharsets.UTF_8), limits);
    ByteJsonTokens fast;
    try {
      fast = new ByteJsonTokens(bytes, 2, text.length, limits, 1);
    } catch (Declined e) {
      return false;
    }
    try {
      assertThat(fast.nextDocument()).isEqualTo(slow.nextDocument());
      for (int scalars = 1; ; ) {
        ValueTokens.Token token;
        try {
          token = fast.peek();
        } catch (Declined e) {
          return false;
        }
        assertThat(slow.peek()).as("after %s in %s", taken, json).isEqualTo(token);
        switch (token) {
          case END_DOCUMENT -> {
            boolean more;
            try {
              more = fast.nextDocument();
            } catch (Declined e) {
              return false;
            }
            assertThat(more).isFalse();
            assertThat(slow.nextDocument()).isFalse();
            return true;
          }
          case KEY -> {
            String key = fast.nextKey();
            assertThat(key).as("after %s in %s", taken, json).isEqualTo(slow.nextKey());
            taken.add("key " + key);
          }
          case SCALAR -> {
            if (skipEvery > 0 && scalars++ % skipEvery == 0) {
              fast.skipScalar();
              slow.skipScalar();
              taken.add("skipped");
            } else {
              String scalar = TokenTranscript.describe(fast.nextScalar());
              assertThat(scalar).as("after %s in %s", taken, json)
                  .isEqualTo(TokenTranscript.describe(slow.nextScalar()));
              taken.add(scalar);
            }
          }
          default -> {
            try {
              fast.consume();
            } catch (Declined e) {
              return false;
            }
            slow.consume();
            taken.add(token.name());
          }
        }
      }
    } catch (Declined e) {
      throw new AssertionError("declined after peeking in " + json, e);
    } catch (InputException e) {
      throw new AssertionError("JsonTokens refuses what was read in " + json + " after " + taken,
          e);
    } catch (IOException e) {
      throw new AssertionError("failed in " + json, e);
    }
  }

  private static Tokens jsonTokens(String json, ReadLimits limits) {
    // As ParallelListReader reads a batch of items.
    LimitedReader limited = new LimitedReader(
        new StringReader(json), limits, YamlTokens.BUFFER_CHARS, Origin.START);
    return new JsonTokens(limited, limited, limits, Origin.START, 1);
  }

  private static boolean declines(String json, ReadLimits limits) {
    return declines(utf8(json), limits);
  }

  private static boolean declines(byte[] json, ReadLimits limits) {
    try {
      return declines(new ByteJsonTokens(json, 0, json.length, limits, 1));
    } catch (Declined e) {
      return true;
    }
  }

  private static boolean declines(ByteJsonTokens tokens) {
    try {
      TokenTranscript.of(tokens);
      return false;
    } catch (Declined e) {
      return true;
    } catch (IOException e) {
      throw new AssertionError("a problem of its own", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // Mostly the defaults; sometimes limits a small text reaches.
  private static Gen<ReadLimits> limits() {
    return in -> switch (pick(in, 4)) {
      case 0 -> SHALLOW;
      case 1 -> new ReadLimits(1L << 30, 40, 120, 6, 1000, 1000);
      default -> LIMITS;
    };
  }

  // Up to three edits: {where, what}; where is a fraction of the text's length in thousandths.
  private static Gen<int[][]> edits() {
    return in -> {
      int[][] edits = new int[1 + pick(in, 3)][];
      for (int k = 0; k < edits.length; k++) {
        edits[k] = new int[] {pick(in, 1000), pick(in, INSERTS.length + 2)};
      }
      return edits;
    };
  }

  // Inserts an INSERTS string, deletes a character, or cuts the rest off, at each edit's place.
  private static String edit(String text, int[][] edits) {
    StringBuilder s = new StringBuilder(text);
    for (int[] edit : edits) {
      int at = s.length() * edit[0] / 1000;
      if (edit[1] < INSERTS.length) {
        s.insert(at, INSERTS[edit[1]]);
      } else if (edit[1] == INSERTS.length) {
        if (at < s.length()) {
          s.deleteCharAt(at);
        }
      } else {
        s.setLength(at);
      }
    }
    return s.toString();
  }

  /** Valid JSON values, with random space, and strings escaped in random ways. */
  private static Gen<String> values() {
    return in -> {
      StringBuilder json = new StringBuilder();
      space(in, json);
      value(in, json, 0);
      space(in, json);
      return json.toString();
    };
  }

  private static void value(RandomnessSource in, StringBuilder json, int depth) {
    switch (pick(in, depth >= 5 ? 3 : 5)) {
      case 0 -> string(in, json);
      case 1 -> json.append(new String[] {"true", "false", "null", "0", "-0", "7", "-12", "1.5",
          "-0.25e-3", "1E+2", "6.02e23", "9223372036854775807", "-9223372036854775808",
          "9223372036854775808", "123456789012345678901234567890", "0.0", "1e0"}[pick(in, 17)]);
      case 2 -> number(in, json);
      case 3 -> collection(in, json, '{', '}', () -> {
        string(in, json);
        space(in, json);
        json.append(':');
        space(in, json);
        value(in, json, depth + 1);
      });
      default -> collection(in, json, '[', ']', () -> value(in, json, depth + 1));
    }
  }

  // Up to three members, each written by member, with space around them anywhere.
  private static void collection(
      RandomnessSource in, StringBuilder json, char open, char close, Runnable member) {
    json.append(open);
    for (int n = pick(in, 4); n > 0; n--) {
      space(in, json);
      member.run();
      space(in, json);
      if (n > 1) {
        json.append(',');
      }
    }
    space(in, json);
    json.append(close);
  }

  private static void number(RandomnessSource in, StringBuilder json) {
    if (pick(in, 2) == 0) {
      json.append('-');
    }
    json.append(pick(in, 3) == 0 ? "0" : (1 + pick(in, 9)) + digits(in));
    if (pick(in, 2) == 0) {
      json.append('.').append(pick(in, 10)).append(digits(in));
    }
    if (pick(in, 2) == 0) {
      json.append(pick(in, 2) == 0 ? 'e' : 'E').append(new String[] {"", "+", "-"}[pick(in, 3)])
          .append(pick(in, 10)).append(digits(in));
    }
  }

  private static String digits(RandomnessSource in) {
    StringBuilder digits = new StringBuilder();
    for (int n = pick(in, 4) == 0 ? pick(in, 25) : pick(in, 3); n > 0; n--) {
      digits.append(pick(in, 10));
    }
    return digits.toString();
  }

  private static void string(RandomnessSource in, StringBuilder json) {
    StringBuilder s = new StringBuilder();
    for (int n = pick(in, 5); n > 0; n--) {
      s.append(ATOMS[pick(in, ATOMS.length)]);
    }
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int how = pick(in, 4);
      if (c == '"' || c == '\\' || c < 0x20 || how == 0
          || Character.isSurrogate(c) && !wholePair(s, i)) {
        escape(in, json, c);
      } else {
        json.append(c);
        if (Character.isHighSurrogate(c)) {
          json.append(s.charAt(++i));
        }
      }
    }
    json.append('"');
  }

  private static boolean wholePair(CharSequence s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  private static void escape(RandomnessSource in, StringBuilder json, char c) {
    String shortEscape = switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '/' -> "\\/";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> null;
    };
    if (shortEscape != null && pick(in, 2) == 0) {
      json.append(shortEscape);
      return;
    }
    String hex = String.format("%04x", (int) c);
    json.append("\\u").append(pick(in, 2) == 0 ? hex : hex.toUpperCase());
  }

  private static void space(RandomnessSource in, StringBuilder json) {
    if (pick(in, 3) == 0) {
      for (int n = pick(in, 4); n > 0; n--) {
        json.append(" \n\r\t".charAt(pick(in, 4)));
      }
    }
  }

  private static int pick(RandomnessSource in, int bound) {
    return (int) in.next(Constraint.between(0, bound - 1));
  }
}
