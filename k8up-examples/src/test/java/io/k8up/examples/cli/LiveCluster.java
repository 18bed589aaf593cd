package io.k8up.examples.cli;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeNodeAffinity;
import java.util.List;
import java.util.Map;

/** Objects of a small live cluster, created on the mock API server. */
final class LiveCluster {

  private LiveCluster() {}

  /**
   * Claim team-a/data, Bound to PersistentVolume pv-data (ReadWriteOnce), mounted by the running
   * pod app-0 on node worker-7, which runs as user 1000 and tolerates the taint dedicated=db.
   */
  static void mountedClaim(ApiClient client) throws ApiException {
    CoreV1Api core = new CoreV1Api(client);
    core.createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-data"))
        .spec(new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOnce")))).execute();
    core.createNamespacedPersistentVolumeClaim("team-a", new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace("team-a").name("data"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce")).volumeName("pv-data"))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
    core.createNamespacedPod("team-a", new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace("team-a").name("app-0"))
        .spec(new V1PodSpec().nodeName("worker-7")
            .securityContext(new V1PodSecurityContext().runAsUser(1000L).fsGroup(2000L))
            .tolerations(List.of(new V1Toleration().key("dedicated").operator("Equal").value("db").effect("NoSchedule")))
            .containers(List.of(new V1Container().name("app").image("app")))
            .volumes(List.of(new V1Volume().name("v")
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("data")))))
        .status(new V1PodStatus().phase("Running"))).execute();
  }

  /**
   * Claim team-a/logs, Bound to the local PersistentVolume pv-logs (ReadWriteOnce) whose node
   * affinity names the hostname worker-9, mounted by no pod; Node worker-9 is tainted
   * dedicated=storage:NoSchedule and spot:PreferNoSchedule.
   */
  static void unmountedClaimOnTaintedNode(ApiClient client) throws ApiException {
    CoreV1Api core = new CoreV1Api(client);
    core.createNode(new V1Node().apiVersion("v1").kind("Node")
        .metadata(new V1ObjectMeta().name("worker-9").labels(Map.of("kubernetes.io/hostname", "worker-9")))
        .spec(new V1NodeSpec().taints(List.of(
            new V1Taint().key("dedicated").value("storage").effect("NoSchedule"),
            new V1Taint().key("spot").effect("PreferNoSchedule"))))).execute();
    core.createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-logs"))
        .spec(new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOnce"))
            .nodeAffinity(new V1VolumeNodeAffinity().required(new V1NodeSelector().nodeSelectorTerms(List.of(
                new V1NodeSelectorTerm().matchExpressions(List.of(new V1NodeSelectorRequirement()
                    .key("kubernetes.io/hostname").operator("In").values(List.of("worker-9"))))))))))
        .execute();
    core.createNamespacedPersistentVolumeClaim("team-a", new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace("team-a").name("logs"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce")).volumeName("pv-logs"))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
  }
}
