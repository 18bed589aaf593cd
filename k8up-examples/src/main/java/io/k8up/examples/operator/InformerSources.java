package io.k8up.examples.operator;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimList;
import io.kubernetes.client.openapi.models.V1PersistentVolumeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;

/**
 * Where the operator's informers list and watch: one {@link ListerWatcher} per kind and, for
 * claims and pods, per namespace. {@link #from(ApiClient)} gives the real ones; tests give their
 * own, e.g. to feed watch events from a queue.
 */
public interface InformerSources {

  /** Lists and watches the PersistentVolumeClaims of {@code namespace}. */
  ListerWatcher<V1PersistentVolumeClaim, V1PersistentVolumeClaimList> claims(String namespace);

  /** Lists and watches the Pods of {@code namespace}. */
  ListerWatcher<V1Pod, V1PodList> pods(String namespace);

  /** Lists and watches the PersistentVolumes (cluster-scoped). */
  ListerWatcher<V1PersistentVolume, V1PersistentVolumeList> volumes();

  /**
   * Lists and watches through {@code client}. It needs {@code list} and {@code watch} on {@code
   * persistentvolumeclaims} and {@code pods} in each namespace and on {@code persistentvolumes}.
   * A watch that stays silent longer than the client's read timeout fails and makes the informer
   * list again: give a client without a read timeout, or one longer than the watches' five to ten
   * minutes.
   */
  static InformerSources from(ApiClient client) {
    checkNotNull(client, "client");
    GenericKubernetesApi<V1PersistentVolumeClaim, V1PersistentVolumeClaimList> claims = new GenericKubernetesApi<>(
        V1PersistentVolumeClaim.class, V1PersistentVolumeClaimList.class, "", "v1", "persistentvolumeclaims", client);
    GenericKubernetesApi<V1Pod, V1PodList> pods =
        new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1", "pods", client);
    GenericKubernetesApi<V1PersistentVolume, V1PersistentVolumeList> volumes = new GenericKubernetesApi<>(
        V1PersistentVolume.class, V1PersistentVolumeList.class, "", "v1", "persistentvolumes", client);
    return new InformerSources() {
      @Override
      public ListerWatcher<V1PersistentVolumeClaim, V1PersistentVolumeClaimList> claims(String namespace) {
        return ApiListerWatcher.inNamespace(claims, namespace);
      }

      @Override
      public ListerWatcher<V1Pod, V1PodList> pods(String namespace) {
        return ApiListerWatcher.inNamespace(pods, namespace);
      }

      @Override
      public ListerWatcher<V1PersistentVolume, V1PersistentVolumeList> volumes() {
        return ApiListerWatcher.clusterScoped(volumes);
      }
    };
  }
}
