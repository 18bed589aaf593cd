package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code k8up-rwo plan}: sources, output formats and exit codes. */
class PlanCommandTest {

  @TempDir Path dir;

  @Test
  void sampleClusterShowsEveryAcceptanceCriterionInJson() {
    CliRun run = CliRun.of("plan", "--sample", "--output", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_DECISIONS);
    JsonObject plan = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(plan.get("schemaVersion").getAsInt()).isEqualTo(1);
    Map<String, JsonObject> decisions = byName(plan.getAsJsonArray("decisions"));
    assertThat(reason(decisions, "shop/cache")).isEqualTo("SKIP OPTED_OUT");
    assertThat(reason(decisions, "shop/uploads")).isEqualTo("SKIP NOT_BOUND");
    assertThat(reason(decisions, "shop/data-web-0")).isEqualTo("BACKUP MOUNTING_POD");
    assertThat(placement(decisions, "shop/data-web-0")).isEqualTo("{\"type\":\"POD_NODE\",\"node\":\"worker-2\",\"samePodOnly\":false}");
    assertThat(reason(decisions, "shop/mysql-data")).isEqualTo("SKIP BACKUP_COMMAND");
    assertThat(reason(decisions, "shop/db-0")).isEqualTo("BACKUP BACKUP_COMMAND");
    assertThat(decisions.get("shop/db-0").get("container").getAsString()).isEqualTo("mysql");
    assertThat(reason(decisions, "shop/archive")).isEqualTo("FAIL NO_NODE");
    assertThat(reason(decisions, "shop/reports")).isEqualTo("BACKUP PV_NODE_AFFINITY");
    assertThat(reason(decisions, "shop/scratch")).isEqualTo("BACKUP HOSTNAME_ANNOTATION");
    assertThat(placement(decisions, "shop/scratch")).isEqualTo("{\"type\":\"HOSTNAME\",\"hostname\":\"worker-1\"}");
    assertThat(reason(decisions, "shop/logs")).isEqualTo("BACKUP PV_NODE_AFFINITY");
    assertThat(placement(decisions, "shop/logs")).contains("worker-3");
    assertThat(reason(decisions, "shop/assets")).isEqualTo("BACKUP SHARED_ACCESS");
    assertThat(decisions.get("shop/data-web-0").get("strategy").getAsString()).isEqualTo("job-per-pvc");
    // A held ReadWriteOncePod volume: job-per-pvc cannot mount it, so an ephemeral container in the pod backs it up.
    assertThat(reason(decisions, "blog/ghost-content")).isEqualTo("BACKUP MOUNTING_POD");
    assertThat(placement(decisions, "blog/ghost-content")).isEqualTo("{\"type\":\"POD_NODE\",\"node\":\"worker-1\",\"samePodOnly\":true}");
    assertThat(decisions.get("blog/ghost-content").get("strategy").getAsString()).isEqualTo("ephemeral-container");
    assertThat(decisions).hasSize(11);
    assertThat(plan.getAsJsonArray("notes").toString()).contains("Deployment");
  }

  @Test
  void tableHasARowPerDecisionAndASummary() {
    CliRun run = CliRun.of("plan", "--sample");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_DECISIONS);
    assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("NAMESPACE").contains("REASON", "WHERE", "MESSAGE");
    assertThat(run.out()).contains("node worker-2", "hostname worker-1", "PV affinity kubernetes.io/hostname In [worker-3]",
        "STRATEGY", "job-per-pvc");
    assertThat(run.out()).contains("node worker-1 (same pod only)", "ephemeral-container");
    assertThat(run.out()).contains("7 to back up, 3 skipped, 1 failed.");
    assertThat(run.err()).contains("note: ").contains("Deployment");
  }

  @Test
  void strategyOrderNamesInstalledStrategiesOnly() {
    CliRun unknown = CliRun.of("plan", "--sample", "--strategy-order", "job-per-pvc,teleport");

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(unknown.err()).contains("'--strategy-order' (ID): no strategy with id teleport is installed");
    assertThat(CliRun.of("plan", "--sample", "--strategy-order", "job-per-pvc", "-o", "json").out())
        .contains("\"strategy\": \"job-per-pvc\"");
  }

  @Test
  void withCsiSnapshotsEnabledTheUnplaceableClaimIsBackedUpFromASnapshot() throws IOException {
    String order = "job-per-pvc,ephemeral-container,csi-snapshot";
    CliRun plan = CliRun.of("plan", "--sample", "--strategy-order", order, "-o", "json");

    assertThat(plan.exitCode()).isEqualTo(ExitCodes.OK);
    Map<String, JsonObject> decisions = byName(JsonParser.parseString(plan.out()).getAsJsonObject().getAsJsonArray("decisions"));
    assertThat(reason(decisions, "shop/archive")).isEqualTo("BACKUP SNAPSHOT");
    assertThat(decisions.get("shop/archive").get("strategy").getAsString()).isEqualTo("csi-snapshot");
    assertThat(placement(decisions, "shop/archive")).isEqualTo("{\"type\":\"ANY\"}");

    CliRun manifests = CliRun.of("manifests", "--sample", "--strategy-order", order, "--run-id", "r1");
    assertThat(manifests.out()).contains("kind: VolumeSnapshot", "volumeSnapshotClassName: ebs-snapshots",
        "persistentVolumeClaimName: archive", "kind: PersistentVolumeClaim");
  }

  @Test
  void namespaceRestrictsThePlan() {
    CliRun run = CliRun.of("plan", "--sample", "--namespace", "blog", "-o", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(byName(JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("decisions")))
        .containsOnlyKeys("blog/ghost-content");
  }

  @Test
  void clusterFileWithNothingFailingExitsZero() throws IOException {
    Path file = write("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: shared, namespace: team}
        spec: {accessModes: [ReadWriteMany], volumeName: pv-1}
        status: {phase: Bound}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-1}
        spec: {accessModes: [ReadWriteMany]}
        """);

    CliRun run = CliRun.of("plan", "--cluster-file", file.toString(), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"SHARED_ACCESS\"");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void optInSkipsClaimsWithoutTheAnnotation() {
    CliRun run = CliRun.of("plan", "--sample", "--opt-in", "-o", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(reason(byName(JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("decisions")), "shop/archive"))
        .isEqualTo("SKIP NOT_OPTED_IN");
  }

  @Test
  void missingClusterFileIsAnInputErrorOnOneLine() {
    CliRun run = CliRun.of("plan", "--cluster-file", dir.resolve("nope.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err().strip()).startsWith("k8up-rwo: ").contains("nope.yaml").doesNotContain("\n").doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void malformedClusterFileIsAnInputError() throws IOException {
    Path file = write("apiVersion: v1\nkind: Pod\nmetadata: {name: [oops\n");

    CliRun run = CliRun.of("plan", "--cluster-file", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).startsWith("k8up-rwo: ").doesNotContain("\tat ");
  }

  @Test
  void twoSourcesAtOnceAreAUsageError() {
    CliRun run = CliRun.of("plan", "--sample", "--cluster-file", "x.yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains("mutually exclusive");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(CliRun.of("plan", "--frobnicate").exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(CliRun.of("plan", "--sample", "-o", "xml").exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
  }

  @Test
  void noCommandSuggestsPlanWithTheSample() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains("k8up-rwo plan --sample");
  }

  private Path write(String content) throws IOException {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, content);
    return file;
  }

  private static Map<String, JsonObject> byName(JsonArray decisions) {
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    for (JsonElement element : decisions) {
      JsonObject decision = element.getAsJsonObject();
      byName.put(decision.get("namespace").getAsString() + "/" + decision.get("name").getAsString(), decision);
    }
    return byName;
  }

  private static String reason(Map<String, JsonObject> decisions, String name) {
    JsonObject decision = decisions.get(name);
    assertThat(decision).as("decision for %s", name).isNotNull();
    return decision.get("action").getAsString() + " " + decision.get("reason").getAsString();
  }

  private static String placement(Map<String, JsonObject> decisions, String name) {
    return decisions.get(name).getAsJsonObject("placement").toString();
  }
}
