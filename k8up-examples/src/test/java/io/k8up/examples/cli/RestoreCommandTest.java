package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.spi.support.RestoreJobs;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code k8up-rwo restore}: its options, its plan and manifests from the sample, and a live restore. */
@Timeout(60)
class RestoreCommandTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void planSaysPerClaimWhatARestoreWouldDoAndFailsAnInUseClaim() {
    CliRun run = CliRun.of("restore", "--sample", "-n", "shop", "scratch", "mysql-data", "--plan", "-o", "wide");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED_DECISIONS);
    assertThat(run.out()).startsWith("NAMESPACE").contains("scratch", "RESTORE", "HOSTNAME_ANNOTATION", "JOB",
        "mysql-data", "FAIL", "IN_USE", "pass the in-use option");
  }

  @Test
  void planAsJsonIsTheRestorePlansContract() {
    CliRun run = CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--to", "scratch-copy",
        "--as-of", "2026-11-28T23:00:00+01:00", "--plan", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonObject decision = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("decisions").get(0)
        .getAsJsonObject();
    assertThat(decision.get("targetClaim").getAsString()).isEqualTo("scratch-copy");
    assertThat(decision.get("reason").getAsString()).isEqualTo("NEW_CLAIM");
    assertThat(decision.getAsJsonObject("snapshot").get("asOf").getAsString()).isEqualTo("2026-11-28T22:00:00Z");
  }

  @Test
  void explainSaysWhyWhereHowAndFromWhichBackupEachRestoreIsDecided() {
    CliRun run = CliRun.of("restore", "--sample", "-n", "shop", "scratch", "data-web-0", "--in-use",
        "--as-of", "2026-11-28T22:00:00Z", "--explain");

    assertThat(run.out()).as(run.err()).contains("shop/scratch ← shop/scratch: RESTORE HOSTNAME_ANNOTATION",
        "backup:    the latest backup at or before 2026-11-28T22:00:00Z of shop/scratch",
        "how:       a Job whose pod mounts the claim read-write", "where:     hostname worker-1",
        "runs as:   the tool's user (no pod mounts the claim)",
        "shop/data-web-0 ← shop/data-web-0: RESTORE", "runs as:   the user and groups of pod web-0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void manifestsPrintTheRestoreJob() {
    CliRun run = CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--snapshot", "1a2b3c4d", "--manifests");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("kind: Job", "claimName: scratch", "mountPath: /data/scratch", "1a2b3c4d",
        "kubernetes.io/hostname: worker-1");
  }

  @Test
  void optionsAreCheckedBeforeAnythingIsReadInOneLine() {
    assertUsage(CliRun.of("restore", "--sample", "scratch", "--plan"), "one namespace");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--snapshot", "xyz", "--plan"),
        "8 to 64 lower-case hexadecimal digits");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--snapshot", "1a2b3c4d",
        "--as-of", "2026-11-28T22:00:00Z", "--plan"), "mutually exclusive");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--as-of", "yesterday", "--plan"),
        "a time with its offset");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "a", "b", "--to", "c", "--plan"), "one CLAIM");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "Bad_Name", "--plan"), "expected a claim name");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--grouping", "per-node", "--plan"),
        "Unknown option: '--grouping'");
    assertUsage(CliRun.of("restore", "--sample", "-A", "scratch", "--plan"), "Unknown option: '-A'");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch"), "live cluster only");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--plan", "--manifests"),
        "mutually exclusive");
    assertUsage(CliRun.of("restore", "--sample", "-n", "shop", "scratch", "--explain", "-o", "json"),
        "--output goes with --plan or a restore");
  }

  @Test
  void restoresALiveClaimPinnedToATaintedNodeAndReportsTheSnapshot() throws Exception {
    LiveCluster.unmountedClaimOnTaintedNode(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    List<V1Job> jobs = new CopyOnWriteArrayList<>();

    CliRun run;
    try (FakeJobController controller = FakeJobController.start(api.client(), "team-a", (job, looks) -> {
      if (looks > 1) {
        return Verdict.COMPLETE;
      }
      jobs.add(job);
      restoredPod(job);
      return Verdict.KEEP_RUNNING;
    })) {
      run = CliRun.of("restore", "--kubeconfig", kubeconfig.toString(), "-n", "team-a", "logs", "--read-nodes",
          "--run-id", "r1", "-o", "json");
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(report.get("runId").getAsString()).isEqualTo("r1");
    JsonObject outcome = report.getAsJsonArray("outcomes").get(0).getAsJsonObject();
    assertThat(outcome.get("targetClaim").getAsString()).isEqualTo("logs");
    assertThat(outcome.get("reason").getAsString()).isEqualTo("RESTORED");
    assertThat(outcome.get("snapshotId").getAsString()).isEqualTo("5eed5eed");
    assertThat(outcome.get("filesRestored").getAsLong()).isEqualTo(2);
    assertThat(outcome.get("bytesRestored").getAsLong()).isEqualTo(10);
    assertThat(run.err()).contains("restore r1:", "SUCCEEDED team-a/logs");
    V1PodSpec pod = jobs.get(0).getSpec().getTemplate().getSpec();
    assertThat(pod.getTolerations()).extracting(toleration -> toleration.getKey()).containsExactly("dedicated");
  }

  private static void assertUsage(CliRun run, String says) {
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains(says).contains("see 'k8up-rwo restore --help'");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  /** The Job's pod as the kubelet leaves it once the restore container reported what it restored. */
  private void restoredPod(V1Job job) throws io.kubernetes.client.openapi.ApiException {
    String message = "{\"snapshot\":\"5eed5eed\",\"summary\":{\"message_type\":\"summary\",\"files_restored\":2,"
        + "\"bytes_restored\":10}}";
    new CoreV1Api(api.client()).createNamespacedPod("team-a", new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace("team-a").name(job.getMetadata().getName() + "-p")
            .labels(job.getSpec().getTemplate().getMetadata().getLabels()))
        .spec(job.getSpec().getTemplate().getSpec().nodeName("worker-9"))
        .status(new V1PodStatus().phase("Succeeded").containerStatuses(List.of(new V1ContainerStatus()
            .name(RestoreJobs.CONTAINER).image("restic").imageID("").ready(false).restartCount(0)
            .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(0)
                .reason("Completed").message(message))))))).execute();
  }
}
