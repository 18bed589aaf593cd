package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints rows as aligned columns within a width; the last column, a free sentence, is not padded
 * and is shortened to fit. Every cell is escaped ({@link TerminalText}): cells come from the
 * cluster, and one must not draw a row of its own.
 */
final class TextTable {

  /** No width limit: every cell whole. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  /** Within a width limit, a cell before the last column is cut to this many characters. */
  static final int MAX_CELL = 40;

  /** The last column keeps at least this many characters, even past the width. */
  static final int MIN_LAST = 20;

  private static final String GAP = "  ";
  private static final String CUT = "…";

  private TextTable() {}

  /** Prints {@code rows}, the first being the header, in lines of at most {@code width} characters where possible. */
  static void print(List<String[]> rawRows, int width, PrintWriter out) {
    int cellLimit = width == UNLIMITED ? UNLIMITED : MAX_CELL;
    List<String[]> rows = rawRows.stream()
        .map(row -> Arrays.stream(row).map(TerminalText::escape).map(cell -> cut(cell, cellLimit)).toArray(String[]::new))
        .collect(Collectors.toList());
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    int before = 0;
    for (int c = 0; c < columns - 1; c++) {
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
      before += widths[c] + GAP.length();
    }
    int last = width == UNLIMITED ? UNLIMITED : Math.max(MIN_LAST, width - before);
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns - 1; c++) {
        line.append(row[c]).append(" ".repeat(widths[c] - row[c].length())).append(GAP);
      }
      line.append(cut(row[columns - 1], last));
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cut(String cell, int limit) {
    return cell.length() <= limit ? cell : cell.substring(0, limit - CUT.length()) + CUT;
  }
}
