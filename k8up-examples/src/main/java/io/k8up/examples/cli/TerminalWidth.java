package io.k8up.examples.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How wide the terminal is that a table goes to: {@code $COLUMNS}, else the tty's, else no limit. */
final class TerminalWidth {

  private TerminalWidth() {}

  /** The width to fit: {@code COLUMNS} of {@code environment}, else the terminal's, else {@link TextTable#UNLIMITED}. */
  static int of(Map<String, String> environment) {
    String columns = environment.get("COLUMNS");
    if (columns != null && columns.strip().matches("\\d{1,5}") && Integer.parseInt(columns.strip()) > 0) {
      return Integer.parseInt(columns.strip());
    }
    // Output that is not a terminal (a pipe, a file) is not cut: kubectl does the same.
    return System.console() == null ? TextTable.UNLIMITED : ttyWidth();
  }

  private static int ttyWidth() {
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (stty.waitFor(2, TimeUnit.SECONDS) && size.matches("\\d+ \\d+")) {
        int width = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
        return width > 0 ? width : TextTable.UNLIMITED;
      }
    } catch (IOException e) {
      // No stty or no tty: no limit, as for a pipe.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return TextTable.UNLIMITED;
  }
}
