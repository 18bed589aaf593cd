package io.k8up.strategy.ephemeral;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunObjects;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.Workflow;
import io.k8up.strategy.ephemeral.internal.EphemeralWorkflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Units that add an ephemeral container to the pod holding a ReadWriteOncePod volume. The mock
 * server does not serve {@code pods/ephemeralcontainers}: the patch is scripted and asserted, and
 * the test moves the pod's status on as the kubelet would.
 */
@Timeout(30)
class EphemeralExecutionTest {

  private static final String POD_PATH = "/api/v1/namespaces/" + NAMESPACE + "/pods/db-0";
  private static final String PATCH_PATH = POD_PATH + "/ephemeralcontainers";

  static final ExecutorOptions FAST = ExecutorOptions.builder()
      .pollInterval(Duration.ofMillis(10))
      .apiBackoff(Duration.ofMillis(5))
      .unschedulableTimeout(Duration.ofMillis(100))
      .unitTimeout(Duration.ofSeconds(10))
      .build();

  /** Backs claims up from inside the pod that mounts them, as the ephemeral-container strategy does. */
  static final VolumeAccessStrategy INSIDE_POD = new VolumeAccessStrategy() {
    @Override
    public String id() {
      return "inside";
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return target.placement().type() == Placement.Type.POD_NODE
          ? Support.supported() : Support.unsupported("needs a pod");
    }

    @Override
    public UnitScope unitScope(Grouping grouping) {
      return UnitScope.POD;
    }

    @Override
    public ImmutableList<ResourceType> createdKinds() {
      return ImmutableList.of();
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      String pod = unit.targets().get(0).mountingPods().get(0);
      return EphemeralWorkflow.of(unit.namespace(), pod, new V1EphemeralContainer()
          .name(RunObjects.name(context.runId(), unit))
          .image(context.tool().image())
          .args(context.tool().renderArgs(unit.namespace(), context.runId(), unit.claimNames()))
          .volumeMounts(List.of(new V1VolumeMount().name("data").mountPath("/data/data").readOnly(true))));
    }
  };

  static final BackupPlanner PLANNER = BackupPlanner.builder().strategies(List.of(INSIDE_POD)).build();

  @RegisterExtension final MockApiServer api = new MockApiServer();

  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  CoreV1Api core() {
    return new CoreV1Api(api.client());
  }

  BackupReport run(ClusterSnapshot snapshot) {
    return BackupExecutor.builder()
        .client(api.client())
        .planner(PLANNER)
        .tool(BackupToolSpec.restic("repo").build())
        .runId(RunId.of("test"))
        .options(FAST)
        .listener(events::add)
        .build()
        .run(PLANNER.plan(snapshot), snapshot);
  }

  @Test
  void patchesTheHoldingPodAndSucceedsWhenTheContainerExitsZero() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    String container = containerName(snapshot);
    api.server().expect().patch().withPath(PATCH_PATH).andReturn(200, "{}").once();
    Thread kubelet = afterPatch(() -> terminate(container, 0));

    BackupReport report = run(snapshot);
    kubelet.join(5_000);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.node()).contains("worker-1");
    List<RecordedRequest> patches = api.takeRecorded().stream()
        .filter(request -> request.getMethod().equals("PATCH")).toList();
    assertThat(patches).singleElement().satisfies(patch -> {
      assertThat(patch.getPath()).isEqualTo(PATCH_PATH);
      assertThat(patch.getHeader("Content-Type")).startsWith("application/strategic-merge-patch+json");
      JsonObject body = JsonParser.parseString(patch.getUtf8Body()).getAsJsonObject();
      JsonObject added = body.getAsJsonObject("spec").getAsJsonArray("ephemeralContainers").get(0).getAsJsonObject();
      assertThat(added.get("name").getAsString()).isEqualTo(container);
      assertThat(added.getAsJsonArray("volumeMounts").get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("data");
      assertThat(body.keySet()).containsExactly("spec");
    });
    assertThat(events).extracting(ProgressEvent::type).contains(ProgressEvent.Type.STARTED, ProgressEvent.Type.SUCCEEDED);
  }

  @Test
  void aNonZeroExitFailsWithTheContainersLastWords() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    String container = containerName(snapshot);
    api.server().expect().patch().withPath(PATCH_PATH).andReturn(200, "{}").once();
    Thread kubelet = afterPatch(() -> terminate(container, 1));

    BackupReport report = run(snapshot);
    kubelet.join(5_000);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.BACKUP_FAILED);
    assertThat(outcome.message()).contains("exit code 1 (Error): Fatal: wrong password", "kubectl logs -n shop db-0 -c " + container);
  }

  @Test
  void aRerunWithTheSameRunIdFollowsTheContainerItFindsInsteadOfAddingAnother() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    String container = containerName(snapshot);
    V1Pod pod = core().readNamespacedPod("db-0", NAMESPACE).execute();
    pod.getSpec().ephemeralContainers(List.of(new V1EphemeralContainer().name(container).image("restic")));
    core().replaceNamespacedPod("db-0", NAMESPACE, pod).execute();
    terminate(container, 0);
    api.takeRequests();

    BackupReport report = run(snapshot);

    assertThat(report.outcomes().get(0).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(api.takeRequests()).noneMatch(request -> request.startsWith("PATCH"));
    assertThat(events).extracting(ProgressEvent::type).contains(ProgressEvent.Type.ADOPTED);
  }

  @Test
  void aClusterWithoutTheSubresourceFailsTheUnitSayingSo() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    api.server().expect().patch().withPath(PATCH_PATH).andReturn(404, "{\"kind\":\"Status\",\"message\":\"the server could not find the requested resource\"}").always();

    Outcome outcome = run(snapshot).outcomes().get(0);

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).contains("does not serve pods/ephemeralcontainers", "patch pods/ephemeralcontainers");
  }

  @Test
  void aPodReplacedDuringTheBackupIsReplanned() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    api.server().expect().patch().withPath(PATCH_PATH).andReturn(200, "{}").always();
    Thread replacer = afterPatch(() -> {
      core().deleteNamespacedPod("db-0", NAMESPACE).execute();
      createHoldingPod();
    });

    BackupReport report;
    report = BackupExecutor.builder()
        .client(api.client())
        .planner(PLANNER)
        .tool(BackupToolSpec.restic("repo").build())
        .runId(RunId.of("test"))
        .options(ExecutorOptions.builder().from(FAST).maxPlacementAttempts(2).unitTimeout(Duration.ofSeconds(2)).build())
        // The re-plan reads the cluster once the pod is back: between its delete and its create, a
        // fresh plan would find the claim held by no pod (a race of the test, not of the engine).
        .snapshots(namespaces -> {
          try {
            replacer.join(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return LiveSnapshots.read(api.client(), namespaces);
        })
        .listener(events::add)
        .build()
        .run(PLANNER.plan(snapshot), snapshot);
    replacer.join(5_000);

    assertThat(events).filteredOn(event -> event.type() == ProgressEvent.Type.RETRIED).first()
        .satisfies(event -> assertThat(event.message()).contains("pod db-0 was deleted or replaced"));
    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.attempts()).as("%s", outcome).isEqualTo(2);
  }

  private ClusterSnapshot heldClaim() throws Exception {
    core().createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-data"))).execute();
    core().createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name("data"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of(AccessMode.READ_WRITE_ONCE_POD.kubernetesName()))
            .volumeName("pv-data"))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
    createHoldingPod();
    return LiveSnapshots.read(api.client(), List.of(NAMESPACE));
  }

  private void createHoldingPod() throws ApiException {
    core().createNamespacedPod(NAMESPACE, new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name("db-0"))
        .spec(new V1PodSpec().nodeName("worker-1")
            .containers(List.of(new V1Container().name("db").image("postgres")))
            .volumes(List.of(new V1Volume().name("data")
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("data")))))
        .status(new V1PodStatus().phase("Running"))).execute();
  }

  private static String containerName(ClusterSnapshot snapshot) {
    BackupPlan plan = PLANNER.plan(snapshot);
    return RunObjects.name(RunId.of("test"), BackupUnits.of(plan, Grouping.PER_CLAIM, PLANNER.strategies()).get(0));
  }

  /** What the kubelet reports once the container ended with {@code exitCode}. */
  private void terminate(String container, int exitCode) throws ApiException {
    V1Pod pod = core().readNamespacedPod("db-0", NAMESPACE).execute();
    pod.getStatus().ephemeralContainerStatuses(List.of(new V1ContainerStatus().name(container).image("restic")
        .imageID("").ready(false).restartCount(0)
        .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(exitCode)
            .reason(exitCode == 0 ? "Completed" : "Error")
            .message(exitCode == 0 ? "" : "Fatal: wrong password or no key found")))));
    core().replaceNamespacedPodStatus("db-0", NAMESPACE, pod).execute();
  }

  /** A thread that waits for the executor's patch, then does {@code then}, as the cluster would. */
  private Thread afterPatch(ThrowingRunnable then) {
    Thread thread = new Thread(() -> {
      try {
        while (events.stream().noneMatch(event -> event.type() == ProgressEvent.Type.STARTED)) {
          Thread.sleep(5);
        }
        then.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
