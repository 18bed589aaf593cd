package io.k8up.examples.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as aligned columns; the last column, a free sentence, is not padded. */
final class TextTable {

  private TextTable() {}

  static void print(List<String[]> rows, PrintWriter out) {
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
