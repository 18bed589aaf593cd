package io.k8up.core;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.SweepReport;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.ExecScript;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.RecordingSink;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The library in one object: sources, reading what the strategies need, planning and running. */
@Timeout(30)
class K8upRwoTest {

  private static final String CLASSES = "/apis/snapshot.storage.k8s.io/v1/volumesnapshotclasses?limit=500&watch=false";
  private static final TestStrategy JOBS = TestStrategy.nodeBound("jobs", target -> true, "");

  @RegisterExtension final MockApiServer api = new MockApiServer();

  private void sharedClaim() throws Exception {
    CoreV1Api core = new CoreV1Api(api.client());
    core.createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-data"))).execute();
    core.createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim").metadata(new V1ObjectMeta().namespace(NAMESPACE).name("data"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteMany")).volumeName("pv-data"))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
  }

  @Test
  void readsPlansAndRunsALiveNamespace() throws Exception {
    sharedClaim();
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(api.client(), List.of(NAMESPACE))
        .strategies(List.of(JOBS))
        .runId(RunId.of("facade"))
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build())
        .build();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = backups.run();
    }

    assertThat(report.runId()).isEqualTo(RunId.of("facade"));
    assertThat(report.outcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.subject().name()).isEqualTo("data");
      assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    });
  }

  @Test
  void aRunListsInPagesOfThePageSizeGiven() throws Exception {
    sharedClaim();
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(api.client(), List.of(NAMESPACE))
        .strategies(List.of(JOBS))
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build())
        .pageSize(3)
        .build();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = backups.run();
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    List<String> lists = api.takeRequests().stream()
        .filter(request -> request.startsWith("GET ") && request.contains("watch=false")).toList();
    // The read's lists, the look for objects of an earlier attempt, and the polls of the Job.
    assertThat(lists).filteredOn(request -> request.contains("/jobs?") && request.contains("labelSelector"))
        .hasSizeGreaterThan(1);
    assertThat(lists).isNotEmpty().allMatch(request -> request.contains("limit=3"), "asks for pages of 3");
  }

  @Test
  void aSweepListsInPagesOfThePageSizeGiven() throws Exception {
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(api.client(), List.of(NAMESPACE))
        .strategies(List.of(JOBS))
        .pageSize(4)
        .build();

    SweepReport report = backups.sweep(false, Duration.ZERO);

    assertThat(report.failed()).isEmpty();
    assertThat(api.takeRequests()).filteredOn(request -> request.startsWith("GET ") && request.contains("labelSelector"))
        .isNotEmpty().allMatch(request -> request.contains("limit=4"), "asks for pages of 4");
  }

  @Test
  void runsStreamBackupCommandsIntoTheSinkGiven() throws Exception {
    ClusterSnapshot cached = ClusterSnapshot.of(List.of(), List.of(), List.of(Fixtures.runningPod("db-0", "node-1")
        .putAnnotations(K8upAnnotations.BACKUP_COMMAND, "pg_dumpall").build()));
    ExecScript.of(NAMESPACE, "db-0", "app", "pg_dumpall").stdout("-- dump").exits(api, 0);
    RecordingSink sink = new RecordingSink();
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(api.client(), List.of(NAMESPACE), namespaces -> cached)
        .strategies(List.of(JOBS))
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build())
        .sink(sink)
        .build();

    BackupReport report = backups.run();

    assertThat(report.outcomes()).singleElement().satisfies(outcome ->
        assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED));
    assertThat(sink.committed()).containsExactly("shop-db-0-app");
  }

  @Test
  void aSnapshotSourceIsReadInsteadOfListingClaimsPodsAndVolumes() throws Exception {
    ClusterSnapshot cached = ClusterSnapshot.of(List.of(Fixtures.boundClaim("data", AccessMode.READ_WRITE_MANY).build()),
        List.of(Fixtures.volumeFor("data").build()), List.of());
    List<Collection<String>> asked = new CopyOnWriteArrayList<>();
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(api.client(), List.of(NAMESPACE), namespaces -> {
          asked.add(List.copyOf(namespaces));
          return cached;
        })
        .strategies(List.of(JOBS))
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build())
        .build();
    api.takeRequests();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = backups.run();
    }

    assertThat(report.outcomes()).singleElement().satisfies(outcome ->
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED));
    assertThat(asked).first().isEqualTo(List.of(NAMESPACE));
    assertThat(api.takeRequests()).noneMatch(request ->
        request.contains("persistentvolume") || request.equals("GET /api/v1/namespaces/" + NAMESPACE + "/pods"));
    assertThatThrownBy(() -> K8upRwo.builder().liveCluster(api.client(), List.of(NAMESPACE), namespaces -> cached)
        .readNodes(true).build()).hasMessageContaining("readNodes");
  }

  @Test
  void withASnapshotStrategyTheClassesAreReadAndDiscoveryIsDoneOnce() throws Exception {
    sharedClaim();
    api.server().expect().get().withPath(CLASSES).andReturn(200, "{\"kind\":\"VolumeSnapshotClassList\",\"items\":["
        + "{\"metadata\":{\"name\":\"ebs\"},\"driver\":\"ebs.csi.aws.com\"}]}").always();
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(api.client(), List.of(NAMESPACE))
        .strategies(List.of(JOBS, TestStrategy.nodeFree("snapshots", target -> true, "")
            .declaring(ResourceType.VOLUME_SNAPSHOT, ResourceType.PERSISTENT_VOLUME_CLAIM, ResourceType.JOB)))
        .build();
    api.takeRequests();

    ClusterSnapshot first = backups.snapshot();
    List<String> firstRequests = api.takeRequests();
    ClusterSnapshot second = backups.snapshot();
    List<String> secondRequests = api.takeRequests();

    assertThat(first.snapshotClasses()).extracting(SnapshotClass::name).containsExactly("ebs");
    assertThat(second.snapshotClasses()).isEqualTo(first.snapshotClasses());
    assertThat(firstRequests).contains("GET " + CLASSES, "GET /version/");
    assertThat(secondRequests).noneMatch(request -> request.contains("snapshot.storage.k8s.io") || request.contains("/version"));
  }

  @Test
  void withoutASnapshotStrategyNoSnapshotRequestIsMade() throws Exception {
    sharedClaim();
    K8upRwo backups = K8upRwo.builder().liveCluster(api.client(), List.of(NAMESPACE)).strategies(List.of(JOBS)).build();
    api.takeRequests();

    backups.plan();

    assertThat(api.takeRequests()).noneMatch(request -> request.contains("snapshot.storage.k8s.io"));
  }

  @Test
  void aSnapshotReadOnceIsPlannedWithoutReadingAgain() throws Exception {
    sharedClaim();
    K8upRwo backups = K8upRwo.builder().liveCluster(api.client(), List.of(NAMESPACE)).strategies(List.of(JOBS)).build();
    ClusterSnapshot snapshot = backups.snapshot();
    int requests = api.requestCount();

    BackupPlan plan = backups.plan(snapshot);

    assertThat(plan.decisions(Action.BACKUP)).hasSize(1);
    assertThat(backups.manifests(plan, snapshot).objects()).hasSize(1);
    assertThat(api.requestCount()).isEqualTo(requests);
  }

  @Test
  void aFixedSnapshotPlansAndPrintsManifestsButDoesNotRun() throws Exception {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(Fixtures.boundClaim("data", AccessMode.READ_WRITE_MANY).build()),
        List.of(Fixtures.volumeFor("data").build()), List.of());
    K8upRwo backups = K8upRwo.builder().snapshot(snapshot).strategies(List.of(JOBS)).build();

    BackupPlan plan = backups.plan();

    assertThat(plan.decisions(Action.BACKUP)).hasSize(1);
    assertThat(backups.manifests(plan, snapshot).objects()).singleElement().satisfies(job ->
        assertThat(job.getKind()).isEqualTo("Job"));
    assertThatThrownBy(backups::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("live cluster");
  }

  @Test
  void sourcesAndStrategiesAreEachGivenOnce() {
    assertThatThrownBy(() -> K8upRwo.builder().build()).hasMessageContaining("either liveCluster");
    assertThatThrownBy(() -> K8upRwo.builder().snapshot(ClusterSnapshot.empty()).strategyOrder(List.of("a"))
        .strategies(List.of(JOBS)).build()).hasMessageContaining("either a strategy order or strategies");
    assertThatThrownBy(() -> K8upRwo.builder().snapshot(ClusterSnapshot.empty()).strategyOrder(List.of("teleport"))
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
  }
}
