package io.k8up.core.testing;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import java.util.Map;

/**
 * Creates objects on an API server through client-java, with the apiVersion and kind the mock
 * server needs.
 */
public final class ClusterObjects {

  private final CoreV1Api api;

  /** Objects created through {@code client}. */
  public ClusterObjects(ApiClient client) {
    this.api = new CoreV1Api(client);
  }

  /**
   * Creates a claim bound to {@code volumeName}.
   *
   * @throws ApiException if the server refuses it
   */
  public void claim(String namespace, String name, String volumeName) throws ApiException {
    api.createNamespacedPersistentVolumeClaim(namespace, new V1PersistentVolumeClaim()
            .apiVersion("v1")
            .kind("PersistentVolumeClaim")
            .metadata(new V1ObjectMeta().namespace(namespace).name(name))
            .spec(new V1PersistentVolumeClaimSpec()
                .accessModes(List.of("ReadWriteOnce"))
                .volumeName(volumeName)))
        .execute();
  }

  /**
   * Creates a PersistentVolume.
   *
   * @throws ApiException if the server refuses it
   */
  public void volume(String name) throws ApiException {
    api.createPersistentVolume(new V1PersistentVolume()
            .apiVersion("v1")
            .kind("PersistentVolume")
            .metadata(new V1ObjectMeta().name(name))
            .spec(new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOnce"))))
        .execute();
  }

  /**
   * Creates a node whose {@code kubernetes.io/hostname} label is {@code hostname}, with these
   * taints.
   *
   * @throws ApiException if the server refuses it
   */
  public void node(String name, String hostname, V1Taint... taints) throws ApiException {
    api.createNode(new V1Node()
            .apiVersion("v1")
            .kind("Node")
            .metadata(new V1ObjectMeta().name(name).labels(Map.of("kubernetes.io/hostname", hostname)))
            .spec(new V1NodeSpec().taints(List.of(taints))))
        .execute();
  }

  /**
   * Creates a pod on {@code node} that mounts {@code claimName}.
   *
   * @throws ApiException if the server refuses it
   */
  public void pod(String namespace, String name, String node, String claimName)
      throws ApiException {
    api.createNamespacedPod(namespace, new V1Pod()
            .apiVersion("v1")
            .kind("Pod")
            .metadata(new V1ObjectMeta().namespace(namespace).name(name))
            .spec(new V1PodSpec()
                .nodeName(node)
                .containers(List.of(new V1Container().name("app").image("app")))
                .volumes(List.of(new V1Volume()
                    .name("data")
                    .persistentVolumeClaim(
                        new V1PersistentVolumeClaimVolumeSource().claimName(claimName))))))
        .execute();
  }
}
