package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.K8upRwo;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void theOtherColumnsShareTheCutBeforeTheRowsNameIsCutAndHeadersStayWhole() {
    List<String[]> rows = List.of(
        new String[] {"NAMESPACE", "KIND", "NAME", "REASON", "WHERE", "MESSAGE"},
        new String[] {"shop", "PVC", "data-web-0", "HOSTNAME_ANNOTATION", "PV affinity kubernetes.io/hostname In [w]",
          "m".repeat(200)});

    List<String> lines = print(rows, 70);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(70));
    assertThat(lines.get(0)).startsWith("NAMESPACE  KIND  NAME        REASON    WHERE      MESSAGE");
    assertThat(lines.get(1)).isEqualTo(
        "shop       PVC   data-web-0  HOSTNAM…  PV affin…  " + "m".repeat(TextTable.MIN_LAST - 1) + "…");
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 100, 132})
  void theSamplesPlanTableFitsTheTerminal(int columns) throws SnapshotException {
    StringWriter text = new StringWriter();
    PlanTable.print(samplePlan(), columns, new PrintWriter(text, true));

    List<String> rows = text.toString().lines().takeWhile(line -> !line.isEmpty()).toList();
    assertThat(rows).hasSize(12).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(columns));
    assertThat(rows.get(0).split(" +")).containsExactly(
        "NAMESPACE", "KIND", "NAME", "ACTION", "REASON", "WHERE", "STRATEGY", "MESSAGE");
    if (columns >= 100) {
      assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("blog       PVC   ghost-content  BACKUP"));
    }
  }

  @Test
  void wideShowsWholeMessages() {
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

  private static BackupPlan samplePlan() throws SnapshotException {
    ClusterSnapshot snapshot = SnapshotFiles.read("sample-cluster.yaml", new InputStreamReader(
        TextTableTest.class.getResourceAsStream(SourceOptions.SAMPLE_RESOURCE), StandardCharsets.UTF_8));
    return K8upRwo.builder().snapshot(snapshot).build().plan(snapshot);
  }

  private static List<String> print(List<String[]> rows, int width) {
    StringWriter text = new StringWriter();
    TextTable.print(rows, width, new PrintWriter(text, true));
    return text.toString().lines().toList();
  }
}
