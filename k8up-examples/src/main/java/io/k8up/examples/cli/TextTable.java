package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints rows as aligned columns; the last column, a free sentence, is not padded. Every cell is
 * escaped ({@link TerminalText}): cells come from the cluster, and one must not draw a row of its own.
 */
final class TextTable {

  private TextTable() {}

  static void print(List<String[]> rawRows, PrintWriter out) {
    List<String[]> rows = rawRows.stream()
        .map(row -> Arrays.stream(row).map(TerminalText::escape).toArray(String[]::new))
        .collect(Collectors.toList());
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns - 1; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row[c];
        line.append(c == columns - 1 ? cell : cell + " ".repeat(widths[c] + 2 - cell.length()));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
