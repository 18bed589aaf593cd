package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The volumes of a backup pod: each claim of the unit, read-only, and a writable scratch directory.
 * Claim volumes are named by position, {@code claim-<index>}, because a claim's name may be 253
 * characters long and a volume's name must be a DNS-1123 label.
 */
final class PodVolumes {

  static final String SCRATCH = "scratch";

  private PodVolumes() {}

  static String claimVolume(int index) {
    return "claim-" + index;
  }

  /**
   * The pod's volumes: the claims in the unit's order, each as the claim {@code volumeClaim} names
   * for it, then the scratch directory.
   */
  static ImmutableList<V1Volume> volumes(BackupUnit unit, UnaryOperator<String> volumeClaim) {
    ImmutableList.Builder<V1Volume> volumes = ImmutableList.builder();
    List<String> claims = unit.claimNames();
    for (int i = 0; i < claims.size(); i++) {
      volumes.add(new V1Volume()
          .name(claimVolume(i))
          .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource()
              .claimName(volumeClaim.apply(claims.get(i)))
              .readOnly(true)));
    }
    volumes.add(new V1Volume().name(SCRATCH).emptyDir(new V1EmptyDirVolumeSource()));
    return volumes.build();
  }

  /** The tool's mounts: each claim read-only at {@code /data/<claim>}, the scratch directory. */
  static ImmutableList<V1VolumeMount> mounts(BackupUnit unit, BackupToolSpec tool) {
    ImmutableList.Builder<V1VolumeMount> mounts = ImmutableList.builder();
    List<String> claims = unit.claimNames();
    for (int i = 0; i < claims.size(); i++) {
      mounts.add(new V1VolumeMount()
          .name(claimVolume(i))
          .mountPath(BackupToolSpec.mountPath(claims.get(i)))
          .readOnly(true));
    }
    mounts.add(new V1VolumeMount().name(SCRATCH).mountPath(tool.scratchDirectory()));
    return mounts.build();
  }
}
