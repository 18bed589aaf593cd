package io.k8up.core.spi;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import java.util.List;

/**
 * What a strategy turns a unit into: the Kubernetes changes that back it up, in one of the shapes
 * the executor knows how to run, follow and clean up. Strategies stay pure; every API call is the
 * executor's.
 *
 * <p>The client-java models inside are mutable by nature: treat them as read-only.
 */
public sealed interface Materialization
    permits JobMaterialization, EphemeralContainerMaterialization, SnapshotMaterialization {

  /**
   * Objects to create, in order, ended by the Job named {@code completionJob} among them, and
   * deleted in reverse order once it ends.
   *
   * @throws IllegalArgumentException if an object has no apiVersion, kind, namespace or name, or
   *     none is a batch/v1 Job named {@code completionJob}
   */
  static JobMaterialization of(List<? extends KubernetesObject> objects, String completionJob) {
    return new JobMaterialization(ImmutableList.copyOf(objects), completionJob);
  }

  /**
   * An ephemeral container to add to the running pod {@code namespace/pod}, ended when the
   * container terminates. Ephemeral containers can never be removed: nothing is cleaned up.
   *
   * @throws IllegalArgumentException if the container has no name or image
   */
  static EphemeralContainerMaterialization ephemeralContainer(
      String namespace, String pod, V1EphemeralContainer container) {
    return new EphemeralContainerMaterialization(namespace, pod, container);
  }

  /** The objects to show someone who asks what a run would do, as {@code kubectl} reads them. */
  ImmutableList<KubernetesObject> manifests();
}
