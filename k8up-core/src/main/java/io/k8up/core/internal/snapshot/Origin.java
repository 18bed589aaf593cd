package io.k8up.core.internal.snapshot;

/**
 * Where the positions of a text read apart from its source are in the source: the text is the
 * source's, except that from ({@code fromLine}, {@code fromColumn}) of the text on, it stood at
 * ({@code toLine}, {@code toColumn}). An item of a list read on its own starts somewhere in the
 * source; the rest of a source whose items were cut out goes on further down.
 */
record Origin(long fromLine, long fromColumn, long toLine, long toColumn) {

  /** A text that is its source, or its start. */
  static final Origin START = new Origin(1, 1, 1, 1);

  /** A text that starts at ({@code line}, {@code column}) of its source. */
  static Origin at(long line, long column) {
    return new Origin(1, 1, line, column);
  }

  /** The source's line of the text's line {@code line}, for a message that names no column. */
  long line(long line) {
    return line < fromLine ? line : line - fromLine + toLine;
  }

  /** The source's line of the text's position ({@code line}, {@code column}). */
  long line(long line, long column) {
    return line == fromLine && column < fromColumn ? line : line(line);
  }

  /** The source's column of the text's position ({@code line}, {@code column}). */
  long column(long line, long column) {
    return line == fromLine && column >= fromColumn ? column - fromColumn + toColumn : column;
  }
}
