package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints rows as aligned columns within a width; the last column, a free sentence, is not padded
 * and is shortened to fit, and the widest other columns are narrowed (never below their header,
 * those that name the row last) until a line fits. Every cell is escaped ({@link TerminalText}):
 * cells come from the cluster, and one must not draw a row of its own.
 */
final class TextTable {

  /** No width limit: every cell whole. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  /** Within a width limit, a cell before the last column is cut to this many characters. */
  static final int MAX_CELL = 40;

  /** The last column keeps at least this many characters, even past the width. */
  static final int MIN_LAST = 20;

  /** The first columns, which name the row (namespace, kind or claim, name): narrowed last. */
  static final int NAMING_COLUMNS = 3;

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
    int[] widths = new int[columns - 1];
    for (int c = 0; c < columns - 1; c++) {
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    if (width != UNLIMITED) {
      narrow(widths, rows.get(0), width - MIN_LAST);
    }
    int before = Arrays.stream(widths).sum() + GAP.length() * widths.length;
    int last = width == UNLIMITED ? UNLIMITED : Math.max(MIN_LAST, width - before);
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns - 1; c++) {
        String cell = cut(row[c], widths[c]);
        line.append(cell).append(" ".repeat(widths[c] - cell.length())).append(GAP);
      }
      line.append(cut(row[columns - 1], last));
      out.println(line.toString().stripTrailing());
    }
  }

  // One character off the widest column at a time, so that the columns share the cut; a header stays
  // whole, and the columns that name the row are narrowed only once the others are at their headers.
  private static void narrow(int[] widths, String[] header, int room) {
    narrow(widths, header, room, Math.min(NAMING_COLUMNS, widths.length));
    narrow(widths, header, room, 0);
  }

  private static void narrow(int[] widths, String[] header, int room, int from) {
    while (Arrays.stream(widths).sum() + GAP.length() * widths.length > room) {
      int widest = -1;
      for (int c = from; c < widths.length; c++) {
        if (widths[c] > header[c].length() && (widest < 0 || widths[c] > widths[widest])) {
          widest = c;
        }
      }
      if (widest < 0) {
        return;
      }
      widths[widest]--;
    }
  }

  private static String cut(String cell, int limit) {
    return cell.length() <= limit ? cell : cell.substring(0, limit - CUT.length()) + CUT;
  }
}
