package io.k8up.core.internal.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Cuts the items of a JSON list, {@code {"apiVersion": "v1", "items": [ … ], …}}, out of its
 * bytes. Only the structure is followed here (strings, brackets and the commas between items);
 * each item's own syntax is checked by the parser that reads it, and the rest of the object by
 * the parser that reads {@link #rest()}.
 */
final class JsonItemSplitter implements ItemSplitter {

  private static final String ITEMS = "items";
  private static final String API_VERSION = "apiVersion";
  // What ends a run of bytes that cannot change the structure of a string.
  private static final byte[] STRING_ENDS = ByteInput.stops("\"\\");
  // The bytes that change nothing while skipping nested values, inside strings and outside: all but
  // quotes, brackets, backslashes, line breaks and bytes beyond ASCII (the input counts those).
  private static final byte[] PASSED_IN_STRINGS = passed("\"\\\n");
  private static final byte[] PASSED_OUTSIDE = passed("\"\\\n{}[]");
  // Enough of what follows an error for the parser to find it.
  private static final int AHEAD = 256;

  private final ByteInput input;
  private final ReadLimits limits;
  private byte[] head;
  private long headChars;
  private long openLine;
  private long openColumn;
  private long closeLine;
  private long closeColumn;
  private int index;

  /** A splitter of {@code input}, which is recording since the source's start. */
  JsonItemSplitter(ByteInput input, ReadLimits limits) {
    this.input = input;
    this.limits = limits;
  }

  @Override
  public boolean json() {
    return true;
  }

  @Override
  public boolean enter() throws IOException {
    skipSpace();
    if (input.next() != '{') {
      return false;
    }
    while (true) {
      skipSpace();
      if (input.peek() != '"') {
        return false;
      }
      Key key = key();
      skipSpace();
      if (input.next() != ':') {
        return false;
      }
      skipSpace();
      if (key == Key.ITEMS) {
        if (input.peek() != '[') {
          return false;
        }
        input.skip();
        long before = input.chars();
        head = input.recorded();
        headChars = before;
        openLine = input.line();
        openColumn = input.column();
        return true;
      }
      // kubectl writes the list's kind after its items: before them, its items would not wait for
      // it, when they are read in one go.
      if (key != Key.API_VERSION || !skipPlainString()) {
        return false;
      }
      skipSpace();
      if (input.next() != ',') {
        return false;
      }
    }
  }

  private enum Key { ITEMS, API_VERSION, OTHER }

  // Consumes a string of printable ASCII without escapes, if one comes: what is read before the
  // items must be valid, since the items are added before the rest is parsed.
  private boolean skipPlainString() throws IOException {
    if (input.next() != '"') {
      return false;
    }
    int b;
    while ((b = input.next()) >= 0x20 && b < 0x7f && b != '\\') {
      if (b == '"') {
        return true;
      }
    }
    return false;
  }

  // Consumes a key: "items" or "apiVersion", written plainly, or another.
  private Key key() throws IOException {
    input.skip();
    StringBuilder key = new StringBuilder();
    int b;
    while ((b = input.next()) != -1 && b != '"') {
      if (b == '\\') {
        input.next();
        key.append('\\');
      } else if (key.length() <= API_VERSION.length()) {
        key.append((char) b);
      }
    }
    String read = key.toString();
    return read.equals(ITEMS) ? Key.ITEMS : read.equals(API_VERSION) ? Key.API_VERSION : Key.OTHER;
  }

  @Override
  public Chunk next() throws IOException {
    skipSpaceBetweenItems();
    int b = input.peek();
    if (b == ']') {
      close();
      return null;
    }
    String before = "[";
    if (index > 0) {
      if (b != ',') {
        throw malformed("[{}");
      }
      input.skip();
      skipSpaceBetweenItems();
      b = input.peek();
      before = "[{},";
    }
    if (b == -1 || b == ',' || b == ']' || b == '}' || b == ':') {
      throw malformed(before);
    }
    Origin origin = Origin.at(input.line(), input.column());
    input.record(limits.maxObjectChars());
    skipValue();
    return new Chunk(input.recorded(), origin, index++);
  }

  private void close() throws IOException {
    closeLine = input.line();
    closeColumn = input.column();
  }

  @Override
  public InputStream rest() {
    return new SequenceInputStream(new ByteArrayInputStream(head), input.rest());
  }

  @Override
  public Origin restOrigin() {
    return new Origin(openLine, openColumn, closeLine, closeColumn);
  }

  @Override
  public long restCharsReadAlready() {
    return headChars;
  }

  // What the parser says of the bytes from here on after {@code before}, which puts it in the
  // state reading the whole list would have put it in ("[{}" after an item, "[{}," after a comma):
  // the same message, at the same place.
  private InputException malformed(String before) throws IOException {
    Origin origin = new Origin(1, before.length() + 1, input.line(), input.column());
    StringBuilder text = new StringBuilder(before);
    ByteArrayOutputStream ahead = new ByteArrayOutputStream();
    int b;
    while (ahead.size() < AHEAD && (b = input.next()) != -1) {
      ahead.write(b);
    }
    text.append(ahead.toString(StandardCharsets.UTF_8));
    LimitedReader limited = new LimitedReader(new StringReader(text.toString()), limits, 0, origin);
    Tokens tokens = new JsonTokens(limited, limited, limits, origin, 0);
    try {
      tokens.nextDocument();
      // The list is never closed here, so the parser stops with an error by the end of the text.
      for (int i = 0; i <= text.length(); i++) {
        switch (tokens.peek()) {
          case KEY -> tokens.nextKey();
          case SCALAR -> tokens.skipScalar();
          default -> tokens.consume();
        }
      }
    } catch (InputException e) {
      return e;
    }
    throw new IllegalStateException("no error in " + text);
  }

  private void skipSpace() throws IOException {
    int b;
    while ((b = input.peek()) == ' ' || b == '\n' || b == '\r' || b == '\t') {
      input.skip();
    }
  }

  // Blank space between items is not recorded, so it is bounded as one token.
  private void skipSpaceBetweenItems() throws IOException {
    long start = input.chars();
    int b;
    while ((b = input.peek()) == ' ' || b == '\n' || b == '\r' || b == '\t') {
      input.skip();
      if (input.chars() - start > limits.maxTokenChars()) {
        throw ExceededLimit.value(limits, input.line());
      }
    }
  }

  // Consumes one value, following strings and brackets only.
  private void skipValue() throws IOException {
    int b = input.peek();
    if (b == '"') {
      input.skip();
      skipStringRest();
    } else if (b == '{' || b == '[') {
      input.skip();
      skipNested();
    } else {
      while ((b = input.peek()) != -1 && b != ',' && b != ']' && b != '}' && b != ' '
          && b != '\n' && b != '\r' && b != '\t') {
        input.skip();
      }
    }
  }

  // Consumes the rest of an object or list whose bracket was consumed. Runs of ASCII without line
  // breaks or escapes, nearly all of a dump, are scanned in the input's buffer and consumed in one
  // go; any other byte one at a time, so that lines and characters are counted.
  private void skipNested() throws IOException {
    int depth = 1;
    boolean inString = false;
    while (input.fillBuffer()) {
      byte[] bytes = input.buffer();
      int at = input.position();
      int limit = input.limit();
      while (true) {
        // Most bytes change nothing: they are passed over with one look-up each.
        byte[] passed = inString ? PASSED_IN_STRINGS : PASSED_OUTSIDE;
        while (at < limit && passed[bytes[at] & 0xff] != 0) {
          at++;
        }
        if (at == limit) {
          break;
        }
        int b = bytes[at];
        if (b < 0 || b == '\n' || b == '\\') {
          break;
        }
        at++;
        if (inString) {
          inString = false;
        } else if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if (--depth == 0) {
          break;
        }
      }
      input.consumeSingleBytes(at);
      if (depth == 0) {
        return;
      }
      if (at < limit && input.next() == '\\' && inString) {
        input.next();
      }
    }
  }

  private static byte[] passed(String stops) {
    byte[] passed = new byte[256];
    for (int b = 0; b < 0x80; b++) {
      passed[b] = (byte) (stops.indexOf(b) < 0 ? 1 : 0);
    }
    return passed;
  }

  private void skipStringRest() throws IOException {
    int b;
    while ((b = input.skipUntil(STRING_ENDS)) != -1) {
      input.skip();
      if (b == '"') {
        return;
      }
      if (b == '\\') {
        input.next();
      }
    }
  }

}
