package io.k8up.core.internal.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Cuts the items of a YAML list in block style, as kubectl writes it, out of its bytes:
 *
 * <pre>
 * apiVersion: v1
 * items:
 * - apiVersion: v1
 *   kind: Pod
 *   …
 * kind: List
 * </pre>
 *
 * <p>An item is a line that starts with {@code - } at the first item's indentation, and every
 * line after it that is blank, a comment, or indented more; the first other line ends the list.
 * In block style no value of an item can go on at or left of that indentation: a block scalar's
 * lines, a plain scalar's and a mapping's are all indented more. Only a source that starts with
 * {@code apiVersion: …} and {@code items:}, as kubectl writes a list, is cut; any other is declined.
 */
final class YamlItemSplitter implements ItemSplitter {

  // kubectl writes the list's kind after its items: before them, its items would not wait for it,
  // when they are read in one go.
  private static final Pattern API_VERSION =
      Pattern.compile("apiVersion: [A-Za-z0-9][A-Za-z0-9./_-]*[ ]*\r?\n?");
  private static final Pattern DOCUMENT_START = Pattern.compile("---[ ]*\r?\n?");
  private static final Pattern ITEMS = Pattern.compile("items:[ ]*\r?\n?");
  private static final byte[] EMPTY_ITEMS = "items: []\n".getBytes(StandardCharsets.US_ASCII);

  private final ByteInput input;
  private final ReadLimits limits;
  private byte[] head;
  private long headChars;
  private long itemsLine;
  private int indent;
  private byte[] nextItem;
  private long nextItemLine;
  private byte[] endLine;
  private long endLineNumber;
  private int index;
  // The quote of a quoted scalar, and the depth of flow collections, the lines so far left open.
  private int quote;
  private int flow;

  /** A splitter of {@code input}, which is recording since the source's start. */
  YamlItemSplitter(ByteInput input, ReadLimits limits) {
    this.input = input;
    this.limits = limits;
  }

  @Override
  public boolean json() {
    return false;
  }

  @Override
  public boolean enter() throws IOException {
    int itemsStart;
    boolean first = true;
    while (true) {
      int start = input.recordedBytes();
      long line = input.line();
      if (!input.skipLine()) {
        return false;
      }
      String text = recordedText(start);
      if (ITEMS.matcher(text).matches()) {
        itemsStart = start;
        itemsLine = line;
        break;
      }
      if (!(first && DOCUMENT_START.matcher(text).matches())
          && !API_VERSION.matcher(text).matches()) {
        return false;
      }
      first = false;
    }
    // The first item comes at once: "- …" at any indentation.
    int itemStart = input.recordedBytes();
    nextItemLine = input.line();
    if (!input.skipLine()) {
      return false;
    }
    indent = indentation(itemStart, input.recordedBytes());
    if (!isItem(itemStart, input.recordedBytes())) {
      return false;
    }
    byte[] read = input.recorded();
    head = Arrays.copyOf(read, itemsStart);
    headChars = new String(head, StandardCharsets.UTF_8).length();
    nextItem = Arrays.copyOfRange(read, itemStart, read.length);
    return true;
  }

  @Override
  public Chunk next() throws IOException {
    if (nextItem == null) {
      return null;
    }
    Origin origin = Origin.at(nextItemLine, 1);
    input.record(limits.maxObjectChars());
    input.rerecord(nextItem);
    quote = 0;
    flow = 0;
    boolean open = leavesOpen(0, nextItem.length);
    long blank = 0;
    nextItem = null;
    while (true) {
      int start = input.recordedBytes();
      long line = input.line();
      if (!input.skipLine()) {
        break;
      }
      int end = input.recordedBytes();
      if (open) {
        open = leavesOpen(start, end);
        continue;
      }
      if (isItem(start, end)) {
        nextItem = input.takeRecordedFrom(start);
        nextItemLine = line;
        break;
      }
      if (endsList(start, end)) {
        endLine = input.takeRecordedFrom(start);
        endLineNumber = line;
        break;
      }
      blank = isBlankOrComment(start, end) ? blank + end - start : 0;
      if (blank > limits.maxTokenChars()) {
        throw ExceededLimit.value(limits, input.line());
      }
      open = leavesOpen(start, end);
    }
    return new Chunk(input.recorded(), origin, index++);
  }

  /**
   * Follows the quoted scalars and flow collections of the line from {@code start} to {@code end},
   * starting inside those left open by the lines before: true if the line leaves one open. Such a
   * value goes on on the next lines, which may start at any indentation, even left of the items.
   */
  private boolean leavesOpen(int start, int end) {
    int at = start;
    if (quote == 0 && flow == 0) {
      at = valueStart(at, end);
    }
    for (; at < end; at++) {
      int b = input.recordedByte(at);
      if (quote != 0) {
        at = quoteEnd(at, end, quote);
        if (at < end) {
          quote = 0;
          if (flow == 0) {
            // A quoted key: its value may be quoted, or a flow collection, too.
            if (at + 2 >= end || input.recordedByte(at + 1) != ':'
                || input.recordedByte(at + 2) != ' ') {
              return false;
            }
            at = valueStart(at + 1, end) - 1;
          }
        }
      } else if (b == '"' || b == '\'') {
        if (flow == 0 || startsScalar(start, at)) {
          quote = b;
        }
      } else if (b == '{' || b == '[') {
        flow++;
      } else if (b == '}' || b == ']') {
        if (flow > 0 && --flow == 0) {
          return false;
        }
      } else if (b == '#' && (at == start || input.recordedByte(at - 1) == ' ')) {
        break;
      } else if (flow == 0) {
        // A plain scalar: nothing of it goes on left of the items.
        return false;
      }
    }
    return quote != 0 || flow > 0;
  }

  // Whether a quote at {@code at}, inside a flow collection, starts a quoted scalar: it follows
  // "{", "[", "," or ":" and blank space, or starts the line.
  private boolean startsScalar(int start, int at) {
    int before = at - 1;
    while (before >= start && input.recordedByte(before) == ' ') {
      before--;
    }
    if (before < start) {
      return true;
    }
    int b = input.recordedByte(before);
    return b == '{' || b == '[' || b == ',' || b == ':';
  }

  // Where the value of a line starts: after its indentation, "- " and a plain key's ": ".
  private int valueStart(int start, int end) {
    int at = start;
    while (at < end && (input.recordedByte(at) == ' ' || (input.recordedByte(at) == '-'
        && at + 1 < end && input.recordedByte(at + 1) == ' '))) {
      at++;
    }
    if (at < end && (input.recordedByte(at) == '"' || input.recordedByte(at) == '\'')) {
      return at;
    }
    for (int colon = at; colon + 1 < end; colon++) {
      if (input.recordedByte(colon) == ':' && input.recordedByte(colon + 1) == ' ') {
        at = colon + 1;
        while (at < end && input.recordedByte(at) == ' ') {
          at++;
        }
        return at;
      }
    }
    return end;
  }

  // The position of the quote that closes a scalar, or end if the line does not close it.
  private int quoteEnd(int start, int end, int quote) {
    int at = start;
    while (at < end) {
      int b = input.recordedByte(at);
      if (quote == '"' && b == '\\') {
        at += 2;
      } else if (b == quote && quote == '\'' && at + 1 < end && input.recordedByte(at + 1) == '\'') {
        at += 2;
      } else if (b == quote) {
        return at;
      } else {
        at++;
      }
    }
    return end;
  }

  @Override
  public InputStream rest() {
    InputStream after = endLine == null
        ? InputStream.nullInputStream()
        : new SequenceInputStream(new ByteArrayInputStream(endLine), input.rest());
    return new SequenceInputStream(new ByteArrayInputStream(head),
        new SequenceInputStream(new ByteArrayInputStream(EMPTY_ITEMS), after));
  }

  @Override
  public Origin restOrigin() {
    // "items: []" stands on the line of "items:", and the line that ended the list comes next.
    return endLine == null ? Origin.START : new Origin(itemsLine + 1, 1, endLineNumber, 1);
  }

  @Override
  public long restCharsReadAlready() {
    return headChars + EMPTY_ITEMS.length
        + (endLine == null ? 0 : new String(endLine, StandardCharsets.UTF_8).length());
  }

  private boolean isItem(int start, int end) {
    return indentation(start, end) == indent && dashAt(start + indent, end);
  }

  // A line that is neither blank, nor a comment, nor indented more than the items.
  private boolean endsList(int start, int end) {
    return !isBlankOrComment(start, end) && indentation(start, end) <= indent;
  }

  private boolean isBlankOrComment(int start, int end) {
    int at = start + indentation(start, end);
    return at == end || input.recordedByte(at) == '\n' || input.recordedByte(at) == '\r'
        || input.recordedByte(at) == '#';
  }

  private int indentation(int start, int end) {
    int at = start;
    while (at < end && input.recordedByte(at) == ' ') {
      at++;
    }
    return at - start;
  }

  private boolean dashAt(int at, int end) {
    if (at >= end || input.recordedByte(at) != '-') {
      return false;
    }
    int after = at + 1 < end ? input.recordedByte(at + 1) : '\n';
    return after == ' ' || after == '\n' || after == '\r';
  }

  private String recordedText(int start) {
    byte[] bytes = new byte[input.recordedBytes() - start];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) input.recordedByte(start + i);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
