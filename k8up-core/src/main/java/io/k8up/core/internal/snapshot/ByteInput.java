package io.k8up.core.internal.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * The bytes of a UTF-8 source, read once and forward, with its characters and lines counted as
 * {@link LimitedReader} counts them: byte order marks at the start of a line are dropped, and the
 * whole source may hold at most {@link ReadLimits#maxChars()} characters. What is read can be
 * recorded, e.g. one item of a list, within {@link ReadLimits#maxObjectChars()}.
 */
final class ByteInput {

  private static final int BUFFER_BYTES = 1 << 16;
  private static final byte STOP = 1;
  private static final byte STEP = 2;
  private static final byte[] LINE_END = stops("\n");

  private final InputStream in;
  private final ReadLimits limits;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private int end;
  private long chars;
  private long line = 1;
  private long lineStart;
  private boolean atLineStart = true;
  private byte[] recorded = new byte[1 << 12];
  private int recordedBytes;
  private long recordedChars;
  private long maxRecordedChars = -1;
  private long lookAheadEnd = Long.MAX_VALUE;

  ByteInput(InputStream in, ReadLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  /**
   * Lets the next {@code chars} characters be read, and then none, as if the source ended there
   * (whatever follows stays in {@link #rest()}): a look at a source's start that gives up early.
   */
  void lookAhead(long chars) {
    lookAheadEnd = this.chars + chars;
  }

  /** Lets the rest of the source be read, after {@link #lookAhead}. */
  void readOn() {
    lookAheadEnd = Long.MAX_VALUE;
  }

  /** The next byte (0 to 255) without consuming it, or -1 at the end of the source. */
  int peek() throws IOException {
    if ((position == end && !fill()) || chars >= lookAheadEnd) {
      return -1;
    }
    return buffer[position] & 0xff;
  }

  /** Consumes the next byte, which {@link #peek()} returned (not -1). */
  void skip() throws IOException {
    byte b = buffer[position++];
    if ((b & 0xc0) != 0x80) {
      chars++;
      if (maxRecordedChars >= 0 && ++recordedChars > maxRecordedChars) {
        throw ExceededLimit.object(limits, line);
      }
    }
    if (maxRecordedChars >= 0) {
      if (recordedBytes == recorded.length) {
        recorded = Arrays.copyOf(recorded, recorded.length * 2);
      }
      recorded[recordedBytes++] = b;
    }
    atLineStart = b == '\n';
    if (atLineStart) {
      line++;
      lineStart = chars;
      dropMarks();
    }
  }

  /**
   * The table {@link #skipUntil} takes to stop before each of {@code stops}, a string of ASCII
   * characters.
   */
  static byte[] stops(String stops) {
    byte[] table = new byte[256];
    // Line breaks and the bytes inside a character are counted one at a time.
    table['\n'] = STEP;
    for (int b = 0x80; b < 0xc0; b++) {
      table[b] = STEP;
    }
    stops.chars().forEach(c -> table[c] = STOP);
    return table;
  }

  /**
   * Consumes the bytes before the next one that {@code stops} ({@link #stops}) stops at, as
   * {@link #skip()} would one at a time, but runs of single-byte characters in one go.
   *
   * @return the byte stopped before, not consumed, or -1 at the end
   */
  int skipUntil(byte[] stops) throws IOException {
    while (true) {
      if ((position == end && !fill()) || chars >= lookAheadEnd) {
        return -1;
      }
      int from = position;
      int at = from;
      byte[] bytes = buffer;
      int last = end;
      while (at < last && stops[bytes[at] & 0xff] == 0) {
        at++;
      }
      consumed(from, at);
      if (at < last) {
        if (stops[bytes[at] & 0xff] == STOP) {
          return bytes[at] & 0xff;
        }
        skip();
      }
    }
  }

  // The bytes from {@code from} to {@code to}, each a character but no line break, are consumed.
  private void consumed(int from, int to) throws InputException {
    int count = to - from;
    chars += count;
    if (maxRecordedChars >= 0) {
      recordedChars += count;
      if (recordedChars > maxRecordedChars) {
        throw ExceededLimit.object(limits, line);
      }
      if (recordedBytes + count > recorded.length) {
        recorded = Arrays.copyOf(recorded, Math.max(recorded.length * 2, recordedBytes + count));
      }
      System.arraycopy(buffer, from, recorded, recordedBytes, count);
      recordedBytes += count;
    }
    if (count > 0) {
      atLineStart = false;
    }
    position = to;
  }

  /**
   * Makes sure a byte is buffered, for a caller that scans the buffer in place ({@link #buffer},
   * {@link #position}, {@link #limit}) and then consumes what it scanned with {@link
   * #consumeSingleBytes}.
   *
   * @return false at the end of the source
   */
  boolean fillBuffer() throws IOException {
    return peek() != -1;
  }

  /** The buffer that {@link #position} and {@link #limit} index. */
  byte[] buffer() {
    return buffer;
  }

  /** The index in {@link #buffer} of the next byte. */
  int position() {
    return position;
  }

  /** The index in {@link #buffer} after the last byte that can be read now. */
  int limit() {
    long room = lookAheadEnd - chars;
    return room < end - position ? position + (int) room : end;
  }

  /**
   * Consumes the buffered bytes up to {@code to}, which a caller scanned in place: each a
   * character of one byte (ASCII) other than a line break, so that they are counted in one go.
   */
  void consumeSingleBytes(int to) throws InputException {
    consumed(position, to);
  }

  /** Consumes and returns the next byte, or -1 at the end. */
  int next() throws IOException {
    int b = peek();
    if (b != -1) {
      skip();
    }
    return b;
  }

  /**
   * Consumes the rest of the line, its line break included.
   *
   * @return false if the source had ended already
   */
  boolean skipLine() throws IOException {
    if (peek() == -1) {
      return false;
    }
    if (skipUntil(LINE_END) == '\n') {
      skip();
    }
    return true;
  }

  /** The characters consumed so far. */
  long chars() {
    return chars;
  }

  /** The line of the next byte, from 1. */
  long line() {
    return line;
  }

  /** The column of the next character, from 1. */
  long column() {
    return chars - lineStart + 1;
  }

  /** Starts recording what is consumed, at most {@code maxChars} characters of it. */
  void record(long maxChars) {
    recordedBytes = 0;
    recordedChars = 0;
    maxRecordedChars = maxChars;
  }

  /** How many bytes were recorded so far. */
  int recordedBytes() {
    return recordedBytes;
  }

  /**
   * The recorded bytes, from index 0 to {@link #recordedBytes()}, for a caller that scans many of
   * them; the array is replaced when the recording grows.
   */
  byte[] recordedArray() {
    return recorded;
  }

  /** The recorded byte at {@code index}, 0 to 255. */
  int recordedByte(int index) {
    return recorded[index] & 0xff;
  }

  /**
   * Takes the bytes recorded from {@code from} on out of the recording, which goes on, e.g. a
   * line that turned out to start the next item.
   */
  byte[] takeRecordedFrom(int from) {
    byte[] taken = Arrays.copyOfRange(recorded, from, recordedBytes);
    recordedBytes = from;
    for (byte b : taken) {
      if ((b & 0xc0) != 0x80) {
        recordedChars--;
      }
    }
    return taken;
  }

  /** Records {@code bytes} as if they had just been consumed again. */
  void rerecord(byte[] bytes) {
    if (recordedBytes + bytes.length > recorded.length) {
      recorded = Arrays.copyOf(recorded, Math.max(recorded.length * 2, recordedBytes + bytes.length));
    }
    System.arraycopy(bytes, 0, recorded, recordedBytes, bytes.length);
    recordedBytes += bytes.length;
    for (byte b : bytes) {
      if ((b & 0xc0) != 0x80) {
        recordedChars++;
      }
    }
  }

  /** What was consumed since {@link #record}; recording stops. */
  byte[] recorded() {
    maxRecordedChars = -1;
    return Arrays.copyOf(recorded, recordedBytes);
  }

  /** The bytes not consumed yet, from the one {@link #peek()} would return. */
  InputStream rest() {
    return new SequenceInputStream(
        new ByteArrayInputStream(buffer, position, end - position), in);
  }

  // Reads more bytes, dropping byte order marks at the start of a line; false at the end.
  private boolean fill() throws IOException {
    do {
      if (position == end) {
        position = 0;
        end = 0;
      }
      if (!readSome()) {
        return false;
      }
      if (atLineStart) {
        dropMarks();
      }
    } while (position == end);
    return true;
  }

  private boolean readSome() throws IOException {
    int read = in.read(buffer, end, buffer.length - end);
    if (read <= 0) {
      return false;
    }
    end += read;
    // Counted as they arrive, so an endless source stops here whatever the parser does.
    if (chars + (end - position) > limits.maxChars()) {
      throw ExceededLimit.chars(limits, line);
    }
    return true;
  }

  // A mark is three bytes, which may arrive apart; marks in a row are all dropped.
  private void dropMarks() throws IOException {
    while (true) {
      while (end - position < 3 && (position == end || buffer[position] == (byte) 0xef)) {
        if (position > 0) {
          System.arraycopy(buffer, position, buffer, 0, end - position);
          end -= position;
          position = 0;
        }
        if (!readSome()) {
          return;
        }
      }
      if (end - position < 3 || buffer[position] != (byte) 0xef
          || buffer[position + 1] != (byte) 0xbb || buffer[position + 2] != (byte) 0xbf) {
        return;
      }
      position += 3;
    }
  }
}
