package io.k8up.strategy.csisnapshot;

import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.Workflow;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;

/** The three objects of a csi-snapshot workflow, as its steps create them, for tests to read. */
record SnapshotObjects(DynamicKubernetesObject volumeSnapshot, V1PersistentVolumeClaim temporaryClaim, V1Job job) {

  static SnapshotObjects of(Workflow workflow) {
    ImmutableList<KubernetesObject> manifests = workflow.manifests();
    return new SnapshotObjects((DynamicKubernetesObject) manifests.get(0), (V1PersistentVolumeClaim) manifests.get(1),
        (V1Job) manifests.get(2));
  }

  /** The objects in creation order: snapshot, temporary claim, Job. */
  ImmutableList<KubernetesObject> manifests() {
    return ImmutableList.of(volumeSnapshot, temporaryClaim, job);
  }
}
