package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
