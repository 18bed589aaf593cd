package io.k8up.core.internal.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/**
 * Reads a YAML or JSON source object by object into a {@link SnapshotAssembler}, within {@link
 * ReadLimits}. JSON is recognised by its first character, <code>{</code>; anything else is read
 * as YAML, one document per {@code ---}. See docs/decisions/0003 for the choice of parsers.
 */
public final class DocumentReader {

  private static final int BUFFER_CHARS = 1 << 16;

  private DocumentReader() {}

  /**
   * Adds every object of {@code reader} to {@code assembler}; syntax errors and exceeded limits
   * become a problem that ends the read.
   *
   * @throws IOException if {@code reader} fails
   */
  public static void read(Reader reader, ReadLimits limits, SnapshotAssembler assembler)
      throws IOException {
    // Buffered below the counting, so that reading a character at a time stays cheap.
    LimitedReader limited =
        new LimitedReader(new BufferedReader(reader, BUFFER_CHARS), limits, YamlTokens.BUFFER_CHARS);
    try {
      PushbackReader input = new PushbackReader(limited, 1);
      int first = firstSignificantChar(input);
      if (first == -1) {
        return;
      }
      input.unread(first);
      Tokens tokens = first == '{'
          ? new JsonTokens(input, limited, limits)
          : new YamlTokens(input, limited, limits);
      new ObjectStreamer(tokens, limited, limits, assembler).readAll();
    } catch (InputException e) {
      assembler.addEndingProblem(e.getMessage());
    }
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
