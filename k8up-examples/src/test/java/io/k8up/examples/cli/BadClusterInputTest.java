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

  // A list as kubectl writes it (apiVersion, then items) is cut into items and read on every core:
  // the same limits hold there.

  @Test
  void endlessKubectlJsonListStopsAtTheObjectLimit() {
    EndlessInput endless = new EndlessInput("{\"apiVersion\": \"v1\", \"items\": [", "{\"kind\": \"A\"},");

    assertThat(inputError(planFromStdin(endless))).contains("holds more than 5000000 objects");
    assertThat(endless.served()).isLessThan(5_000_001L * 14 + 3 * MIB);
  }

  @Test
  void endlessKubectlYamlListStopsAtTheObjectLimit() {
    EndlessInput endless = new EndlessInput("apiVersion: v1\nitems:\n", "- kind: A\n");

    assertThat(inputError(planFromStdin(endless))).contains("holds more than 5000000 objects");
    assertThat(endless.served()).isLessThan(5_000_001L * 10 + 3 * MIB);
  }

  @Test
  void anEndlessItemOfAKubectlListStopsAtTheObjectLimit() {
    EndlessInput endless =
        new EndlessInput("{\"apiVersion\": \"v1\", \"items\": [{\"data\": [", "1, ");

    assertThat(inputError(planFromStdin(endless)))
        .contains("holds an object longer than 16777216 characters");
    assertThat(endless.served()).isLessThan(17 * MIB);
  }

  @Test
  void endlessBlankSpaceBetweenItemsOfAKubectlListStopsAtTheValueLimit() {
    EndlessInput endless = new EndlessInput("{\"apiVersion\": \"v1\", \"items\": [{}", " \n");

    assertThat(inputError(planFromStdin(endless)))
        .contains("holds a value, or a run of blank space or comments, longer than 2097152 characters");
    assertThat(endless.served()).isLessThan(3 * MIB);
  }

  @Test
  void endlessBlankLinesInAKubectlYamlListStopAtTheValueLimit() {
    EndlessInput endless = new EndlessInput("apiVersion: v1\nitems:\n- kind: A\n", "  \n");

    assertThat(inputError(planFromStdin(endless)))
        .contains("holds a value, or a run of blank space or comments, longer than 2097152 characters");
    assertThat(endless.served()).isLessThan(3 * MIB);
  }

  @Test
  void endlessListOfSmallObjectsStopsAtTheObjectLimit() {
    EndlessInput endless = new EndlessInput("{\"kind\": \"List\", \"items\": [", "{\"kind\": \"A\"},");

    assertThat(inputError(planFromStdin(endless))).contains("holds more than 5000000 objects");
    assertThat(endless.served()).isLessThan(5_000_001L * 14 + 3 * MIB);
  }

  @Test
  void aLongScalarStopsAtTheValueLimitWithoutQuadraticCost() {
    String annotation = "x".repeat(3 << 20);
    for (String quote : new String[] {"", "\""}) {
      String yaml = CLAIM.replace("k8up.io/backup: \"true\"", "long: " + quote + annotation + quote);

      assertThat(inputError(planFromStdin(yaml)))
          .contains("holds a value, or a run of blank space or comments, longer than 2097152 characters");
    }
  }

  @Test
  void deepNestingStopsAtTheDepthLimitInJsonAndYaml() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\ndata: " + "[".repeat(300) + "]".repeat(300) + "\n";
    String json = "{\"apiVersion\": \"v1\", \"data\": " + "[".repeat(300) + "]".repeat(300) + "}";

    assertThat(inputError(planFromStdin(yaml))).contains("nests mappings and lists deeper than 255 levels");
    assertThat(inputError(planFromStdin(json))).contains("nests mappings and lists deeper than 255 levels");
  }

  @Test
  void aDeepSchemaInAnIgnoredKindReadsAsDeepAsJsonAllows() {
    StringBuilder schema = new StringBuilder();
    for (int level = 0; level < 120; level++) {
      schema.append("{type: object, properties: {p: ");
    }
    schema.append("{type: string}").append("}}".repeat(120));
    String crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: deep.example.com}\nspec: {versions: [{name: v1, schema: {openAPIV3Schema: "
        + schema + "}}]}\n---\n";

    CliRun run = planFromStdin(crd + CLAIM);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("ignored 1 object of kind CustomResourceDefinition");
  }

  @Test
  void yaml11BooleansWhereAStringBelongsAreRefusedNamingDocumentKindNameAndField() {
    assertThat(inputError(planFromStdin(CLAIM.replace("k8up.io/backup: \"true\"", "k8up.io/backup: no"))))
        .isEqualTo("k8up-rwo: <stdin>: document 1 (PersistentVolumeClaim shop/data):"
            + " metadata.annotations[\"k8up.io/backup\"]: expected a string, not a boolean; quote it"
            + " (unquoted yes, no, on, off, true, false and numbers are not strings)");
    assertThat(inputError(planFromStdin(CLAIM.replace("  name: data", "  name: on"))))
        .startsWith("k8up-rwo: <stdin>: document 1 (PersistentVolumeClaim): metadata.name: expected a string,"
            + " not a boolean");
  }

  @Test
  void duplicateKeysAreRefusedInYamlAndJson() {
    String yaml = CLAIM.replace("  namespace: shop\n", "  namespace: shop\n  namespace: prod\n");
    String json = "{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolume\","
        + " \"metadata\": {\"name\": \"pv-1\", \"labels\": {\"a\": \"1\", \"a\": \"2\"}}}";

    assertThat(inputError(planFromStdin(yaml))).isEqualTo("k8up-rwo: <stdin>: document 1"
        + " (PersistentVolumeClaim shop/data): metadata.namespace: the key appears twice in its mapping; keep one");
    assertThat(inputError(planFromStdin(json))).isEqualTo("k8up-rwo: <stdin>: document 1"
        + " (PersistentVolume pv-1): metadata.labels.a: the key appears twice in its mapping; keep one");
  }

  @Test
  void objectsConcatenatedWithoutASeparatorAreRefused() {
    String twoClaims = CLAIM.substring(0, CLAIM.indexOf("---")) + CLAIM.replace("name: data", "name: logs");

    assertThat(inputError(planFromStdin(twoClaims)))
        .startsWith("k8up-rwo: <stdin>: document 1 (PersistentVolumeClaim shop/data): apiVersion: the key appears twice");
    assertThat(inputError(planFromStdin("{\"kind\": \"Pod\"} {\"kind\": \"Pod\"}")))
        .startsWith("k8up-rwo: <stdin>: malformed JSON: the file holds more than one JSON value");
  }

  @Test
  void aHugeQuantityExponentIsRefusedWithoutExpandingIt() {
    for (String storage : new String[] {"1e999999999", "1" + "0".repeat(100_000) + "Ei", "9Ei"}) {
      assertThat(inputError(planFromStdin(CLAIM.replace("storage: 10Gi", "storage: " + storage))))
          .startsWith("k8up-rwo: <stdin>: document 1 (PersistentVolumeClaim shop/data):"
              + " spec.resources.requests.storage: expected a quantity such as 10Gi or 500m");
    }
  }

  @Test
  void idsBeyondTheirRangeAreRefusedNeverWrapped() {
    String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\n"
        + "spec:\n  securityContext: {runAsUser: 1000, fsGroup: 18446744073709551616}\n  containers: [{name: c}]\n";

    assertThat(inputError(planFromStdin(pod))).isEqualTo("k8up-rwo: <stdin>: document 1 (Pod shop/p):"
        + " spec.securityContext.fsGroup: expected an integer from -9223372036854775808 to 9223372036854775807");
  }

  @Test
  void aHugeNumberInAnIgnoredKindIsSkipped() {
    String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nnumber: " + "9".repeat(1_000_000)
        + "\n---\n";

    assertThat(planFromStdin(configMap + CLAIM).exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aByteOrderMarkStartingAConcatenatedFileIsDropped() {
    String concatenated = "\uFEFF" + CLAIM.substring(0, CLAIM.indexOf("---")) + "---\n\uFEFF"
        + CLAIM.substring(CLAIM.indexOf("---") + 4);

    CliRun run = planFromStdin(concatenated);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aListInsideAListIsRefused() {
    String nested = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\","
        + " \"kind\": \"List\", \"items\": []}]}";

    assertThat(inputError(planFromStdin(nested)))
        .isEqualTo("k8up-rwo: <stdin>: document 1, items[0] (List): a list inside a list; put its items in the"
            + " outer list");
  }

  @Test
  void bytesThatAreNotUtf8AreOneLine() {
    CliRun run = planFromStdin(new ByteArrayInputStream(new byte[] {'a', ':', ' ', (byte) 0xff, '\n'}));

    assertThat(inputError(run)).isEqualTo("k8up-rwo: <stdin>: cannot be read: it is not UTF-8 text");
  }
}
