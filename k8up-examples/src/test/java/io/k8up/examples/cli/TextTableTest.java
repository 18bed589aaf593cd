package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tables fit the terminal: every column kept, the last one shortened. */
@Timeout(10)
class TextTableTest {

  private static final List<String[]> ROWS = List.of(
      new String[] {"NAME", "WHERE", "EMPTY", "MESSAGE"},
      new String[] {"data", "x".repeat(60), "", "m".repeat(200)});

  @Test
  void linesFitTheWidthAndKeepEveryColumn() {
    List<String> lines = print(ROWS, 100);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    assertThat(lines.get(0)).contains("NAME", "WHERE", "EMPTY", "MESSAGE");
    assertThat(lines.get(1)).contains("x".repeat(TextTable.MAX_CELL - 1) + "…").endsWith("m…");
  }

  @Test
  void aNarrowTerminalStillShowsTheStartOfTheMessage() {
    assertThat(print(ROWS, 40).get(1)).endsWith("m".repeat(TextTable.MIN_LAST - 1) + "…");
  }

  @Test
  void unlimitedKeepsEveryCellWhole() {
    assertThat(print(ROWS, TextTable.UNLIMITED).get(1)).contains("x".repeat(60)).endsWith("m".repeat(200));
  }

  @Test
  void planTableFitsAHundredColumnsAndWideShowsWholeMessages() {
    CliRun wide = CliRun.of("plan", "--sample", "-o", "wide");

    assertThat(wide.out()).contains("No pod mounts this ReadWriteOnce claim and nothing says which node holds its"
        + " volume, so the backup cannot be placed reliably.");
    assertThat(wide.out().lines().findFirst().orElseThrow()).contains("STRATEGY");
  }

  @Test
  void columnsGivesTheWidthAndOutputThatIsNoTerminalIsNotCut() {
    assertThat(TerminalWidth.of(Map.of("COLUMNS", "100"))).isEqualTo(100);
    assertThat(System.console()).as("tests run without a terminal").isNull();
    assertThat(TerminalWidth.of(Map.of("COLUMNS", "wide"))).isEqualTo(TextTable.UNLIMITED);
    assertThat(TerminalWidth.of(Map.of())).isEqualTo(TextTable.UNLIMITED);
  }

  private static List<String> print(List<String[]> rows, int width) {
    StringWriter text = new StringWriter();
    TextTable.print(rows, width, new PrintWriter(text, true));
    return text.toString().lines().toList();
  }
}
