package io.k8up.core.internal.snapshot;

import java.io.IOException;
import java.io.Reader;

/**
 * Counts the characters a parser takes and stops it, with an {@link InputException}, as soon as
 * a {@link ReadLimits} limit on characters is passed: the parser never buffers more than the
 * limits allow, whatever the source holds.
 *
 * <p>Byte order marks at the start of a line are dropped: {@code cat a.yaml b.yaml} puts the
 * second file's mark in the middle of the stream, where it would otherwise become part of a key.
 */
final class LimitedReader extends Reader {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private final ReadLimits limits;
  // Parsers read ahead by up to one buffer; that much is allowed beyond a token's own limit.
  private final int readAhead;
  private long total;
  private long sinceToken;
  private long sinceObjectStart = -1;
  private final Origin origin;
  private long line = 1;
  private boolean atLineStart = true;

  LimitedReader(Reader in, ReadLimits limits, int readAhead) {
    this(in, limits, readAhead, Origin.START);
  }

  /** A reader of a text read apart from its source, whose lines {@code origin} maps. */
  LimitedReader(Reader in, ReadLimits limits, int readAhead, Origin origin) {
    this.origin = origin;
    this.in = in;
    this.limits = limits;
    this.readAhead = readAhead;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int read;
    do {
      read = in.read(buffer, offset, length);
      if (read <= 0) {
        return read;
      }
      read = dropMarksAndCountLines(buffer, offset, read);
    } while (read == 0);
    total += read;
    sinceToken += read;
    if (sinceObjectStart >= 0) {
      sinceObjectStart += read;
    }
    check();
    return read;
  }

  private int dropMarksAndCountLines(char[] buffer, int offset, int length) {
    int end = offset + length;
    int i = offset;
    // Up to the first mark, which most buffers never reach, characters stay where they are.
    while (i < end && buffer[i] != BYTE_ORDER_MARK) {
      if (buffer[i] == '\n') {
        line++;
      }
      i++;
    }
    if (i > offset) {
      atLineStart = buffer[i - 1] == '\n';
    }
    int kept = i;
    for (; i < end; i++) {
      char c = buffer[i];
      if (c == BYTE_ORDER_MARK && atLineStart) {
        continue;
      }
      atLineStart = c == '\n';
      if (atLineStart) {
        line++;
      }
      buffer[kept++] = c;
    }
    return kept - offset;
  }

  private void check() throws InputException {
    if (total > limits.maxChars()) {
      throw ExceededLimit.chars(limits, line());
    }
    if (sinceToken > (long) limits.maxTokenChars() + readAhead) {
      throw ExceededLimit.value(limits, line());
    }
    if (sinceObjectStart > (long) limits.maxObjectChars() + readAhead) {
      throw ExceededLimit.object(limits, line());
    }
  }

  /** Tells the reader that the parser delivered a value, so the next token's count starts. */
  void tokenSeen() {
    sinceToken = 0;
  }

  /** Starts counting the characters of an object. */
  void objectStarts() {
    sinceObjectStart = 0;
  }

  /** Stops counting the characters of an object, e.g. while the items of a list are read. */
  void objectEnds() {
    sinceObjectStart = -1;
  }

  /** The line the reader has reached, which may be a little past the parser's position. */
  long line() {
    return origin.line(line);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
