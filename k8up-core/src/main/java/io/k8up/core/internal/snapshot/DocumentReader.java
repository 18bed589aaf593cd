package io.k8up.core.internal.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a YAML or JSON source object by object into a {@link SnapshotAssembler}, within {@link
 * ReadLimits}. JSON is recognised by its first character, <code>{</code>; anything else is read
 * as YAML, one document per {@code ---}. See docs/decisions/0003 for the choice of parsers, and
 * 0006 for reading a list's items on several threads.
 */
public final class DocumentReader {

  private static final int BUFFER_CHARS = 1 << 16;

  private DocumentReader() {}

  /**
   * Adds every object of {@code reader} to {@code assembler}, in one thread; syntax errors and
   * exceeded limits become a problem that ends the read.
   *
   * @throws IOException if {@code reader} fails
   */
  public static void read(Reader reader, ReadLimits limits, SnapshotAssembler assembler)
      throws IOException {
    try {
      read(reader, Origin.START, limits, assembler, null, new HashMap<>());
    } catch (InputException e) {
      assembler.addEndingProblem(e.getMessage());
    }
  }

  /**
   * Adds every object of the UTF-8 bytes of {@code input} to {@code assembler}, as {@link
   * #read(Reader, ReadLimits, SnapshotAssembler)} does, reading the items of a list as kubectl
   * writes it on {@code threads} threads ({@link ParallelListReader}).
   *
   * @throws java.nio.charset.CharacterCodingException if the bytes are not UTF-8
   * @throws IOException if {@code input} fails
   */
  public static void read(InputStream input, ReadLimits limits, SnapshotAssembler assembler,
      int threads) throws IOException {
    try {
      new ParallelListReader(limits, assembler, threads).read(input);
    } catch (InputException e) {
      assembler.addEndingProblem(e.getMessage());
    }
  }

  /** A reader of UTF-8 bytes that refuses anything else. */
  static Reader utf8(InputStream input) {
    return new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder());
  }

  /**
   * Reads {@code reader}, whose positions {@code origin} maps to its source's, in this thread; when
   * the items of its first list were read already, {@code readAhead} says what that left to do.
   */
  static void read(Reader reader, Origin origin, ReadLimits limits, SnapshotAssembler assembler,
      ReadAhead readAhead, Map<String, String> shared) throws IOException {
    // Buffered below the counting, so that reading a character at a time stays cheap.
    LimitedReader limited = new LimitedReader(
        new BufferedReader(reader, BUFFER_CHARS), limits, YamlTokens.BUFFER_CHARS, origin);
    PushbackReader input = new PushbackReader(limited, 1);
    int first = firstSignificantChar(input);
    if (first == -1) {
      return;
    }
    input.unread(first);
    Tokens tokens = first == '{'
        ? new JsonTokens(input, limited, limits, origin, 0)
        : new YamlTokens(input, limited, limits, origin, 0);
    ObjectStreamer streamer = new ObjectStreamer(tokens, limited, limits, assembler, shared);
    (readAhead == null ? streamer : streamer.continuing(readAhead)).readAll();
  }

  // Skips blank space; the limited reader has dropped a byte order mark.
  private static int firstSignificantChar(Reader reader) throws IOException {
    int c = reader.read();
    while (c != -1 && Character.isWhitespace(c)) {
      c = reader.read();
    }
    return c;
  }
}
