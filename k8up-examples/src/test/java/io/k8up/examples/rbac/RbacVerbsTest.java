package io.k8up.examples.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.K8upRwo;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.RestoreExecutor;
import io.k8up.core.run.RestoreReport;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.run.BackupReport;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.spi.RunId;
import io.k8up.core.run.SweepReport;
import io.k8up.core.run.Sweeper;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.RecordingSink;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verbs in {@code docs/rbac} are exactly those the library uses: each scenario runs the
 * library with a client that records its requests (the test's own setup and fake controllers use
 * another), maps each request to the RBAC permission it needs, and compares with what the
 * scenario's roles grant: nothing missing, nothing unused.
 */
@Timeout(60)
class RbacVerbsTest {

  static final String NAMESPACE = RbacCluster.NAMESPACE;
  static final ExecutorOptions FAST = ExecutorOptions.builder()
      .pollInterval(Duration.ofMillis(10))
      .apiBackoff(Duration.ofMillis(5))
      .unschedulableTimeout(Duration.ofSeconds(5))
      .unitTimeout(Duration.ofSeconds(20))
      .build();

  @RegisterExtension final MockApiServer api = new MockApiServer();

  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void planningListsClaimsAndPodsInTheNamespaceAndPersistentVolumes() throws Exception {
    RbacCluster.mountedClaim(api.client());
    RecordingClient library = new RecordingClient(api);

    ClusterSnapshot snapshot = LiveSnapshots.read(library.client(), List.of(NAMESPACE));
    BackupPlanner.builder().strategies(InstalledStrategies.load().defaultOrder()).build().plan(snapshot);

    assertExactly(library, "planner.yaml", "k8up-rwo-planner", "k8up-rwo-planner-persistentvolumes");
  }

  @Test
  void readingNodesAddsTheNodesClusterRole() throws Exception {
    RbacCluster.mountedClaim(api.client());
    RecordingClient library = new RecordingClient(api);

    LiveSnapshots.readWithNodes(library.client(), List.of(NAMESPACE));

    assertExactly(library, "planner.yaml",
        "k8up-rwo-planner", "k8up-rwo-planner-persistentvolumes", "k8up-rwo-planner-nodes");
  }

  @Test
  void readingSnapshotClassesNeedsTheSnapshotClassesClusterRoleAlone() throws Exception {
    RbacCluster.snapshotClasses(api);
    RecordingClient library = new RecordingClient(api);

    assertThat(LiveSnapshots.readSnapshotClasses(library.client())).hasSize(1);

    assertExactly(library, "planner.yaml", "k8up-rwo-planner-snapshot-classes");
  }

  @Test
  void aJobPerPvcRunCreatesFollowsAndDeletesItsJob() throws Exception {
    RbacCluster.mountedClaim(api.client());
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    RecordingClient library = new RecordingClient(api);

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        pendingPodUntilEventsAreRead(library))) {
      report = run(library, List.of("job-per-pvc", "ephemeral-container"), snapshot);
    }

    assertSucceeded(report, "job-per-pvc");
    assertExactly(library, "job-per-pvc.yaml", "k8up-rwo-job-per-pvc");
  }

  @Test
  void aRunRecordingEventsAlsoCreatesEvents() throws Exception {
    RbacCluster.mountedClaim(api.client());
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    RecordingClient library = new RecordingClient(api);

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        pendingPodUntilEventsAreRead(library))) {
      report = run(library, List.of("job-per-pvc", "ephemeral-container"), snapshot,
          ExecutorOptions.builder().from(FAST).recordEvents(true).build());
    }

    assertSucceeded(report, "job-per-pvc");
    assertThat(report.eventFailures()).isEmpty();
    Set<Permission> granted = new HashSet<>(RbacFile.read("job-per-pvc.yaml").grants("k8up-rwo-job-per-pvc"));
    granted.addAll(RbacFile.read("events.yaml").grants("k8up-rwo-events"));
    assertExactly(library, granted, "job-per-pvc.yaml and events.yaml");
  }

  @Test
  void anEphemeralContainerRunPatchesTheHoldingPodAndReadsIt() throws Exception {
    RbacCluster.heldReadWriteOncePodClaim(api.client());
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    api.server().expect().patch().withPath(RbacCluster.HOLDING_POD_PATH + "/ephemeralcontainers")
        .andReturn(200, "{}").once();
    RecordingClient library = new RecordingClient(api);
    Thread kubelet = RbacCluster.kubelet(api.client(), library);

    BackupReport report = run(library, List.of("job-per-pvc", "ephemeral-container"), snapshot);
    kubelet.interrupt();
    kubelet.join(5_000);

    assertSucceeded(report, "ephemeral-container");
    assertExactly(library, "ephemeral-container.yaml", "k8up-rwo-ephemeral-container");
  }

  @Test
  void aCsiSnapshotRunSnapshotsRestoresBacksUpAndDeletesAll() throws Exception {
    RbacCluster.unplaceableCsiClaim(api.client());
    RbacCluster.snapshotClasses(api);
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE))
        .withSnapshotClasses(LiveSnapshots.readSnapshotClasses(api.client()));
    RecordingClient library = new RecordingClient(api);
    Thread snapshotController = RbacCluster.snapshotController(api.client());

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        pendingPodUntilEventsAreRead(library))) {
      report = run(library, List.of("job-per-pvc", "ephemeral-container", "csi-snapshot"), snapshot);
    } finally {
      snapshotController.interrupt();
    }

    assertSucceeded(report, "csi-snapshot");
    assertExactly(library, "csi-snapshot.yaml", "k8up-rwo-csi-snapshot");
  }

  @Test
  void aBackupCommandRunExecsInThePod() throws Exception {
    RbacCluster.podWithBackupCommand(api);
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    RecordingClient library = new RecordingClient(api);

    BackupReport report = run(library, List.of("job-per-pvc", "ephemeral-container"), snapshot);

    assertThat(report.outcomes()).singleElement().satisfies(outcome ->
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED));
    assertExactly(library, "backup-command.yaml", "k8up-rwo-backup-command");
  }

  @Test
  void aSweepListsAndDeletesJobsClaimsAndSnapshots() throws Exception {
    RbacCluster.leftovers(api.client());
    RecordingClient library = new RecordingClient(api);

    SweepReport report = Sweeper.sweep(library.client(), List.of(NAMESPACE), Optional.empty(), Duration.ZERO);

    assertThat(report.failed()).isEmpty();
    assertThat(report.deleted()).hasSize(3);
    assertExactly(library, "sweep.yaml", "k8up-rwo-sweep");
  }

  @Test
  void aRestoreThroughAJobCreatesFollowsAndDeletesItsJob() throws Exception {
    RbacCluster.mountedClaim(api.client());
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    RecordingClient library = new RecordingClient(api);

    RestoreReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        pendingPodUntilEventsAreRead(library))) {
      report = restore(library, snapshot, RestoreRequest.builder().namespace(NAMESPACE).claim("data").inUse(true)
          .build());
    }

    assertRestored(report, "job-per-pvc");
    assertExactly(library, "restore.yaml", "k8up-rwo-restore-job");
  }

  @Test
  void aRestoreIntoANewClaimAlsoCreatesTheClaim() throws Exception {
    RbacCluster.sizedClaim(api.client());
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    RecordingClient library = new RecordingClient(api);

    RestoreReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        pendingPodUntilEventsAreRead(library))) {
      report = restore(library, snapshot, RestoreRequest.builder().namespace(NAMESPACE).claim("sized").to("copy")
          .build());
    }

    assertRestored(report, "job-per-pvc");
    assertExactly(library, "restore.yaml", "k8up-rwo-restore-job", "k8up-rwo-restore-new-claim");
  }

  @Test
  void aRestoreOfAHeldReadWriteOncePodClaimPatchesTheHoldingPodAndReadsIt() throws Exception {
    RbacCluster.heldReadWriteOncePodClaim(api.client());
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(NAMESPACE));
    api.server().expect().patch().withPath(RbacCluster.HOLDING_POD_PATH + "/ephemeralcontainers")
        .andReturn(200, "{}").once();
    RecordingClient library = new RecordingClient(api);
    Thread kubelet = RbacCluster.kubelet(api.client(), library);

    RestoreReport report = restore(library, snapshot, RestoreRequest.builder().namespace(NAMESPACE).claim("db")
        .inUse(true).build());
    kubelet.interrupt();
    kubelet.join(5_000);

    assertRestored(report, "ephemeral-container");
    assertExactly(library, "restore.yaml", "k8up-rwo-restore-ephemeral-container");
  }

  @Test
  void planningARestoreListsTheStorageClasses() throws Exception {
    RecordingClient library = new RecordingClient(api);

    K8upRwo.builder().liveCluster(library.client(), List.of(NAMESPACE)).build().storageClasses();

    assertExactly(library, "restore.yaml", "k8up-rwo-restore-storage-classes");
  }

  @Test
  void everyRoleInTheFolderIsCoveredByAScenario() throws IOException {
    assertThat(RbacFile.read("restore.yaml").roleNames()).containsExactly("k8up-rwo-restore-job",
        "k8up-rwo-restore-new-claim", "k8up-rwo-restore-ephemeral-container", "k8up-rwo-restore-storage-classes");
    assertThat(RbacFile.read("planner.yaml").roleNames()).containsExactly("k8up-rwo-planner",
        "k8up-rwo-planner-persistentvolumes", "k8up-rwo-planner-nodes", "k8up-rwo-planner-snapshot-classes");
    assertThat(RbacFile.read("job-per-pvc.yaml").roleNames()).containsExactly("k8up-rwo-job-per-pvc");
    assertThat(RbacFile.read("ephemeral-container.yaml").roleNames()).containsExactly("k8up-rwo-ephemeral-container");
    assertThat(RbacFile.read("csi-snapshot.yaml").roleNames()).containsExactly("k8up-rwo-csi-snapshot");
    assertThat(RbacFile.read("sweep.yaml").roleNames()).containsExactly("k8up-rwo-sweep");
    assertThat(RbacFile.read("events.yaml").roleNames()).containsExactly("k8up-rwo-events");
    assertThat(RbacFile.read("backup-command.yaml").roleNames()).containsExactly("k8up-rwo-backup-command");
  }

  private BackupReport run(RecordingClient library, List<String> order, ClusterSnapshot snapshot) {
    return run(library, order, snapshot, FAST);
  }

  private BackupReport run(RecordingClient library, List<String> order, ClusterSnapshot snapshot,
      ExecutorOptions options) {
    BackupPlanner planner = BackupPlanner.builder().strategies(InstalledStrategies.load().inOrder(order)).build();
    return BackupExecutor.builder()
        .client(library.client())
        .planner(planner)
        .tool(BackupToolSpec.restic("repo").build())
        .runId(RunId.of("rbac"))
        .options(options)
        .sink(new RecordingSink())
        .listener(events::add)
        .build()
        .run(planner.plan(snapshot), snapshot);
  }

  private RestoreReport restore(RecordingClient library, ClusterSnapshot snapshot, RestoreRequest request) {
    return RestoreExecutor.builder()
        .client(library.client())
        .strategies(InstalledStrategies.load().defaultOrder())
        .tool(BackupToolSpec.restic("repo").build())
        .runId(RunId.of("rbac"))
        .options(FAST)
        .listener(events::add)
        .build()
        .run(RestorePlanner.builder().build().plan(snapshot, List.of(), List.of(request)), snapshot);
  }

  private static void assertRestored(RestoreReport report, String strategy) {
    assertThat(report.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.RESTORED);
      assertThat(outcome.strategy()).contains(strategy);
    });
  }

  /**
   * A Job controller that gives each Job a pod scheduled but pending, and completes the Job only
   * once the library has looked at the pod's events, so that every verb of a Job's life is used.
   */
  private FakeJobController.Script pendingPodUntilEventsAreRead(RecordingClient library) {
    return (job, looks) -> {
      if (looks == 1) {
        RbacCluster.pendingPodFor(api.client(), job);
      }
      return library.requests().stream().anyMatch(request -> request.contains("/events"))
          ? Verdict.COMPLETE : Verdict.KEEP_RUNNING;
    };
  }

  private static void assertSucceeded(BackupReport report, String strategy) {
    assertThat(report.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
      assertThat(outcome.strategy()).contains(strategy);
    });
  }

  private static void assertExactly(RecordingClient library, String file, String... roles) throws IOException {
    assertExactly(library, RbacFile.read(file).grants(roles), file);
  }

  private static void assertExactly(RecordingClient library, Set<Permission> granted, String file) {
    Set<Permission> used = library.permissionsUsed();
    assertThat(used).as("used but not granted by %s; the library's requests were %s", file, library.requests())
        .isSubsetOf(granted);
    assertThat(granted).as("granted by %s but never used; the library's requests were %s", file, library.requests())
        .isSubsetOf(used);
  }
}
