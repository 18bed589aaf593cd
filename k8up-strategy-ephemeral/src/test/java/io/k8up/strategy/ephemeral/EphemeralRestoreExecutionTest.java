package io.k8up.strategy.ephemeral;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.k8up.core.model.AccessMode;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.RestoreExecutor;
import io.k8up.core.run.RestoreManifests;
import io.k8up.core.run.RestoreOutcome;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.support.ResticRestoreCommand;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A ReadWriteOncePod claim held by a running pod is restored, with the in-use option, through an
 * ephemeral container of that pod, on the engine over the mock API server. The mock does not serve
 * {@code pods/ephemeralcontainers}: the patch is scripted, and the test plays the kubelet.
 */
@Timeout(30)
class EphemeralRestoreExecutionTest {

  private static final String PATCH_PATH = "/api/v1/namespaces/" + NAMESPACE + "/pods/db-0/ephemeralcontainers";
  private static final VolumeAccessStrategy STRATEGY = new EphemeralContainerStrategyProvider().create();
  private static final BackupToolSpec TOOL = BackupToolSpec.restic("repo").build();
  private static final RunId RUN = RunId.of("restore");

  @RegisterExtension final MockApiServer api = new MockApiServer();

  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void theContainerMountsThePodsVolumeReadWriteAndReportsTheSnapshot() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    RestorePlan plan = plan(snapshot);
    String container = containerName(plan, snapshot);
    api.server().expect().patch().withPath(PATCH_PATH).andReturn(200, "{}").once();
    Thread kubelet = afterStart(container, 0, "{\"snapshot\":\"feedface\"}");

    RestoreOutcome outcome = run(plan, snapshot);
    kubelet.join(5_000);

    assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.RESTORED);
    assertThat(outcome.strategy()).contains(STRATEGY.id());
    assertThat(outcome.snapshotId()).contains("feedface");
    RecordedRequest patch = api.takeRecorded().stream().filter(request -> request.getMethod().equals("PATCH"))
        .findFirst().orElseThrow();
    JsonObject added = JsonParser.parseString(patch.getUtf8Body()).getAsJsonObject().getAsJsonObject("spec")
        .getAsJsonArray("ephemeralContainers").get(0).getAsJsonObject();
    JsonObject mount = added.getAsJsonArray("volumeMounts").get(0).getAsJsonObject();
    assertThat(mount.get("name").getAsString()).isEqualTo("data");
    assertThat(mount.get("mountPath").getAsString()).isEqualTo("/data/data");
    assertThat(mount.get("readOnly").getAsBoolean()).isFalse();
    assertThat(added.get("terminationMessagePath").getAsString())
        .isEqualTo(ResticRestoreCommand.TERMINATION_MESSAGE_PATH);
  }

  @Test
  void aClaimWithNoBackupFailsWithItsReason() throws Exception {
    ClusterSnapshot snapshot = heldClaim();
    RestorePlan plan = plan(snapshot);
    String container = containerName(plan, snapshot);
    api.server().expect().patch().withPath(PATCH_PATH).andReturn(200, "{}").once();
    Thread kubelet = afterStart(container, ResticRestoreCommand.NO_BACKUP_EXIT,
        "k8up-rwo: the repository holds no backup of /data/data with host shop and tag k8up-rwo");

    RestoreOutcome outcome = run(plan, snapshot);
    kubelet.join(5_000);

    assertThat(outcome.reason()).isEqualTo(OutcomeReason.NO_BACKUP);
    assertThat(outcome.message()).contains("holds no backup", "in pod db-0");
  }

  private static RestorePlan plan(ClusterSnapshot snapshot) {
    return RestorePlanner.builder().build().plan(snapshot, List.of(),
        List.of(RestoreRequest.builder().namespace(NAMESPACE).claim("data").inUse(true).build()));
  }

  private RestoreOutcome run(RestorePlan plan, ClusterSnapshot snapshot) {
    return RestoreExecutor.builder()
        .client(api.client())
        .strategies(List.of(STRATEGY))
        .tool(TOOL)
        .runId(RUN)
        .options(EphemeralExecutionTest.FAST)
        .listener(events::add)
        .build()
        .run(plan, snapshot)
        .outcomes().get(0);
  }

  /** The ephemeral container the restore adds, as its manifests show it. */
  private static String containerName(RestorePlan plan, ClusterSnapshot snapshot) {
    V1Pod patch = (V1Pod) RestoreManifests.of(plan, snapshot, List.of(STRATEGY), RUN, TOOL).objects().get(0);
    return patch.getSpec().getEphemeralContainers().get(0).getName();
  }

  /** Once the restore started, reports the container ended with {@code exitCode} and {@code message}. */
  private Thread afterStart(String container, int exitCode, String message) {
    Thread thread = new Thread(() -> {
      try {
        while (events.stream().noneMatch(event -> event.type() == ProgressEvent.Type.STARTED)) {
          Thread.sleep(5);
        }
        CoreV1Api core = new CoreV1Api(api.client());
        V1Pod pod = core.readNamespacedPod("db-0", NAMESPACE).execute();
        pod.getStatus().ephemeralContainerStatuses(List.of(new V1ContainerStatus().name(container).image("restic")
            .imageID("").ready(false).restartCount(0)
            .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(exitCode)
                .reason(exitCode == 0 ? "Completed" : "Error").message(message)))));
        core.replaceNamespacedPodStatus("db-0", NAMESPACE, pod).execute();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Claim shop/data (ReadWriteOncePod), held by the running pod db-0 on worker-1 as volume "data". */
  private ClusterSnapshot heldClaim() throws Exception {
    CoreV1Api core = new CoreV1Api(api.client());
    core.createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-data"))).execute();
    core.createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name("data"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of(AccessMode.READ_WRITE_ONCE_POD.kubernetesName()))
            .volumeName("pv-data"))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
    core.createNamespacedPod(NAMESPACE, new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name("db-0"))
        .spec(new V1PodSpec().nodeName("worker-1")
            .containers(List.of(new V1Container().name("db").image("postgres")))
            .volumes(List.of(new V1Volume().name("data")
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("data")))))
        .status(new V1PodStatus().phase("Running"))).execute();
    return LiveSnapshots.read(api.client(), List.of(NAMESPACE));
  }
}
