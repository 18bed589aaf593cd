package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * {@link Tokens} of one JSON text held in memory as UTF-8, read straight from its bytes, or not at
 * all: over any text it yields exactly the tokens that {@link JsonTokens} (Gson's reader in strict
 * mode) yields for it, or throws {@link Declined}, after which the caller decodes the text and
 * reads it again with {@link JsonTokens}. Decoding the whole text, and Gson's copying of it from
 * chars to strings, cost as much as the rest of reading a list's items. It never reports a problem
 * of its own: whatever Gson refuses is declined, so that Gson words the problem, and so are
 * invalid UTF-8, a control character in a string (which Gson skips unchecked), and a number too
 * long for Gson's buffer. A declining instance is not used further.
 *
 * <p>Limits are checked in bytes, at least as many as the characters {@link LimitedReader} counts,
 * well before it would stop Gson (Gson reads ahead a buffer of 1024 characters, {@link
 * LimitedReader} allows more): {@link ReadLimits#maxDepth()} from the depth the text starts at;
 * {@link ReadLimits#maxTokenChars()} from the end of one token to the end of the next; {@link
 * ReadLimits#maxObjectChars()} for each value in the root collection, as an item of a list is
 * counted; {@link ReadLimits#maxChars()} for the whole text. The caller's {@link LimitedReader}
 * then needs no text.
 */
final class ByteJsonTokens implements Tokens {

  // Where Gson's reader stands, as its JsonScope says.
  private static final int EMPTY_ARRAY = 1;
  private static final int NONEMPTY_ARRAY = 2;
  private static final int EMPTY_OBJECT = 3;
  private static final int DANGLING_NAME = 4;
  private static final int NONEMPTY_OBJECT = 5;
  private static final int EMPTY_DOCUMENT = 6;
  private static final int NONEMPTY_DOCUMENT = 7;

  // Gson's peekNumber, state by state.
  private static final int NUMBER_NONE = 0;
  private static final int NUMBER_SIGN = 1;
  private static final int NUMBER_DIGIT = 2;
  private static final int NUMBER_DECIMAL = 3;
  private static final int NUMBER_FRACTION_DIGIT = 4;
  private static final int NUMBER_EXP_E = 5;
  private static final int NUMBER_EXP_SIGN = 6;
  private static final int NUMBER_EXP_DIGIT = 7;
  // Gson gives up on a number that fills its buffer of 1024 characters; well below that is safe.
  private static final int MAX_NUMBER_CHARS = 1000;

  private static final int STRING = 0;
  private static final int NUMBER = 1;
  private static final int TRUE = 2;
  private static final int FALSE = 3;
  private static final int NULL = 4;

  private final byte[] bytes;
  private final int end;
  private final int maxDepth;
  private final int maxTokenChars;
  private final int maxObjectChars;
  private final RepeatedStrings repeated = new RepeatedStrings();
  // The depth of a value in the root collection, and where the current one started.
  private final int itemDepth;
  private int itemStart;

  // Gson's stack of scopes, the document's at 0.
  private final int[] scopes;
  private int top;
  private int depth;
  private boolean started;

  private int position;
  private int lastTokenEnd;
  // The token peeked and not yet taken; a key or scalar is bytes[valueStart, valueEnd), a string
  // without its quotes, and it holds escapes or bytes beyond ASCII if it is not plain.
  private Token peeked;
  private int scalar;
  private int valueStart;
  private int valueEnd;
  private boolean escaped;
  private boolean ascii;
  // RepeatedStrings' hash of a plain key or string, taken while it was scanned.
  private int valueHash;

  /**
   * Tokens of the UTF-8 text {@code bytes[offset, offset + length)}, a value {@code depth} levels
   * deep in its source, as {@link JsonTokens} reads it from that depth.
   */
  ByteJsonTokens(byte[] bytes, int offset, int length, ReadLimits limits, int depth)
      throws Declined {
    if (length > limits.maxChars()) {
      throw new Declined("a text longer than " + limits.maxChars() + " characters");
    }
    this.bytes = bytes;
    this.position = offset;
    this.lastTokenEnd = offset;
    this.end = offset + length;
    this.depth = depth;
    this.itemDepth = depth + 2;
    this.maxDepth = limits.maxDepth();
    this.maxTokenChars = limits.maxTokenChars();
    this.maxObjectChars = limits.maxObjectChars();
    this.scopes = new int[Math.max(maxDepth - depth, 0) + 1];
    scopes[0] = EMPTY_DOCUMENT;
  }

  @Override
  public boolean nextDocument() throws Declined {
    if (!started) {
      started = true;
      return true;
    }
    if (peek() != Token.END_DOCUMENT) {
      throw new Declined("a second value");
    }
    return false;
  }

  @Override
  public int document() {
    return 1;
  }

  @Override
  public Token peek() throws Declined {
    if (peeked == null) {
      peeked = scan();
      if (position - lastTokenEnd > maxTokenChars) {
        throw new Declined("a token or space longer than " + maxTokenChars + " characters");
      }
      if (depth >= itemDepth && position - itemStart > maxObjectChars) {
        throw new Declined("an item longer than " + maxObjectChars + " characters");
      }
    }
    return peeked;
  }

  @Override
  public void consume() throws Declined {
    Token token = peek();
    switch (token) {
      case BEGIN_MAP, BEGIN_LIST -> {
        if (++depth > maxDepth) {
          throw new Declined("nesting deeper than " + maxDepth + " levels");
        }
        scopes[++top] = token == Token.BEGIN_MAP ? EMPTY_OBJECT : EMPTY_ARRAY;
        if (depth == itemDepth) {
          itemStart = position - 1;
        }
      }
      case END_MAP, END_LIST -> {
        depth--;
        top--;
      }
      default -> throw new IllegalStateException("not a structural token: " + token);
    }
    taken();
  }

  @Override
  public String nextKey() throws Declined {
    expect(Token.KEY);
    String key = string();
    taken();
    return key;
  }

  @Override
  public JsonElement nextScalar() throws Declined {
    expect(Token.SCALAR);
    JsonElement value = switch (scalar) {
      case STRING -> new JsonPrimitive(string());
      case NUMBER -> new JsonPrimitive(new BoundedNumber(
          new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)));
      case TRUE -> new JsonPrimitive(Boolean.TRUE);
      case FALSE -> new JsonPrimitive(Boolean.FALSE);
      default -> JsonNull.INSTANCE;
    };
    taken();
    return value;
  }

  @Override
  public String nextStringIfString() throws Declined {
    if (peek() != Token.SCALAR || scalar != STRING) {
      return null;
    }
    String value = string();
    taken();
    return value;
  }

  @Override
  public void skipScalar() throws Declined {
    expect(Token.SCALAR);
    taken();
  }

  private void expect(Token token) throws Declined {
    if (peek() != token) {
      throw new IllegalStateException("expected " + token + ", found " + peeked);
    }
  }

  private void taken() {
    peeked = null;
    lastTokenEnd = position;
  }

  // Gson's doPeek: the separator the scope expects, then the next token.
  private Token scan() throws Declined {
    int scope = scopes[top];
    switch (scope) {
      case EMPTY_ARRAY -> scopes[top] = NONEMPTY_ARRAY;
      case NONEMPTY_ARRAY -> {
        int c = nextNonWhitespace();
        if (c == ']') {
          return Token.END_LIST;
        }
        if (c != ',') {
          throw new Declined("an array without ',' or ']'");
        }
      }
      case EMPTY_OBJECT, NONEMPTY_OBJECT -> {
        scopes[top] = DANGLING_NAME;
        if (scope == NONEMPTY_OBJECT) {
          int c = nextNonWhitespace();
          if (c == '}') {
            return Token.END_MAP;
          }
          if (c != ',') {
            throw new Declined("an object without ',' or '}'");
          }
        }
        int c = nextNonWhitespace();
        if (c == '"') {
          scanString();
          return Token.KEY;
        }
        if (c == '}' && scope == EMPTY_OBJECT) {
          return Token.END_MAP;
        }
        throw new Declined("an object without a key");
      }
      case DANGLING_NAME -> {
        scopes[top] = NONEMPTY_OBJECT;
        if (nextNonWhitespace() != ':') {
          throw new Declined("a key without ':'");
        }
      }
      case EMPTY_DOCUMENT -> scopes[top] = NONEMPTY_DOCUMENT;
      default -> {
        skipWhitespace();
        if (position == end) {
          return Token.END_DOCUMENT;
        }
        throw new Declined("a second value");
      }
    }
    int c = nextNonWhitespace();
    switch (c) {
      case '"' -> {
        scanString();
        scalar = STRING;
        return Token.SCALAR;
      }
      case '[' -> {
        return Token.BEGIN_LIST;
      }
      case '{' -> {
        return Token.BEGIN_MAP;
      }
      case ']' -> {
        if (scope == EMPTY_ARRAY) {
          return Token.END_LIST;
        }
        throw new Declined("a ']' where a value belongs");
      }
      case 't' -> scanKeyword("true", TRUE);
      case 'f' -> scanKeyword("false", FALSE);
      case 'n' -> scanKeyword("null", NULL);
      default -> scanNumber();
    }
    return Token.SCALAR;
  }

  // JSON's whitespace only; Gson refuses comments in strict mode.
  private void skipWhitespace() {
    while (position < end) {
      byte b = bytes[position];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      position++;
    }
  }

  private int nextNonWhitespace() throws Declined {
    skipWhitespace();
    if (position == end) {
      throw new Declined("the end of the text within a value");
    }
    return bytes[position++];
  }

  // Finds the closing quote; the opening one is consumed.
  private void scanString() throws Declined {
    int p = position;
    boolean backslash = false;
    boolean plain = true;
    int hash = 0;
    while (true) {
      if (p == end) {
        throw new Declined("an unterminated string");
      }
      byte b = bytes[p];
      if (b >= 0x20 && b != '"' && b != '\\') {
        hash = 31 * hash + b;
        p++;
      } else if (b == '"') {
        break;
      } else if (b == '\\') {
        backslash = true;
        p = skipEscape(p + 1);
      } else if (b >= 0) {
        throw new Declined("a control character in a string");
      } else {
        plain = false;
        p = skipUtf8(p);
      }
    }
    valueStart = position;
    valueEnd = p;
    valueHash = hash;
    escaped = backslash;
    ascii = plain;
    position = p + 1;
  }

  // Gson's readEscapeCharacter in strict mode; returns where the escape ends.
  private int skipEscape(int p) throws Declined {
    if (p == end) {
      throw new Declined("an unterminated escape");
    }
    switch (bytes[p]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return p + 1;
      }
      case 'u' -> {
        if (end - p <= 4) {
          throw new Declined("an unterminated escape");
        }
        for (int i = p + 1; i <= p + 4; i++) {
          if (Character.digit(bytes[i], 16) < 0) {
            throw new Declined("a malformed unicode escape");
          }
        }
        return p + 5;
      }
      default -> throw new Declined("an invalid escape");
    }
  }

  // One character beyond ASCII, as strictly as the UTF-8 decoder reads it; returns where it ends.
  private int skipUtf8(int p) throws Declined {
    int lead = bytes[p] & 0xff;
    int length;
    int min = 0x80;
    int max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) {
        min = 0xa0;
      } else if (lead == 0xed) {
        max = 0x9f;
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) {
        min = 0x90;
      } else if (lead == 0xf4) {
        max = 0x8f;
      }
    } else {
      throw new Declined("invalid UTF-8");
    }
    if (end - p < length) {
      throw new Declined("invalid UTF-8");
    }
    for (int i = 1; i < length; i++) {
      int next = bytes[p + i] & 0xff;
      if (next < min || next > max) {
        throw new Declined("invalid UTF-8");
      }
      min = 0x80;
      max = 0xbf;
    }
    return p + length;
  }

  // Gson's peekKeyword in strict mode: lower case, and not followed by a literal's character.
  private void scanKeyword(String keyword, int kind) throws Declined {
    int start = position - 1;
    int after = start + keyword.length();
    if (after > end) {
      throw new Declined("a value that is not JSON");
    }
    for (int i = 1; i < keyword.length(); i++) {
      if (bytes[start + i] != keyword.charAt(i)) {
        throw new Declined("a value that is not JSON");
      }
    }
    if (after < end && !endsLiteral(bytes[after])) {
      throw new Declined("a value that is not JSON");
    }
    scalar = kind;
    position = after;
  }

  // Gson's peekNumber, which refuses what it does not read as a number whole.
  private void scanNumber() throws Declined {
    int start = position - 1;
    long value = 0;
    int last = NUMBER_NONE;
    int p = start;
    digits:
    for (; p < end; p++) {
      byte c = bytes[p];
      switch (c) {
        case '-' -> {
          if (last == NUMBER_NONE) {
            last = NUMBER_SIGN;
          } else if (last == NUMBER_EXP_E) {
            last = NUMBER_EXP_SIGN;
          } else {
            throw new Declined("a malformed number");
          }
        }
        case '+' -> {
          if (last != NUMBER_EXP_E) {
            throw new Declined("a malformed number");
          }
          last = NUMBER_EXP_SIGN;
        }
        case 'e', 'E' -> {
          if (last != NUMBER_DIGIT && last != NUMBER_FRACTION_DIGIT) {
            throw new Declined("a malformed number");
          }
          last = NUMBER_EXP_E;
        }
        case '.' -> {
          if (last != NUMBER_DIGIT) {
            throw new Declined("a malformed number");
          }
          last = NUMBER_DECIMAL;
        }
        default -> {
          if (c < '0' || c > '9') {
            if (endsLiteral(c)) {
              break digits;
            }
            throw new Declined("a malformed number");
          }
          if (last == NUMBER_SIGN || last == NUMBER_NONE) {
            value = -(c - '0');
            last = NUMBER_DIGIT;
          } else if (last == NUMBER_DIGIT) {
            // Gson refuses a leading zero, also where its wrapped-around value is zero.
            if (value == 0) {
              throw new Declined("a number with a leading zero");
            }
            value = value * 10 - (c - '0');
          } else if (last == NUMBER_DECIMAL) {
            last = NUMBER_FRACTION_DIGIT;
          } else if (last == NUMBER_EXP_E || last == NUMBER_EXP_SIGN) {
            last = NUMBER_EXP_DIGIT;
          }
        }
      }
    }
    if (last != NUMBER_DIGIT && last != NUMBER_FRACTION_DIGIT && last != NUMBER_EXP_DIGIT) {
      throw new Declined("a malformed number");
    }
    if (p - start > MAX_NUMBER_CHARS) {
      throw new Declined("a number longer than " + MAX_NUMBER_CHARS + " characters");
    }
    // As written: Gson's text of a number that fits a long is the same.
    scalar = NUMBER;
    valueStart = start;
    valueEnd = p;
    position = p;
  }

  // Gson's isLiteral is false: the characters that end a number or keyword in strict mode.
  private static boolean endsLiteral(byte c) throws Declined {
    switch (c) {
      case '{', '}', '[', ']', ':', ',', ' ', '\t', '\f', '\r', '\n' -> {
        return true;
      }
      case '/', '\\', ';', '#', '=' -> throw new Declined("a character Gson refuses here");
      default -> {
        return false;
      }
    }
  }

  // The peeked key or string.
  private String string() {
    if (ascii && !escaped) {
      return repeated.of(bytes, valueStart, valueEnd, valueHash);
    }
    Charset charset = ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    if (!escaped) {
      return new String(bytes, valueStart, valueEnd - valueStart, charset);
    }
    // A backslash is never part of a character beyond ASCII, so the runs between escapes are
    // whole characters.
    StringBuilder string = new StringBuilder(valueEnd - valueStart);
    int run = valueStart;
    int p = valueStart;
    while (p < valueEnd) {
      if (bytes[p] != '\\') {
        p++;
        continue;
      }
      string.append(new String(bytes, run, p - run, charset));
      byte escape = bytes[p + 1];
      if (escape == 'u') {
        int unit = 0;
        for (int i = p + 2; i < p + 6; i++) {
          unit = unit << 4 | Character.digit(bytes[i], 16);
        }
        // As Gson does: each escape one char, a surrogate too.
        string.append((char) unit);
        p += 6;
      } else {
        string.append(switch (escape) {
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> (char) escape;
        });
        p += 2;
      }
      run = p;
    }
    return string.append(new String(bytes, run, p - run, charset)).toString();
  }
}
