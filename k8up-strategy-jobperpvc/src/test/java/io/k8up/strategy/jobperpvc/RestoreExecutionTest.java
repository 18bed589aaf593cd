package io.k8up.strategy.jobperpvc;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.K8upRwo;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.Subject;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreReason;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.RestoreExecutor;
import io.k8up.core.run.RestoreManifests;
import io.k8up.core.run.RestoreOutcome;
import io.k8up.core.run.RestoreReport;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.support.ResticRestoreCommand;
import io.k8up.core.spi.support.RestoreJobs;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restores run on the engine over the mock API server: the run creates the restore Job, the test
 * plays the Job controller and the kubelet (a pod whose restore container ends with the exit code
 * and termination message the restore script gives), and the report says what came of each claim.
 */
@Timeout(30)
class RestoreExecutionTest {

  private static final ExecutorOptions FAST = ExecutorOptions.builder()
      .pollInterval(Duration.ofMillis(10))
      .apiBackoff(Duration.ofMillis(5))
      .unitTimeout(Duration.ofSeconds(10))
      .build();
  private static final BackupToolSpec TOOL = BackupToolSpec.restic("restic-repo").build();
  private static final String RESTORED = "{\"snapshot\":\"1a2b3c4d5e6f\",\"summary\":{\"message_type\":\"summary\","
      + "\"total_files\":3,\"files_restored\":3,\"total_bytes\":4096,\"bytes_restored\":4096}}";

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  private static final RunId RUN = RunId.of("restore-1");

  private final List<V1Job> jobs = new CopyOnWriteArrayList<>();
  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void restoreRunCreatesTheJobAndReportsTheSnapshotFilesAndBytesRestored() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());

    RestoreReport report = run(plan, cluster, 0, RESTORED);

    RestoreOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.RESTORED);
    assertThat(outcome.snapshotId()).contains("1a2b3c4d5e6f");
    assertThat(outcome.filesRestored()).contains(3L);
    assertThat(outcome.bytesRestored()).contains(4096L);
    assertThat(outcome.strategy()).contains(STRATEGY.id());
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(report.hasFailures()).isFalse();
    V1Job job = jobs.get(0);
    assertThat(job.getMetadata().getLabels()).containsKey(K8upAnnotations.UNIT_LABEL);
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("data");
    assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry(K8upAnnotations.HOSTNAME_LABEL, "node-a");
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).isEmpty();
  }

  // Seen on a real control plane: a restore whose pod wrote no result read as any other.
  @Test
  void aRestoreWhosePodReportedNoResultSaysSo() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());

    RestoreOutcome outcome = run(plan, cluster, 0, "").outcomes().get(0);

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.RESTORED);
    assertThat(outcome.snapshotId()).isEmpty();
    assertThat(outcome.message()).isEqualTo("restored; the restore pod reported no result (no termination message),"
        + " so which backup was restored is not known");
  }

  @Test
  void aRestoreReadsTheTimeFromTheClockItIsGiven() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());
    // Time that stands still: a duration from the system's clock would not be zero.
    RestoreExecutor executor = RestoreExecutor.builder().gateway(ClientJavaGateway.of(api.client()))
        .snapshots(namespaces -> cluster).strategies(List.of(STRATEGY)).tool(TOOL).runId(RUN).options(FAST)
        .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC),
            duration -> Thread.sleep(duration.toMillis()))
        .build();

    RestoreReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, script(0, RESTORED))) {
      report = executor.run(plan, cluster);
    }

    assertThat(report.outcomes().get(0).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(report.outcomes().get(0).duration()).contains(java.time.Duration.ZERO);
    assertThat(report.duration()).isEqualTo(java.time.Duration.ZERO);
  }

  @Test
  void claimWithNoBackupFailsWithItsReason() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());

    RestoreReport report = run(plan, cluster, ResticRestoreCommand.NO_BACKUP_EXIT,
        "k8up-rwo: the repository holds no backup of /data/data with host shop and tag k8up-rwo");

    RestoreOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.NO_BACKUP);
    assertThat(outcome.message()).contains("holds no backup of /data/data", "nothing was changed");
    assertThat(outcome.snapshotId()).isEmpty();
    assertThat(report.hasFailures()).isTrue();
  }

  @Test
  void wrongPasswordFailsTheClaimWithResticsWords() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());

    RestoreReport report = run(plan, cluster, 1, "Fatal: wrong password or no key found");

    RestoreOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.RESTORE_FAILED);
    assertThat(outcome.message()).contains("wrong password", "kubectl logs -n shop job/");
  }

  @Test
  void plannedFailuresAreReportedInPlanOrderAndRunNothing() throws Exception {
    Claim used = Fixtures.boundClaim("used", AccessMode.READ_WRITE_ONCE).build();
    ClusterSnapshot cluster = ClusterSnapshot.of(List.of(used), List.of(Fixtures.volumeFor("used").build()),
        List.of(Fixtures.runningPod("app-0", "node-a", "used").build()));
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("used").build());

    RestoreReport report = run(plan, cluster, 0, RESTORED);

    assertThat(report.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.plannedAction()).isEqualTo(RestoreAction.FAIL);
      assertThat(outcome.planReason()).contains(RestoreReason.IN_USE);
      assertThat(outcome.reason()).isEqualTo(OutcomeReason.PLANNED);
    });
    assertThat(jobs).isEmpty();
  }

  @Test
  void restoreIntoAClaimThatDoesNotExistCreatesItAndKeepsIt() throws Exception {
    Claim source = Fixtures.boundClaim("data", AccessMode.READ_WRITE_ONCE).storageClassName("fast")
        .requestedBytes(1L << 30).build();
    ClusterSnapshot cluster = ClusterSnapshot.of(List.of(source), List.of(Fixtures.volumeFor("data").build()),
        List.of());
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").to("copy").build());

    RestoreReport report = run(plan, cluster, 0, RESTORED);

    assertThat(report.outcomes().get(0).subject()).isEqualTo(Subject.claim(NAMESPACE, "copy"));
    assertThat(report.outcomes().get(0).reason()).as(report.outcomes().get(0).message())
        .isEqualTo(OutcomeReason.RESTORED);
    V1PersistentVolumeClaim copy = new CoreV1Api(api.client()).readNamespacedPersistentVolumeClaim("copy", NAMESPACE)
        .execute();
    assertThat(copy.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(Objects.requireNonNullElse(copy.getMetadata().getLabels(), Map.of()))
        .doesNotContainKey(K8upAnnotations.RUN_ID_LABEL);
    assertThat(jobs.get(0).getSpec().getTemplate().getSpec().getVolumes().get(0).getPersistentVolumeClaim()
        .getClaimName()).isEqualTo("copy");
  }

  @Test
  void aSecondRequestForTheSameTargetIsReportedAsSkippedBesideTheRestore() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestoreRequest request = RestoreRequest.builder().namespace(NAMESPACE).claim("data").build();
    RestorePlan plan = RestorePlanner.builder().build().plan(cluster, List.of(), List.of(request, request));

    RestoreReport report = run(plan, cluster, 0, RESTORED);

    assertThat(report.outcomes()).extracting(RestoreOutcome::reason)
        .containsExactly(OutcomeReason.RESTORED, OutcomeReason.PLANNED);
    assertThat(report.outcomes().get(1).planReason()).contains(RestoreReason.DUPLICATE_TARGET);
    assertThat(jobs).hasSize(1);
  }

  @Test
  void aRestartedRunAdoptsTheJobAKilledProcessLeftInsteadOfCreatingASecond() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());
    V1Job left = (V1Job) RestoreManifests.of(plan, cluster, List.of(STRATEGY), RUN, TOOL).objects().get(0);
    new BatchV1Api(api.client()).createNamespacedJob(NAMESPACE, left).execute();

    RestoreReport report = run(plan, cluster, 0, RESTORED);

    assertThat(report.outcomes().get(0).reason()).as(report.outcomes().get(0).message())
        .isEqualTo(OutcomeReason.RESTORED);
    assertThat(events).extracting(ProgressEvent::type).contains(ProgressEvent.Type.ADOPTED)
        .doesNotContain(ProgressEvent.Type.STARTED);
    assertThat(jobs).extracting(job -> job.getMetadata().getName()).containsExactly(left.getMetadata().getName());
  }

  @Test
  void aRestoreWhosePodVanishedWithItsNodeIsPlannedAgainAndRestoredByTheNextAttempt() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());
    RestoreReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, nodeLostOnFirstAttempt())) {
      report = executor(cluster).run(plan, cluster);
    }

    RestoreOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.RESTORED);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.snapshotId()).contains("1a2b3c4d5e6f");
    assertThat(events).extracting(ProgressEvent::type).contains(ProgressEvent.Type.RETRIED);
  }

  @Test
  void aNewClaimGoneWhenTheRestoreIsPlannedAgainFailsItInsteadOfWaitingForTheClaim() throws Exception {
    Claim source = Fixtures.boundClaim("data", AccessMode.READ_WRITE_MANY).requestedBytes(1L << 30).build();
    ClusterSnapshot cluster = ClusterSnapshot.of(List.of(source), List.of(Fixtures.volumeFor("data").build()),
        List.of());
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").to("copy").build());

    RestoreReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, nodeLostOnFirstAttempt())) {
      // Fresh reads give the cluster as planned, without the claim the run created.
      report = executor(cluster).run(plan, cluster);
    }

    RestoreOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.REPLANNED);
    assertThat(outcome.message()).contains("claim copy was deleted during the restore");
  }

  @Test
  void theLibraryPlansAndRestoresWithItsOwnSettings() throws Exception {
    ClusterSnapshot cluster = pinnedClaim("data");
    K8upRwo library = K8upRwo.builder()
        .liveCluster(ClientJavaGateway.of(api.client()), List.of(NAMESPACE), namespaces -> cluster)
        .strategies(List.of(STRATEGY))
        .tool(TOOL)
        .runId(RunId.of("restore-2"))
        .executorOptions(FAST)
        .build();
    List<RestoreRequest> requests = List.of(RestoreRequest.builder().namespace(NAMESPACE).claim("data").build());

    assertThat(library.restorePlan(requests).decisions()).singleElement()
        .satisfies(decision -> assertThat(decision.action()).isEqualTo(RestoreAction.RESTORE));
    RestoreReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, script(0, RESTORED))) {
      report = library.restore(requests);
    }

    assertThat(report.runId()).isEqualTo(RunId.of("restore-2"));
    assertThat(report.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.RESTORED);
      assertThat(outcome.snapshotId()).contains("1a2b3c4d5e6f");
    });
  }

  @Test
  void aNewClaimTheServerForbidsFailsTheRestoreSayingWhatToGrant() throws Exception {
    Claim source = Fixtures.boundClaim("data", AccessMode.READ_WRITE_ONCE).requestedBytes(1L << 30).build();
    ClusterSnapshot cluster = ClusterSnapshot.of(List.of(source), List.of(Fixtures.volumeFor("data").build()),
        List.of());
    RestorePlan plan = plan(cluster, RestoreRequest.builder().namespace(NAMESPACE).claim("data").to("copy").build());
    api.server().expect().post().withPath("/api/v1/namespaces/" + NAMESPACE + "/persistentvolumeclaims")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\",\"message\":"
            + "\"persistentvolumeclaims is forbidden: cannot create resource\"}").once();

    RestoreReport report = run(plan, cluster, 0, RESTORED);

    RestoreOutcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.FORBIDDEN);
    assertThat(outcome.message()).contains("claim copy could not be created", "persistentvolumeclaims");
    assertThat(jobs).isEmpty();
  }

  /** Claim {@code name}, unmounted, on a volume pinned to node-a by its hostname annotation. */
  private static ClusterSnapshot pinnedClaim(String name) {
    Claim claim = Fixtures.boundClaim(name, AccessMode.READ_WRITE_ONCE)
        .annotations(Fixtures.annotation(K8upAnnotations.HOSTNAME, "node-a")).build();
    return ClusterSnapshot.of(List.of(claim), List.of(Fixtures.volumeFor(name).build()), List.of());
  }

  private static RestorePlan plan(ClusterSnapshot cluster, RestoreRequest request) {
    return RestorePlanner.builder().build().plan(cluster, List.of(), List.of(request));
  }

  /** Runs {@code plan} through a {@link RestoreExecutor}, each Job played by {@link #script}. */
  private RestoreReport run(RestorePlan plan, ClusterSnapshot cluster, int exitCode, String message)
      throws Exception {
    RestoreExecutor executor = executor(cluster);
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, script(exitCode, message))) {
      return executor.run(plan, cluster);
    }
  }

  /**
   * The first attempt's pod is placed, then vanishes with its node and its Job fails; a later
   * attempt restores as {@link #script} does.
   */
  private FakeJobController.Script nodeLostOnFirstAttempt() {
    CoreV1Api core = new CoreV1Api(api.client());
    return (job, looks) -> {
      if (!job.getMetadata().getLabels().get(K8upAnnotations.ATTEMPT_LABEL).equals("1")) {
        return script(0, RESTORED).decide(job, looks);
      }
      if (looks == 1) {
        jobs.add(job);
        core.createNamespacedPod(NAMESPACE, pod(job, "Running", null)).execute();
        return FakeJobController.Verdict.KEEP_RUNNING;
      }
      if (events.stream().noneMatch(event -> event.type() == ProgressEvent.Type.PLACED)) {
        return FakeJobController.Verdict.KEEP_RUNNING;
      }
      core.deleteNamespacedPod(job.getMetadata().getName() + "-x", NAMESPACE).execute();
      return FakeJobController.Verdict.FAIL;
    };
  }

  /** An executor of run {@link #RUN} whose fresh reads give {@code cluster}. */
  private RestoreExecutor executor(ClusterSnapshot cluster) {
    return RestoreExecutor.builder()
        .gateway(ClientJavaGateway.of(api.client()))
        .snapshots(namespaces -> cluster)
        .strategies(List.of(STRATEGY))
        .tool(TOOL)
        .runId(RUN)
        .options(FAST)
        .listener(events::add)
        .build();
  }

  /**
   * Gives each restore Job a pod whose restore container ends with {@code exitCode} and {@code
   * message}, then completes or fails the Job as the exit code says.
   */
  private FakeJobController.Script script(int exitCode, String message) {
    return (job, looks) -> {
      if (looks == 1) {
        jobs.add(job);
        podOf(job, exitCode, message);
        return FakeJobController.Verdict.KEEP_RUNNING;
      }
      return exitCode == 0 ? FakeJobController.Verdict.COMPLETE : FakeJobController.Verdict.FAIL;
    };
  }

  /** The Job's pod as the kubelet leaves it once the restore container ended. */
  private void podOf(V1Job job, int exitCode, String message) throws ApiException {
    new CoreV1Api(api.client()).createNamespacedPod(NAMESPACE, pod(job, exitCode == 0 ? "Succeeded" : "Failed",
        new V1ContainerStateTerminated().exitCode(exitCode).reason(exitCode == 0 ? "Completed" : "Error")
            .message(message))).execute();
  }

  /** The Job's pod on node-a in {@code phase}, its restore container terminated as given, or running. */
  private static V1Pod pod(V1Job job, String phase, V1ContainerStateTerminated terminated) {
    V1ObjectMeta template = job.getSpec().getTemplate().getMetadata();
    return new V1Pod()
        .apiVersion("v1")
        .kind("Pod")
        .metadata(new V1ObjectMeta().name(job.getMetadata().getName() + "-x").namespace(NAMESPACE)
            .labels(Map.copyOf(template.getLabels())))
        .spec(job.getSpec().getTemplate().getSpec().nodeName("node-a"))
        .status(new V1PodStatus().phase(phase)
            .containerStatuses(List.of(new V1ContainerStatus().name(RestoreJobs.CONTAINER).image(TOOL.image())
                .imageID("").ready(terminated == null).restartCount(0)
                .state(terminated == null ? new V1ContainerState().running(new V1ContainerStateRunning())
                    : new V1ContainerState().terminated(terminated)))));
  }
}
