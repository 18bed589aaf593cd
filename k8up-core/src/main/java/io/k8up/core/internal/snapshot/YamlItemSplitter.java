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
 * lines, a plain scalar's and a mapping's are all indented more; only a quoted scalar or a flow
 * collection can, and {@link YamlValueFollower} keeps their lines in their item. Only a source that
 * starts with {@code apiVersion: …} and {@code items:}, as kubectl writes a list, is cut; any other
 * is declined.
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
  private final YamlValueFollower values;

  /** A splitter of {@code input}, which is recording since the source's start. */
  YamlItemSplitter(ByteInput input, ReadLimits limits) {
    this.input = input;
    this.limits = limits;
    this.values = new YamlValueFollower(input);
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
    values.reset();
    boolean open = values.leavesOpen(0, nextItem.length);
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
        open = values.leavesOpen(start, end);
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
      open = values.leavesOpen(start, end);
    }
    return new Chunk(input.recorded(), origin, index++);
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
