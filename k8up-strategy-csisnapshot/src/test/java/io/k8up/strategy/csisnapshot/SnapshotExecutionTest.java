package io.k8up.strategy.csisnapshot;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.RunObjects;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.Sweeper;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.ResourceType;
import io.k8up.strategy.csisnapshot.internal.SnapshotWorkflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1TypedLocalObjectReference;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Units that back up a CSI snapshot of a claim, through the engine and this module's workflow: the test plays the snapshot controller (it sets
 * {@code readyToUse}) and the Job controller, and checks nothing outlives the run.
 */
@Timeout(30)
class SnapshotExecutionTest {

  private static final String GROUP = "snapshot.storage.k8s.io";

  static final ExecutorOptions FAST = ExecutorOptions.builder()
      .pollInterval(Duration.ofMillis(10))
      .apiBackoff(Duration.ofMillis(5))
      .unschedulableTimeout(Duration.ofMillis(100))
      .unitTimeout(Duration.ofSeconds(10))
      .build();

  /** Snapshots every claim it is offered, restoring it to a temporary claim a Job backs up. */
  static final VolumeAccessStrategy SNAPSHOTS = new VolumeAccessStrategy() {
    private final TestStrategy jobs = TestStrategy.nodeFree("snapshots", target -> true, "");

    @Override
    public String id() {
      return "snapshots";
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return Support.supported();
    }

    @Override
    public boolean requiresNode() {
      return false;
    }

    @Override
    public ImmutableList<ResourceType> createdKinds() {
      return ImmutableList.of(ResourceType.VOLUME_SNAPSHOT, ResourceType.PERSISTENT_VOLUME_CLAIM, ResourceType.JOB);
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      String name = RunObjects.name(context.runId(), unit);
      Map<String, String> labels = RunObjects.labels(context.runId(), unit, context.tool());
      JsonObject snapshot = JsonParser.parseString("""
          {"apiVersion":"snapshot.storage.k8s.io/v1","kind":"VolumeSnapshot",
           "spec":{"volumeSnapshotClassName":"csi-snapclass","source":{"persistentVolumeClaimName":"%s"}}}"""
          .formatted(unit.claimNames().get(0))).getAsJsonObject();
      JsonObject metadata = new JsonObject();
      metadata.addProperty("name", name);
      metadata.addProperty("namespace", unit.namespace());
      JsonObject labelObject = new JsonObject();
      labels.forEach(labelObject::addProperty);
      metadata.add("labels", labelObject);
      snapshot.add("metadata", metadata);
      V1PersistentVolumeClaim temporary = new V1PersistentVolumeClaim().apiVersion("v1").kind("PersistentVolumeClaim")
          .metadata(new V1ObjectMeta().name(name).namespace(unit.namespace()).labels(labels))
          .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce"))
              .dataSource(new V1TypedLocalObjectReference().apiGroup(GROUP).kind("VolumeSnapshot").name(name))
              .resources(new V1VolumeResourceRequirements().requests(Map.of("storage", Quantity.fromString("1Gi")))));
      V1Job job = (V1Job) jobs.workflow(unit, context).manifests().get(0);
      return SnapshotWorkflow.of(new DynamicKubernetesObject(snapshot), temporary, job, context.runId());
    }
  };

  static final BackupPlanner PLANNER = BackupPlanner.builder().strategies(List.of(SNAPSHOTS)).build();

  /** An unmounted ReadWriteOnce claim with no node hint: only a snapshot reaches it. */
  static final ClusterSnapshot UNPLACEABLE = ClusterSnapshot.of(
      List.of(boundClaim("archive", AccessMode.READ_WRITE_ONCE).build()), List.of(volumeFor("archive").build()),
      List.of());

  @RegisterExtension final MockApiServer api = new MockApiServer();

  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  BackupExecutor executor(ExecutorOptions options) {
    return BackupExecutor.builder().client(api.client()).planner(PLANNER).tool(BackupToolSpec.restic("repo").build())
        .runId(RunId.of("test")).options(options).listener(events::add).build();
  }

  @Test
  void snapshotsRestoresToATemporaryClaimBacksItUpAndDeletesAll() throws Exception {
    assertThat(PLANNER.plan(UNPLACEABLE).decisions().get(0).reason()).isEqualTo(DecisionReason.SNAPSHOT);
    Thread controller = snapshotController(snapshot -> ready(snapshot, "5Gi"));

    BackupReport report;
    List<V1PersistentVolumeClaim> temporaryClaims = new ArrayList<>();
    try (FakeJobController jobs = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      temporaryClaims.addAll(new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems());
      return Verdict.COMPLETE;
    })) {
      report = executor(FAST).run(PLANNER.plan(UNPLACEABLE), UNPLACEABLE);
    }
    controller.interrupt();

    assertThat(report.outcomes().get(0).status()).as(report.outcomes().get(0).message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(temporaryClaims).isNotEmpty().allSatisfy(claim ->
        assertThat(claim.getSpec().getResources().getRequests().get("storage").getNumber())
            .as("raised to the snapshot's restore size").isEqualByComparingTo(Quantity.fromString("5Gi").getNumber()));
    assertNothingLeft();
  }

  @Test
  void aSnapshotThatNeverBecomesReadyTimesOutAndIsDeleted() throws Exception {
    ExecutorOptions impatient = ExecutorOptions.builder().from(FAST).unitTimeout(Duration.ofMillis(200)).build();

    BackupReport report = executor(impatient).run(PLANNER.plan(UNPLACEABLE), UNPLACEABLE);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.TIMED_OUT);
    assertThat(outcome.message()).contains("never became ready to use");
    assertNothingLeft();
  }

  @Test
  void aFailedSnapshotFailsWithTheControllersMessage() throws Exception {
    Thread controller = snapshotController(snapshot -> {
      JsonObject error = new JsonObject();
      error.addProperty("message", "Failed to check and update snapshot content: driver refused");
      status(snapshot).add("error", error);
    });

    BackupReport report = executor(FAST).run(PLANNER.plan(UNPLACEABLE), UNPLACEABLE);
    controller.interrupt();

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.SNAPSHOT_FAILED);
    assertThat(outcome.message()).contains("driver refused");
    assertNothingLeft();
  }

  @Test
  void aSnapshotLabelledKeepIsNeverDeleted() throws Exception {
    Thread controller = snapshotController(snapshot -> {
      ready(snapshot, "1Gi");
      snapshot.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty(K8upAnnotations.KEEP_LABEL, "true");
    });

    BackupReport report;
    try (FakeJobController jobs = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = executor(FAST).run(PLANNER.plan(UNPLACEABLE), UNPLACEABLE);
    }
    controller.interrupt();

    assertThat(report.outcomes().get(0).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(snapshots()).hasSize(1);
    assertThat(new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems()).isEmpty();
  }

  @Test
  void anInterruptionMidFlowLeavesNothingForASweep() throws Exception {
    List<BackupReport> reports = new CopyOnWriteArrayList<>();
    Thread runner = new Thread(() -> reports.add(executor(FAST).run(PLANNER.plan(UNPLACEABLE), UNPLACEABLE)));

    runner.start();
    while (events.stream().noneMatch(event -> event.type() == ProgressEvent.Type.STARTED)) {
      Thread.sleep(5);
    }
    runner.interrupt();
    runner.join(10_000);

    assertThat(reports.get(0).outcomes().get(0).reason()).isEqualTo(OutcomeReason.INTERRUPTED);
    assertNothingLeft();
    assertThat(Sweeper.sweep(api.client(), List.of(NAMESPACE), Optional.of(RunId.of("test")), Duration.ZERO)
        .deleted()).isEmpty();
  }

  private void assertNothingLeft() throws ApiException {
    assertThat(snapshots()).as("no snapshot outlives its run").isEmpty();
    assertThat(new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems())
        .as("no temporary claim outlives its run").isEmpty();
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).isEmpty();
  }

  private List<JsonObject> snapshots() throws ApiException {
    Object list = new CustomObjectsApi(api.client())
        .listNamespacedCustomObject(GROUP, "v1", NAMESPACE, "volumesnapshots").execute();
    JsonObject tree = api.client().getJSON().getGson().toJsonTree(list).getAsJsonObject();
    List<JsonObject> items = new ArrayList<>();
    tree.getAsJsonArray("items").forEach(item -> items.add(item.getAsJsonObject()));
    return items;
  }

  /** Plays the snapshot controller: once a snapshot exists, changes it as {@code change} says. */
  private Thread snapshotController(java.util.function.Consumer<JsonObject> change) {
    Thread thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (JsonObject snapshot : snapshots()) {
            if (!snapshot.has("status")) {
              snapshot.add("status", new JsonObject());
              change.accept(snapshot);
              new CustomObjectsApi(api.client()).replaceNamespacedCustomObject(GROUP, "v1", NAMESPACE, "volumesnapshots",
                  snapshot.getAsJsonObject("metadata").get("name").getAsString(), snapshot).execute();
            }
          }
          Thread.sleep(5);
        }
      } catch (InterruptedException | ApiException e) {
        // Stopped by the test, or the run deleted the snapshot meanwhile.
      }
    }, "fake-snapshot-controller");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static JsonObject status(JsonObject snapshot) {
    return snapshot.getAsJsonObject("status");
  }

  private static void ready(JsonObject snapshot, String restoreSize) {
    status(snapshot).addProperty("readyToUse", true);
    status(snapshot).addProperty("restoreSize", restoreSize);
  }
}
