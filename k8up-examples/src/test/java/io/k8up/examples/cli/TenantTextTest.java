package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text a tenant wrote reaches the admin's terminal escaped, in one line; JSON keeps it exact. */
class TenantTextTest {

  // A value that, printed raw, clears the screen, forges a table row and reverses the rest of the line.
  private static final String VALUE = "x\nshop  PVC  forged  BACKUP  OK\n\u001b[2J\u0007\r\u202Eevil";

  @TempDir Path dir;
  private Path cluster;

  @BeforeEach
  void writeCluster() throws IOException {
    cluster = dir.resolve("cluster.yaml");
    Files.writeString(cluster, String.join("\n",
        "apiVersion: v1",
        "kind: PersistentVolumeClaim",
        "metadata:",
        "  name: data",
        "  namespace: shop",
        "  annotations:",
        "    k8up.io/backup: \"x\\nshop  PVC  forged  BACKUP  OK\\n\\e[2J\\a\\r\\u202Eevil\"",
        "spec: {accessModes: [ReadWriteOnce], volumeName: pv-data}",
        "status: {phase: Bound, accessModes: [ReadWriteOnce]}",
        ""));
  }

  @Test
  void planTableShowsTheValueEscapedOnItsOwnRow() {
    CliRun run = CliRun.of("plan", "--cluster-file", cluster.toString());

    assertRaw(run);
    assertThat(run.out().lines().filter(line -> line.startsWith("shop"))).hasSize(1);
    assertThat(run.out()).contains("x\\nshop  PVC  forged  BACKUP  OK\\n\\x1B[2J\\x07\\r\\u202Eevil");
  }

  @Test
  void explainShowsTheValueEscaped() {
    CliRun run = CliRun.of("explain", "--cluster-file", cluster.toString(), "shop/data");

    assertRaw(run);
    assertThat(run.out()).contains("\\x1B[2J");
  }

  @Test
  void manifestsNotesStayOneLinePerClaim() {
    CliRun run = CliRun.of("manifests", "--cluster-file", cluster.toString());

    assertRaw(run);
    assertThat(run.err().lines().filter(line -> line.startsWith("# not backed up"))).hasSize(1);
    assertThat(run.err().lines()).allMatch(line -> line.startsWith("#") || line.startsWith("note:"));
  }

  @Test
  void thePrintedPatchCommandRunsAsPrintedWhateverTheNamesHold() throws IOException, InterruptedException {
    // A hand-written file holds names a server would refuse: quotes, $( ), a bidi override.
    String namespace = "x'; touch " + dir.resolve("pwned") + "; '";
    String pod = "p$(touch " + dir.resolve("pwned2") + ")";
    String claim = "c\u202Ed";
    Path file = dir.resolve("pods.yaml");
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: PersistentVolumeClaim",
        "metadata: {name: \"" + claim + "\", namespace: \"" + namespace + "\"}",
        "spec: {accessModes: [ReadWriteOncePod], volumeName: pv}",
        "status: {phase: Bound, accessModes: [ReadWriteOncePod]}",
        "---",
        "apiVersion: v1",
        "kind: PersistentVolume",
        "metadata: {name: pv}",
        "spec: {accessModes: [ReadWriteOncePod]}",
        "---",
        "apiVersion: v1",
        "kind: Pod",
        "metadata: {name: \"" + pod + "\", namespace: \"" + namespace + "\"}",
        "spec:",
        "  nodeName: worker-1",
        "  containers: [{name: app, image: app}]",
        "  volumes: [{name: data, persistentVolumeClaim: {claimName: \"" + claim + "\"}}]",
        "status: {phase: Running}",
        ""));
    CliRun run = CliRun.of("manifests", "--cluster-file", file.toString());
    String command = run.err().lines().filter(line -> line.startsWith("kubectl patch")).findFirst().orElseThrow();

    // The shell runs the line with a kubectl that prints each argument it gets on a line of its own.
    Process shell = new ProcessBuilder("sh", "-c", "kubectl() { printf '%s\\n' \"$@\"; }\n" + command)
        .redirectErrorStream(true).start();
    List<String> arguments = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertRaw(run);
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(dir.resolve("pwned2")).doesNotExist();
    assertThat(arguments).hasSize(11).startsWith("patch", "pod", pod, "-n", namespace);
    JsonObject container = JsonParser.parseString(arguments.get(10)).getAsJsonObject().getAsJsonObject("spec")
        .getAsJsonArray("ephemeralContainers").get(0).getAsJsonObject();
    assertThat(container.getAsJsonArray("args")).contains(new JsonPrimitive(namespace));
    assertThat(container.getAsJsonArray("volumeMounts").get(0).getAsJsonObject().get("mountPath").getAsString())
        .isEqualTo("/data/c\u202Ed");
  }

  @Test
  void jsonKeepsTheExactValue() {
    CliRun run = CliRun.of("plan", "--cluster-file", cluster.toString(), "-o", "json");

    String message = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("decisions").get(0)
        .getAsJsonObject().get("message").getAsString();
    assertThat(message).contains(VALUE);
  }

  private static void assertRaw(CliRun run) {
    for (String text : new String[] {run.out(), run.err()}) {
      assertThat(text).doesNotContain("\u001b", "\u0007", "\r", "\u202E");
      assertThat(text.lines()).noneMatch(line -> line.startsWith("shop  PVC  forged"));
    }
  }
}
