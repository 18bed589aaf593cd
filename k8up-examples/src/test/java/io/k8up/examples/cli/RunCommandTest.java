package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.testing.ExecScript;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code k8up-rwo run} against an API server over real HTTP, with a fake Job controller. */
@Timeout(60)
class RunCommandTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void backsUpTheContextsNamespaceWithAJobPinnedToTheMountingPodsNode() throws Exception {
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    List<V1Job> jobs = new CopyOnWriteArrayList<>();

    CliRun run;
    try (FakeJobController controller = FakeJobController.start(api.client(), "team-a", (job, looks) -> {
      jobs.add(job);
      return Verdict.COMPLETE;
    })) {
      run = CliRun.of("run", "--kubeconfig", kubeconfig.toString(), "--run-id", "nightly", "-o", "json",
          "--repository-secret", "s3-repo");
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(report.get("schemaVersion").getAsInt()).isEqualTo(1);
    assertThat(report.get("runId").getAsString()).isEqualTo("nightly");
    JsonObject outcome = report.getAsJsonArray("outcomes").get(0).getAsJsonObject();
    assertThat(outcome.get("name").getAsString()).isEqualTo("data");
    assertThat(outcome.get("status").getAsString()).isEqualTo("SUCCEEDED");
    assertThat(outcome.get("strategy").getAsString()).isEqualTo("job-per-pvc");
    assertThat(outcome.get("node").getAsString()).isEqualTo("worker-7");
    assertThat(report.get("apiRequests").getAsLong()).isPositive();
    assertThat(run.err()).contains("run nightly:", "STARTED team-a/data", "SUCCEEDED team-a/data");

    V1PodSpec pod = jobs.get(0).getSpec().getTemplate().getSpec();
    assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly("worker-7");
    assertThat(pod.getTolerations()).extracting(toleration -> toleration.getKey()).containsExactly("dedicated");
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSecurityContext().getSupplementalGroups()).contains(2000L);
    assertThat(pod.getOverhead()).as("an empty overhead is rejected by real API servers").isNullOrEmpty();
    assertThat(pod.getContainers().get(0).getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("s3-repo");
    assertThat(RestrictedProfile.violations(jobs.get(0).getSpec().getTemplate())).isEmpty();
  }

  @Test
  void streamsABackupCommandIntoTheResticGiven() throws Exception {
    new CoreV1Api(api.client()).createNamespacedPod("team-a", new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace("team-a").name("db-0")
            .annotations(Map.of("k8up.io/backupcommand", "pg_dumpall", "k8up.io/file-extension", ".sql")))
        .spec(new V1PodSpec().nodeName("worker-7").containers(List.of(new V1Container().name("postgres").image("pg"))))
        .status(new V1PodStatus().phase("Running"))).execute();
    ExecScript.of("team-a", "db-0", "postgres", "pg_dumpall").stdout("-- PostgreSQL dump").exits(api, 0);
    // A stand-in for restic that keeps its arguments and input, and answers as restic --json does.
    Path restic = dir.resolve("restic");
    Files.writeString(restic, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args") + "\"\ncat > \""
        + dir.resolve("input") + "\"\necho '{\"message_type\":\"summary\",\"snapshot_id\":\"5eed5eed\"}'\n");
    Files.setPosixFilePermissions(restic, PosixFilePermissions.fromString("rwx------"));
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("run", "--kubeconfig", kubeconfig.toString(), "--run-id", "nightly", "-o", "json",
        "--restic", restic.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonObject outcome = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("outcomes").get(0)
        .getAsJsonObject();
    assertThat(outcome.get("status").getAsString()).isEqualTo("SUCCEEDED");
    assertThat(outcome.getAsJsonObject("command").get("snapshotId").getAsString()).isEqualTo("5eed5eed");
    assertThat(Files.readString(dir.resolve("input"))).isEqualTo("-- PostgreSQL dump");
    assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("backup --stdin --stdin-filename"
        + " team-a-db-0-postgres.sql --host team-a --tag k8up-rwo --tag run=nightly --json");
    assertThat(run.err()).contains("SUCCEEDED team-a/command/db-0/postgres");
  }

  @Test
  void aFailedBackupExitsWithTwoAndSaysWhy() throws Exception {
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run;
    try (FakeJobController controller = FakeJobController.start(api.client(), "team-a", (job, looks) -> Verdict.FAIL)) {
      run = CliRun.of("run", "--kubeconfig", kubeconfig.toString());
    }

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_DECISIONS);
    assertThat(run.out()).startsWith("NAMESPACE").contains("FAILED", "BACKUP_FAILED", "BackoffLimitExceeded",
        "0 backed up, 1 failed");
    assertThat(run.err()).contains("FAILED team-a/data");
  }

  @Test
  void recordEventsLeavesTheOutcomeOnTheClaim() throws Exception {
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run;
    try (FakeJobController controller = FakeJobController.start(api.client(), "team-a", (job, looks) -> Verdict.COMPLETE)) {
      run = CliRun.of("run", "--kubeconfig", kubeconfig.toString(), "--record-events");
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(new CoreV1Api(api.client()).listNamespacedEvent("team-a").execute().getItems())
        .singleElement().satisfies(event -> {
          assertThat(event.getInvolvedObject().getName()).isEqualTo("data");
          assertThat(event.getReason()).isEqualTo("BackupSucceeded");
        });
  }

  @Test
  void aRunTakesNoFileOrSample() {
    CliRun run = CliRun.of("run", "--sample");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).isEqualTo("k8up-rwo: Unknown option: '--sample'; see 'k8up-rwo run --help'\n");
  }

  @Test
  void badSettingsAreUsageErrors() {
    assertThat(CliRun.of("run", "--run-id", "Not_Valid").err()).contains("run id \"Not_Valid\"");
    assertThat(CliRun.of("run", "--grouping", "per-pod").err()).contains("expected per-claim or per-node");
    assertThat(CliRun.of("run", "--timeout", "soon").err()).contains("expected a duration such as 90s");
    assertThat(CliRun.of("run", "--timeout", "soon").exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
  }
}
