package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Hostile and broken cluster dumps on standard input ({@code --cluster-file -}): each ends the
 * command with exit code 1 and one line on standard error, and an endless one is stopped by the
 * reader's own limits after a bounded number of bytes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadClusterInputTest {

  private static final long MIB = 1024 * 1024;

  static final String CLAIM = """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data
        namespace: shop
        annotations:
          k8up.io/backup: "true"
      spec:
        accessModes: [ReadWriteMany]
        resources: {requests: {storage: 10Gi}}
        volumeName: pv-1
      status: {phase: Bound}
      ---
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv-1}
      spec: {accessModes: [ReadWriteMany]}
      """;

  /** Runs {@code plan --cluster-file - -o json} with {@code stdin} as standard input. */
  static CliRun planFromStdin(InputStream stdin) {
    InputStream original = System.in;
    System.setIn(stdin);
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine commandLine = K8upRwoCommand.commandLine();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      int exitCode = commandLine.execute("plan", "--cluster-file", "-", "-o", "json");
      return new CliRun(exitCode, out.toString(), err.toString());
    } finally {
      System.setIn(original);
    }
  }

  static CliRun planFromStdin(String text) {
    return planFromStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The one line of standard error, after checking the exit code and that there is one line. */
  static String inputError(CliRun run) {
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("k8up-rwo: <stdin>: ").doesNotContain("Exception");
    return run.err().strip();
  }

  @Test
  void standardInputIsReadWhenTheFileIsADash() {
    CliRun run = planFromStdin(CLAIM);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"shop\"").contains("\"data\"");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void endlessBlankSpaceStopsAtTheValueLimit() {
    EndlessInput endless = new EndlessInput("", " \n");

    assertThat(inputError(planFromStdin(endless)))
        .contains("holds a value, or a run of blank space or comments, longer than 2097152 characters");
    assertThat(endless.served()).isLessThan(3 * MIB);
  }

  @Test
  void endlessJsonListStopsAtTheSizeLimit() {
    // Objects of a kind the snapshot skips, each with a large value: nothing is kept, all is read.
    EndlessInput endless = new EndlessInput("{\"kind\": \"List\", \"items\": [",
        "{\"kind\": \"ConfigMap\", \"data\": {\"x\": \"" + "x".repeat(1 << 20) + "\"}},\n");

    assertThat(inputError(planFromStdin(endless)))
        .contains("is longer than 1073741824 characters, more than any cluster dump this reader accepts");
    assertThat(endless.served()).isLessThan(1025 * MIB);
  }

  @Test
  void endlessListOfSmallObjectsStopsAtTheObjectLimit() {
    EndlessInput endless = new EndlessInput("{\"kind\": \"List\", \"items\": [", "{\"kind\": \"A\"},");

    assertThat(inputError(planFromStdin(endless))).contains("holds more than 5000000 objects");
    assertThat(endless.served()).isLessThan(5_000_001L * 14 + 3 * MIB);
  }
}
