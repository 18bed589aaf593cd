package io.k8up.examples.rbac;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.testing.ExecScript;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1CSIPersistentVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.ArrayList;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.util.List;
import java.util.Map;

/** The small clusters of {@link RbacVerbsTest}, and the controllers that play the cluster's part. */
final class RbacCluster {

  static final String NAMESPACE = "shop";
  static final String HOLDING_POD_PATH = "/api/v1/namespaces/" + NAMESPACE + "/pods/db-0";

  private static final String SNAPSHOT_GROUP = "snapshot.storage.k8s.io";
  private static final String DRIVER = "ebs.csi.aws.com";

  private RbacCluster() {}

  /** Claim data (ReadWriteOnce) mounted by the running pod app-0 on worker-1: job-per-pvc's. */
  static void mountedClaim(ApiClient client) throws ApiException {
    claimOnVolume(client, "data", "ReadWriteOnce", new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOnce")));
    runningPod(client, "app-0", "data");
  }

  /** Claim db (ReadWriteOncePod) held by the running pod db-0 on worker-1: ephemeral-container's. */
  /** Pod dump-0, no volumes, whose backup command dumps a database; its exec answers with a dump. */
  static void podWithBackupCommand(MockApiServer api) throws ApiException {
    new CoreV1Api(api.client()).createNamespacedPod(NAMESPACE, new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name("dump-0")
            .annotations(Map.of(K8upAnnotations.BACKUP_COMMAND, "pg_dumpall")))
        .spec(new V1PodSpec().nodeName("worker-1").containers(List.of(new V1Container().name("db").image("db"))))
        .status(new V1PodStatus().phase("Running"))).execute();
    ExecScript.of(NAMESPACE, "dump-0", "db", "pg_dumpall").stdout("-- dump").exits(api, 0);
  }

  static void heldReadWriteOncePodClaim(ApiClient client) throws ApiException {
    claimOnVolume(client, "db", "ReadWriteOncePod",
        new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOncePod")));
    runningPod(client, "db-0", "db");
  }

  /** Claim sized (ReadWriteOnce, 1Gi), mounted by no pod: a restore to a new claim copies its spec. */
  static void sizedClaim(ApiClient client) throws ApiException {
    new CoreV1Api(client).createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim()
        .apiVersion("v1").kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name("sized"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce")).volumeName("pv-sized")
            .resources(new V1VolumeResourceRequirements().requests(Map.of("storage", Quantity.fromString("1Gi")))))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
  }

  /** Claim archive (ReadWriteOnce) on a CSI volume, mounted by no pod, with no node hint: csi-snapshot's. */
  static void unplaceableCsiClaim(ApiClient client) throws ApiException {
    claimOnVolume(client, "archive", "ReadWriteOnce", new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOnce"))
        .csi(new V1CSIPersistentVolumeSource().driver(DRIVER).volumeHandle("vol-1")));
  }

  /** The server lists one VolumeSnapshotClass, the default for {@value #DRIVER}. */
  static void snapshotClasses(MockApiServer api) {
    api.server().expect().get().withPath("/apis/" + SNAPSHOT_GROUP + "/v1/volumesnapshotclasses?limit=500&watch=false")
        .andReturn(200, "{\"kind\":\"VolumeSnapshotClassList\",\"items\":[{\"metadata\":{\"name\":\"ebs\","
            + "\"annotations\":{\"snapshot.storage.kubernetes.io/is-default-class\":\"true\"}},"
            + "\"driver\":\"" + DRIVER + "\",\"deletionPolicy\":\"Delete\"}]}")
        .always();
  }

  /** A Job, a claim and a VolumeSnapshot that a killed run left behind. */
  static void leftovers(ApiClient client) throws ApiException {
    Map<String, String> labels = Map.of(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE);
    new BatchV1Api(client).createNamespacedJob(NAMESPACE, new V1Job().apiVersion("batch/v1").kind("Job")
        .metadata(new V1ObjectMeta().name("left-job").namespace(NAMESPACE).labels(labels))
        .spec(new V1JobSpec().template(new V1PodTemplateSpec().spec(new V1PodSpec()
            .containers(List.of(new V1Container().name("backup").image("restic"))))))).execute();
    new CoreV1Api(client).createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim()
        .apiVersion("v1").kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().name("left-claim").namespace(NAMESPACE).labels(labels))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce")))).execute();
    JsonObject snapshot = JsonParser.parseString("""
        {"apiVersion":"snapshot.storage.k8s.io/v1","kind":"VolumeSnapshot",
         "metadata":{"name":"left-snapshot","namespace":"%s","labels":{"%s":"%s"}},
         "spec":{"source":{"persistentVolumeClaimName":"archive"}}}"""
        .formatted(NAMESPACE, K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE))
        .getAsJsonObject();
    new CustomObjectsApi(client).createNamespacedCustomObject(SNAPSHOT_GROUP, "v1", NAMESPACE, "volumesnapshots",
        snapshot).execute();
  }

  /** Gives {@code job} a pod scheduled to worker-1 but still pending, as the Job controller and scheduler would. */
  static void pendingPodFor(ApiClient client, V1Job job) throws ApiException {
    new CoreV1Api(client).createNamespacedPod(NAMESPACE, new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().name(job.getMetadata().getName() + "-pod")
            .labels(job.getSpec().getTemplate().getMetadata().getLabels()))
        .spec(new V1PodSpec().nodeName("worker-1")
            .containers(new ArrayList<>(job.getSpec().getTemplate().getSpec().getContainers())))
        .status(new V1PodStatus().phase("Pending"))).execute();
  }

  /**
   * Plays the kubelet of pod db-0: once the library has patched an ephemeral container in, reports
   * it terminated with exit code 0.
   */
  static Thread kubelet(ApiClient client, RecordingClient library) {
    Thread thread = new Thread(() -> {
      try {
        while (library.patchBodies().isEmpty()) {
          Thread.sleep(5);
        }
        String container = JsonParser.parseString(library.patchBodies().get(0)).getAsJsonObject()
            .getAsJsonObject("spec").getAsJsonArray("ephemeralContainers").get(0).getAsJsonObject()
            .get("name").getAsString();
        CoreV1Api core = new CoreV1Api(client);
        V1Pod pod = core.readNamespacedPod("db-0", NAMESPACE).execute();
        pod.getStatus().ephemeralContainerStatuses(List.of(new V1ContainerStatus().name(container).image("restic")
            .imageID("").ready(false).restartCount(0)
            .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(0).reason("Completed")))));
        core.replaceNamespacedPodStatus("db-0", NAMESPACE, pod).execute();
      } catch (InterruptedException | ApiException e) {
        // Stopped by the test; the run then times out and the test says why.
      }
    }, "fake-kubelet");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Plays the snapshot controller: makes every new VolumeSnapshot ready to use, 1Gi to restore. */
  static Thread snapshotController(ApiClient client) {
    CustomObjectsApi custom = new CustomObjectsApi(client);
    Thread thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Object list = custom.listNamespacedCustomObject(SNAPSHOT_GROUP, "v1", NAMESPACE, "volumesnapshots").execute();
          JsonObject tree = client.getJSON().getGson().toJsonTree(list).getAsJsonObject();
          for (var item : tree.getAsJsonArray("items")) {
            JsonObject snapshot = item.getAsJsonObject();
            if (!snapshot.has("status")) {
              JsonObject status = new JsonObject();
              status.addProperty("readyToUse", true);
              status.addProperty("restoreSize", "1Gi");
              snapshot.add("status", status);
              custom.replaceNamespacedCustomObject(SNAPSHOT_GROUP, "v1", NAMESPACE, "volumesnapshots",
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

  private static void claimOnVolume(ApiClient client, String claim, String accessMode, V1PersistentVolumeSpec volume)
      throws ApiException {
    CoreV1Api core = new CoreV1Api(client);
    core.createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-" + claim)).spec(volume)).execute();
    core.createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name(claim))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of(accessMode)).volumeName("pv-" + claim))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
  }

  private static void runningPod(ApiClient client, String pod, String claim) throws ApiException {
    new CoreV1Api(client).createNamespacedPod(NAMESPACE, new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name(pod))
        .spec(new V1PodSpec().nodeName("worker-1")
            .containers(List.of(new V1Container().name("app").image("app")))
            .volumes(List.of(new V1Volume().name("data")
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName(claim)))))
        .status(new V1PodStatus().phase("Running"))).execute();
  }
}
