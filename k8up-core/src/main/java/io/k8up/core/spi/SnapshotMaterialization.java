package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;

/**
 * A point-in-time copy of a claim, backed up: the executor creates the VolumeSnapshot, waits until
 * it is ready to use, creates the temporary claim restored from it — its storage request raised to
 * the snapshot's {@code restoreSize} where that is larger — then the Job that backs the temporary
 * claim up; follows the Job; and deletes the Job, the temporary claim and the snapshot, in that
 * order, whatever happened.
 *
 * @param volumeSnapshot the {@code snapshot.storage.k8s.io/v1} VolumeSnapshot of the claim
 * @param temporaryClaim the claim restored from it, with {@code dataSource} naming the snapshot
 * @param job the Job that mounts the temporary claim and runs the backup tool
 */
public record SnapshotMaterialization(
    DynamicKubernetesObject volumeSnapshot, V1PersistentVolumeClaim temporaryClaim, V1Job job)
    implements Materialization {

  public SnapshotMaterialization {
    checkArgument("snapshot.storage.k8s.io/v1".equals(volumeSnapshot.getApiVersion())
        && "VolumeSnapshot".equals(volumeSnapshot.getKind()), "volumeSnapshot must be a snapshot.storage.k8s.io/v1 VolumeSnapshot");
    checkArgument(volumeSnapshot.getMetadata() != null && volumeSnapshot.getMetadata().getName() != null,
        "the VolumeSnapshot needs a name");
    checkArgument(temporaryClaim.getMetadata() != null && temporaryClaim.getMetadata().getName() != null,
        "the temporary claim needs a name");
    checkArgument(job.getMetadata() != null && job.getMetadata().getName() != null, "the Job needs a name");
  }

  /** The objects in creation order: snapshot, temporary claim, Job. */
  @Override
  public ImmutableList<KubernetesObject> manifests() {
    return ImmutableList.of(volumeSnapshot, temporaryClaim, job);
  }
}
