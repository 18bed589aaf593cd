package io.k8up.strategy.ephemeral.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.kubernetes.client.openapi.models.V1VolumeMount;

/**
 * The mounts of the tool's ephemeral container: the pod's own volume for each claim, read-only.
 * An ephemeral container cannot add volumes to a pod, so there is no scratch directory either.
 */
final class VolumeMounts {

  private VolumeMounts() {}

  /**
   * Each claim of the unit, in the unit's order, mounted read-only at {@code /data/<claim>} from
   * the volume of {@code pod} that the claim backs, named as the pod's spec names it.
   *
   * @throws IllegalArgumentException if {@code pod} has no volume for a claim of the unit
   */
  static ImmutableList<V1VolumeMount> of(BackupUnit unit, Pod pod) {
    ImmutableList.Builder<V1VolumeMount> mounts = ImmutableList.builder();
    for (String claim : unit.claimNames()) {
      String volume = HoldingPods.volumeFor(pod, claim).orElseThrow(() -> new IllegalArgumentException(
          "pod " + pod.namespace() + "/" + pod.name() + " has no volume for claim " + claim));
      mounts.add(new V1VolumeMount()
          .name(volume)
          .mountPath(BackupToolSpec.mountPath(claim))
          .readOnly(true));
    }
    return mounts.build();
  }
}
