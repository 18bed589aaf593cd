package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@link Tokens} of one YAML text held in memory, read fast for the block style that {@code
 * kubectl get -o yaml} writes, or not at all: over any text it yields exactly the tokens that
 * {@link YamlTokens} yields for it, or throws {@link Declined}, after which the caller reads
 * the whole text again with {@link YamlTokens}. It never reports a problem of its own: whatever is
 * malformed, beyond {@link ReadLimits#maxDepth()} or {@link ReadLimits#maxTokenChars()}, or outside
 * its subset is declined, so that snakeyaml-engine words the problem. A declining instance is not
 * used further.
 *
 * <p>The subset: one document, optionally after a {@code ---} line; block mappings and block
 * sequences, a sequence indented under its key or not, {@code - key: v} and {@code - - v} on one
 * line; plain, single-quoted and double-quoted scalars, also over several lines as kubectl folds
 * long ones; literal block scalars ({@code |}, {@code |-}, {@code |+}, with an indentation
 * indicator or not) that start with a line of text; the empty flow collections {@code {}} and
 * {@code []}; empty values. Declined: comments, tabs, carriage returns, anchors, aliases, tags,
 * directives, complex keys, folded scalars, a root scalar over several lines, non-empty flow
 * collections, a second document, a byte order mark, and other characters that are not
 * printable.
 *
 * <p>The caller checks the limits on the whole text ({@link ReadLimits#maxChars()}, {@link
 * ReadLimits#maxObjectChars()}); no {@link LimitedReader} is told of the tokens.
 */
final class BlockYamlTokens implements Tokens {

  // snakeyaml-engine forgets a possible key after 1024 code points; well below that is safe.
  private static final int MAX_KEY_CHARS = 1000;
  private static final Optional<String> NO_TAG = Optional.empty();

  private final char[] text;
  private final int length;
  private final int maxDepth;
  private final int maxTokenChars;

  // The open block collections, innermost last: the column of their entries, and their kind.
  private final int[] columns;
  private final boolean[] sequences;
  private int open;

  // A key or a '-' whose value starts on a later line, or the root before its first line (column
  // -1): the column of what it belongs to, and whether that is a mapping.
  private boolean pending;
  private int pendingColumn;
  private boolean pendingInMapping;

  // The start of the next line to read, and of the last line read that was not blank.
  private int position;
  private int lastLine;
  private int document;
  private boolean finished;

  // The tokens read from the current line, not yet taken. A key or scalar is text[start, end) or,
  // where escapes or a block scalar made it differ from its source, the decoded string.
  private Token[] kinds = new Token[64];
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private String[] decoded = new String[64];
  private boolean[] plains = new boolean[64];
  private int head;
  private int tail;

  // The last scalar scanned: text[valueStart, valueEnd), or valueText if that is not null; and
  // whether it was a quoted scalar over several lines.
  private int valueStart;
  private int valueEnd;
  private String valueText;
  private boolean overLines;

  /** Tokens of the YAML text {@code yaml[0, length)}, which is not copied. */
  BlockYamlTokens(char[] yaml, int length, ReadLimits limits) {
    this.text = yaml;
    this.length = length;
    this.maxDepth = limits.maxDepth();
    this.maxTokenChars = limits.maxTokenChars();
    this.columns = new int[maxDepth];
    this.sequences = new boolean[maxDepth];
  }

  @Override
  public boolean nextDocument() throws IOException {
    if (document == 0 && !finished) {
      return startDocument();
    }
    if (!finished && peek() != Token.END_DOCUMENT) {
      throw new IllegalStateException("the document is not read to its end");
    }
    finished = true;
    return false;
  }

  @Override
  public int document() {
    return Math.max(document, 1);
  }

  @Override
  public Token peek() throws IOException {
    if (document == 0 || finished) {
      return Token.END_DOCUMENT;
    }
    if (head == tail) {
      fill();
    }
    return kinds[head];
  }

  @Override
  public void consume() throws IOException {
    Token token = peek();
    if (token == Token.KEY || token == Token.SCALAR || token == Token.END_DOCUMENT) {
      throw new IllegalStateException("not a structural token: " + token);
    }
    head++;
  }

  @Override
  public String nextKey() throws IOException {
    expect(Token.KEY);
    return take();
  }

  @Override
  public JsonElement nextScalar() throws IOException {
    expect(Token.SCALAR);
    boolean plain = plains[head];
    return YamlScalars.resolve(take(), plain, NO_TAG);
  }

  @Override
  public void skipScalar() throws IOException {
    expect(Token.SCALAR);
    head++;
  }

  private void expect(Token token) throws IOException {
    if (peek() != token) {
      throw new IllegalStateException("expected " + token + ", found " + kinds[head]);
    }
  }

  private String take() {
    String value = decoded[head] != null
        ? decoded[head] : new String(text, starts[head], ends[head] - starts[head]);
    head++;
    return value;
  }

  // Skips blank lines and an explicit document start; an empty stream has no document.
  private boolean startDocument() throws Declined {
    int line = skipBlankLines(0);
    if (line == length) {
      finished = true;
      return false;
    }
    position = isDocumentMarker(line, '-') ? endOfLine(line + 3) : line;
    document = 1;
    pending = true;
    pendingColumn = -1;
    pendingInMapping = false;
    return true;
  }

  // Reads lines until one yields a token; each line that is not blank yields at least one.
  private void fill() throws Declined {
    head = 0;
    tail = 0;
    while (tail == 0) {
      int line = skipBlankLines(position);
      if (line == length) {
        checkTokenLength(length);
        endDocument();
        return;
      }
      readLine(line);
      checkTokenLength(position);
      lastLine = line;
    }
  }

  // What lies between two tokens, blank lines included, stays within the limit LimitedReader
  // enforces (this counts more than it, from the start of the previous token's line).
  private void checkTokenLength(int end) throws Declined {
    if (end - lastLine > maxTokenChars) {
      throw new Declined("a value or blank run longer than " + maxTokenChars + " characters");
    }
  }

  private void endDocument() {
    if (pending) {
      emitNull();
      pending = false;
    }
    while (open > 0) {
      close();
    }
    emit(Token.END_DOCUMENT, 0, 0, null, false);
  }

  private void readLine(int line) throws Declined {
    int first = skipSpaces(line);
    int column = first - line;
    if (column == 0 && (isDocumentMarker(first, '-') || isDocumentMarker(first, '.'))) {
      throw new Declined("a second document or a document end");
    }
    if (text[first] == '#') {
      throw new Declined("a comment");
    }
    if (pending) {
      pending = false;
      if (column > pendingColumn) {
        lineNode(first, column, pendingColumn < 0);
        return;
      }
      // A mapping's value may be a sequence at the mapping's own column.
      if (column == pendingColumn && pendingInMapping && isEntry(first)) {
        openCollection(column, true);
        entry(first, column);
        return;
      }
      emitNull();
    }
    // A line less indented ends collections; a line at a sequence's column that is no entry ends
    // the sequence (one under its key, not indented).
    while (open > 0 && (columns[open - 1] > column
        || columns[open - 1] == column && sequences[open - 1] && !isEntry(first))) {
      close();
    }
    if (open == 0 || columns[open - 1] != column) {
      throw new Declined("a line indented unlike the entries of any open collection");
    }
    if (sequences[open - 1]) {
      entry(first, column);
    } else if (!mappingEntry(first, column, false)) {
      throw new Declined("a line in a mapping that is not a key");
    }
  }

  // A node that starts its line: a collection, or (only the root) a scalar on its one line.
  private void lineNode(int p, int column, boolean root) throws Declined {
    if (isEntry(p)) {
      openCollection(column, true);
      entry(p, column);
    } else if (!mappingEntry(p, column, true)) {
      if (!root) {
        throw new Declined("a scalar on the line after its key or dash");
      }
      scalarOnLine(p);
    }
  }

  // An entry of a sequence, at its '-'.
  private void entry(int dash, int column) throws Declined {
    int p = skipSpaces(dash + 1);
    if (atLineEnd(p)) {
      pendingValue(column, false, p);
      return;
    }
    int valueColumn = column + (p - dash);
    if (isEntry(p)) {
      openCollection(valueColumn, true);
      entry(p, valueColumn);
    } else if (!mappingEntry(p, valueColumn, true)) {
      inlineValue(p);
    }
  }

  /**
   * A key and its value, if a key starts at {@code p}.
   *
   * @param opens whether the key starts a new mapping at {@code column}
   * @return false if no key starts at {@code p}
   */
  private boolean mappingEntry(int p, int column, boolean opens) throws Declined {
    int colon = keyEnd(p);
    if (colon < 0) {
      return false;
    }
    if (colon - p > MAX_KEY_CHARS) {
      throw new Declined("a key longer than " + MAX_KEY_CHARS + " characters");
    }
    if (opens) {
      openCollection(column, false);
    }
    emit(Token.KEY, valueStart, valueEnd, valueText, false);
    int value = skipSpaces(colon + 1);
    if (atLineEnd(value)) {
      pendingValue(column, true, value);
    } else {
      inlineValue(value);
    }
    return true;
  }

  // The ':' after a key starting at p, or -1 if p starts no key; the key is the last value scanned.
  private int keyEnd(int p) throws Declined {
    char c = text[p];
    if (c == '"' || c == '\'') {
      int end = quoted(p);
      boolean key = end < length && text[end] == ':' && isBlankOrEnd(end + 1);
      if (key && overLines) {
        throw new Declined("a key over several lines");
      }
      return key ? end : -1;
    }
    return plainStart(p) ? plain(p) : -1;
  }

  private void pendingValue(int column, boolean inMapping, int lineEnd) {
    pending = true;
    pendingColumn = column;
    pendingInMapping = inMapping;
    position = nextLine(lineEnd);
  }

  // A value after "key: " or "- " on the same line.
  private void inlineValue(int p) throws Declined {
    char c = text[p];
    if (c == '|') {
      literal(p);
    } else if (c == '{' || c == '[') {
      emptyFlow(p);
    } else {
      scalarOnLine(p);
    }
  }

  // A quoted or plain scalar that ends its line.
  private void scalarOnLine(int p) throws Declined {
    char c = text[p];
    if (c == '"' || c == '\'') {
      int end = quoted(p);
      emit(Token.SCALAR, valueStart, valueEnd, valueText, false);
      position = endOfLine(end);
    } else if (!plainStart(p)) {
      throw new Declined("an indicator: anchor, alias, tag, folded scalar, flow or other");
    } else if (plain(p) >= 0) {
      throw new Declined("a second ': ' on a line");
    } else {
      continuePlain();
      emit(Token.SCALAR, valueStart, valueEnd, valueText, true);
    }
  }

  /**
   * Folds into the plain scalar just scanned the lines that continue it, as snakeyaml-engine's
   * scanPlain does: those more indented than its collection (kubectl folds long text so). A line
   * break becomes a space, n line breaks become n - 1 newlines; spaces around them are dropped.
   */
  private void continuePlain() throws Declined {
    int minColumn = open == 0 ? 0 : columns[open - 1] + 1;
    int line = skipBlankLines(position);
    if (line == length || skipSpaces(line) - line < minColumn) {
      return; // the usual case: the scalar ends its line
    }
    if (open == 0) {
      throw new Declined("a root scalar over several lines");
    }
    StringBuilder folded = new StringBuilder().append(text, valueStart, valueEnd - valueStart);
    int afterValue = position;
    while (line < length && skipSpaces(line) - line >= minColumn) {
      int first = skipSpaces(line);
      if (text[first] == '#') {
        throw new Declined("a comment");
      }
      int breaks = countLines(afterValue, line) + 1;
      if (breaks == 1) {
        folded.append(' ');
      } else {
        appendBreaks(folded, breaks - 1);
      }
      if (plain(first) >= 0) {
        throw new Declined("a ': ' in a plain scalar over several lines");
      }
      folded.append(text, valueStart, valueEnd - valueStart);
      afterValue = position;
      line = skipBlankLines(position);
    }
    valueText = folded.toString();
  }

  // The number of line breaks in text[from, to).
  private int countLines(int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private void emptyFlow(int p) throws Declined {
    boolean map = text[p] == '{';
    if (p + 1 >= length || text[p + 1] != (map ? '}' : ']')) {
      throw new Declined("a flow collection that is not empty");
    }
    if (open == maxDepth) {
      throw new Declined("nesting deeper than " + maxDepth);
    }
    emit(map ? Token.BEGIN_MAP : Token.BEGIN_LIST, p, p, null, false);
    emit(map ? Token.END_MAP : Token.END_LIST, p, p, null, false);
    position = endOfLine(p + 2);
  }

  /**
   * Scans a plain scalar from {@code p} to the end of its line, or to a ':' followed by a blank
   * (then it is a key). Either way the scalar, without trailing spaces, is the last value scanned.
   *
   * @return the index of that ':', or -1 if the scalar ends its line
   */
  private int plain(int p) throws Declined {
    int end = p;
    int i = p;
    for (; i < length; i++) {
      char c = text[i];
      if (c == '\n') {
        break;
      }
      if (c == ':' && isBlankOrEnd(i + 1)) {
        setValue(p, end);
        return i;
      }
      if (c == ' ') {
        if (i + 1 < length && text[i + 1] == '#') {
          throw new Declined("a comment");
        }
      } else {
        if (c < 0x20 || c >= 0x7f) {
          checkUnusual(i);
        }
        end = i + 1;
      }
    }
    setValue(p, end);
    position = nextLine(i);
    return -1;
  }

  private void setValue(int start, int end) {
    valueStart = start;
    valueEnd = end;
    valueText = null;
  }

  // YAML's rule for the first character of a plain scalar in block context.
  private boolean plainStart(int p) {
    return switch (text[p]) {
      case '-', '?', ':' -> !isBlankOrEnd(p + 1);
      case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ',
          '\n', '\t', '\r' -> false;
      default -> true;
    };
  }

  /**
   * Scans a single- or double-quoted scalar on one line.
   *
   * @return the index after its closing quote
   */
  private int quoted(int p) throws Declined {
    overLines = false;
    char quote = text[p];
    StringBuilder unescaped = null;
    int chunk = p + 1;
    int i = p + 1;
    while (true) {
      if (i >= length) {
        throw new Declined("an unterminated quoted scalar");
      }
      char c = text[i];
      if (c == quote) {
        if (quote == '"' || i + 1 >= length || text[i + 1] != '\'') {
          break;
        }
        unescaped = append(unescaped, chunk, i + 1); // '' is one quote
        i += 2;
        chunk = i;
      } else if (c == '\\' && quote == '"' && i + 1 < length && text[i + 1] == '\n') {
        // An escaped line break: the spaces before it stay, and it adds nothing.
        unescaped = append(unescaped, chunk, i);
        i = chunk = foldLines(i + 1, unescaped, true);
      } else if (c == '\\' && quote == '"') {
        unescaped = append(unescaped, chunk, i);
        i = escape(i + 1, unescaped);
        chunk = i;
      } else if (c == '\n') {
        // The spaces before a line break go.
        int end = i;
        while (end > chunk && text[end - 1] == ' ') {
          end--;
        }
        unescaped = append(unescaped, chunk, end);
        i = chunk = foldLines(i, unescaped, false);
      } else {
        if (c < 0x20 || c >= 0x7f) {
          checkUnusual(i);
        }
        i++;
      }
    }
    valueStart = p + 1;
    valueEnd = i;
    valueText = unescaped == null ? null : append(unescaped, chunk, i).toString();
    return i + 1;
  }

  /**
   * Folds the line break at {@code lineBreak} inside a quoted scalar and the empty lines after it,
   * as snakeyaml-engine's scanFlowScalarSpaces and scanFlowScalarBreaks do: one line break becomes
   * a space (nothing if escaped), n line breaks become n - 1 newlines; the spaces that indent the
   * next lines go. The lines must be indented more than the enclosing collection, as YAML asks.
   *
   * @return the index of the first character after that
   */
  private int foldLines(int lineBreak, StringBuilder into, boolean escaped) throws Declined {
    if (open == 0) {
      throw new Declined("a root scalar over several lines");
    }
    overLines = true;
    int minColumn = columns[open - 1] + 1;
    int breaks = 0;
    int line = lineBreak + 1;
    int first = skipSpaces(line);
    while (first < length && text[first] == '\n') {
      breaks++;
      line = first + 1;
      first = skipSpaces(line);
    }
    if (first >= length || first - line < minColumn) {
      throw new Declined("a quoted scalar that is unterminated or continues less indented");
    }
    if (breaks == 0 && !escaped) {
      into.append(' ');
    } else {
      appendBreaks(into, breaks);
    }
    return first;
  }

  private StringBuilder append(StringBuilder builder, int from, int to) {
    StringBuilder result = builder == null ? new StringBuilder() : builder;
    return result.append(text, from, to - from);
  }

  // Decodes the escape after a '\' at i - 1 as snakeyaml-engine does; returns the index after it.
  private int escape(int i, StringBuilder into) throws Declined {
    if (i >= length) {
      throw new Declined("an unterminated quoted scalar");
    }
    char c = text[i];
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0) {
      int replacement = replacement(c);
      if (replacement < 0) {
        throw new Declined("an unknown escape or a line continued");
      }
      into.append((char) replacement);
      return i + 1;
    }
    long code = 0;
    for (int k = 1; k <= digits; k++) {
      int digit = i + k < length ? hexDigit(text[i + k]) : -1;
      if (digit < 0) {
        throw new Declined("a malformed escape");
      }
      code = code * 16 + digit;
    }
    if (code > Character.MAX_CODE_POINT || code >= 0xD800 && code <= 0xDFFF) {
      throw new Declined("an escape that is no character");
    }
    into.appendCodePoint((int) code);
    return i + 1 + digits;
  }

  // snakeyaml-engine's ESCAPE_REPLACEMENTS: what "\c" stands for, or -1.
  private static int replacement(char c) {
    return switch (c) {
      case '0' -> 0;
      case 'a' -> 7;
      case 'b' -> '\b';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'v' -> 11;
      case 'f' -> '\f';
      case 'r' -> '\r';
      case 'e' -> 27;
      case ' ', '"', '/', '\\' -> c;
      case 'N' -> 0x85;
      case '_' -> 0xA0;
      default -> -1;
    };
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /**
   * A literal block scalar at its '|', read as snakeyaml-engine's scanBlockScalar reads it. Its
   * first line must hold text: leading empty lines and empty scalars are declined, as their
   * indentation rules are intricate and kubectl writes neither.
   */
  private void literal(int bar) throws Declined {
    // snakeyaml-engine ends a block scalar's last line with a line break even at the end of the
    // text; its reading there is not reproduced.
    if (text[length - 1] != '\n') {
      throw new Declined("a block scalar in a text without a final line break");
    }
    int i = bar + 1;
    char chomping = ' ';
    int increment = 0;
    if (i < length && (text[i] == '-' || text[i] == '+')) {
      chomping = text[i++];
      if (i < length && text[i] >= '1' && text[i] <= '9') {
        increment = text[i++] - '0';
      }
    } else if (i < length && text[i] >= '1' && text[i] <= '9') {
      increment = text[i++] - '0';
      if (i < length && (text[i] == '-' || text[i] == '+')) {
        chomping = text[i++];
      }
    }
    int first = endOfLine(i);
    int spaces = skipSpaces(first) - first;
    if (atLineEnd(first + spaces)) {
      throw new Declined("a block scalar that is empty or starts with an empty line");
    }
    // The indentation of the enclosing collection, as snakeyaml-engine's scanner counts it.
    int parent = columns[open - 1];
    int indent = increment == 0 ? spaces : parent + increment;
    if (spaces < indent || indent <= parent) {
      throw new Declined("a block scalar that is empty or less indented than stated");
    }
    StringBuilder value = new StringBuilder();
    int p = first + indent;
    int breaks = 0;
    boolean lineBreak;
    int next;
    while (true) {
      appendBreaks(value, breaks);
      int end = lineEnd(p);
      value.append(text, p, end - p);
      lineBreak = end < length;
      p = nextLine(end);
      // Empty lines, and up to indent spaces of every line, are line breaks.
      next = p;
      breaks = 0;
      int column = 0;
      for (; column < indent && p < length && text[p] == ' '; column++) {
        p++;
      }
      while (p < length && text[p] == '\n') {
        breaks++;
        next = ++p;
        for (column = 0; column < indent && p < length && text[p] == ' '; column++) {
          p++;
        }
      }
      if (column < indent || p >= length) {
        break;
      }
      value.append('\n');
    }
    if (chomping != '-' && lineBreak) {
      value.append('\n');
    }
    if (chomping == '+') {
      appendBreaks(value, breaks);
    }
    emit(Token.SCALAR, bar, bar, value.toString(), false);
    position = next;
  }

  private static void appendBreaks(StringBuilder value, int breaks) {
    for (int k = 0; k < breaks; k++) {
      value.append('\n');
    }
  }

  // The end of the line at p: its '\n' or the end of the text; its characters are checked.
  private int lineEnd(int p) throws Declined {
    for (; p < length; p++) {
      char c = text[p];
      if (c < 0x20 || c >= 0x7f) {
        if (c == '\n') {
          break;
        }
        checkUnusual(p);
      }
    }
    return p;
  }

  // Declines the character at i, which is not printable ASCII (below 0x20 or from 0x7f), unless
  // snakeyaml-engine reads it as an ordinary printable character: from 0xA0 to 0xFFFD but for
  // line and paragraph separators and byte order marks, and whole surrogate pairs.
  private void checkUnusual(int i) throws Declined {
    char c = text[i];
    if (Character.isHighSurrogate(c)) {
      if (i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
        return;
      }
    } else if (Character.isLowSurrogate(c)) {
      if (i > 0 && Character.isHighSurrogate(text[i - 1])) {
        return;
      }
    } else if (c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF && c < 0xFFFE) {
      return;
    }
    throw new Declined("a tab, a carriage return or another special character");
  }

  private void openCollection(int column, boolean sequence) throws Declined {
    if (open == maxDepth) {
      throw new Declined("nesting deeper than " + maxDepth);
    }
    columns[open] = column;
    sequences[open] = sequence;
    open++;
    emit(sequence ? Token.BEGIN_LIST : Token.BEGIN_MAP, 0, 0, null, false);
  }

  private void close() {
    open--;
    emit(sequences[open] ? Token.END_LIST : Token.END_MAP, 0, 0, null, false);
  }

  // An empty value: a plain empty scalar, which resolves to null.
  private void emitNull() {
    emit(Token.SCALAR, 0, 0, null, true);
  }

  private void emit(Token kind, int start, int end, String value, boolean plain) {
    if (tail == kinds.length) {
      grow();
    }
    kinds[tail] = kind;
    starts[tail] = start;
    ends[tail] = end;
    decoded[tail] = value;
    plains[tail] = plain;
    tail++;
  }

  private void grow() {
    int size = kinds.length * 2;
    kinds = Arrays.copyOf(kinds, size);
    starts = Arrays.copyOf(starts, size);
    ends = Arrays.copyOf(ends, size);
    decoded = Arrays.copyOf(decoded, size);
    plains = Arrays.copyOf(plains, size);
  }

  // "---" or "..." followed by a blank, at p.
  private boolean isDocumentMarker(int p, char c) {
    return p + 2 < length && text[p] == c && text[p + 1] == c && text[p + 2] == c
        && isBlankOrEnd(p + 3);
  }

  private boolean isEntry(int p) {
    return text[p] == '-' && isBlankOrEnd(p + 1);
  }

  // snakeyaml-engine's NULL_BL_T_LINEBR, with the end of the text as its NUL.
  private boolean isBlankOrEnd(int p) {
    if (p >= length) {
      return true;
    }
    char c = text[p];
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private boolean atLineEnd(int p) {
    return p >= length || text[p] == '\n';
  }

  private int nextLine(int lineEnd) {
    return lineEnd >= length ? length : lineEnd + 1;
  }

  private int skipSpaces(int p) {
    while (p < length && text[p] == ' ') {
      p++;
    }
    return p;
  }

  // The start of the next line after p that is not blank, or the end of the text.
  private int skipBlankLines(int p) {
    while (p < length) {
      int first = skipSpaces(p);
      if (first < length && text[first] != '\n') {
        return p;
      }
      p = nextLine(first);
    }
    return length;
  }

  // The start of the next line, if only spaces are left on the line at p.
  private int endOfLine(int p) throws Declined {
    int end = skipSpaces(p);
    if (!atLineEnd(end)) {
      throw new Declined("something after a value on its line, e.g. a comment");
    }
    return nextLine(end);
  }
}
