package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a backup sees a unit's claims: each mounted read-only at {@code /data/<claim>} ({@link
 * BackupToolSpec#mountPath}), whatever volume backs it. In a backup pod the claims are volumes named by
 * position, {@code claim-<index>}, because a claim's name may be 253 characters long and a volume's
 * name must be a DNS-1123 label; a writable scratch directory holds the tool's files.
 */
public final class PodVolumes {

  /** The name of the scratch directory's volume, mounted at {@link BackupToolSpec#scratchDirectory()}. */
  public static final String SCRATCH = "scratch";

  private PodVolumes() {}

  /** The name of the volume of the unit's claim at {@code index}, from 0 in the unit's order. */
  public static String claimVolume(int index) {
    return "claim-" + index;
  }

  /**
   * The backup pod's volumes: the unit's claims in its order, each read-only as the claim {@code
   * volumeClaim} names for it (the claim itself, or one restored from its snapshot, say), then the
   * scratch directory.
   */
  public static ImmutableList<V1Volume> volumes(BackupUnit unit, UnaryOperator<String> volumeClaim) {
    checkNotNull(unit, "unit");
    checkNotNull(volumeClaim, "volumeClaim");
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

  /**
   * The tool's mounts in a backup pod with {@link #volumes}: each claim read-only at {@code
   * /data/<claim>} (the unit's own claim names, whatever {@code volumeClaim} named), then the
   * scratch directory.
   */
  public static ImmutableList<V1VolumeMount> mounts(BackupUnit unit, BackupToolSpec tool) {
    checkNotNull(unit, "unit");
    checkNotNull(tool, "tool");
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

  /**
   * The mounts of a container added to the running {@code pod}, which can mount only the pod's own
   * volumes: each claim of the unit, in its order, read-only at {@code /data/<claim>} from the
   * pod's first volume the claim backs, by the name the pod's spec gives it. No scratch directory:
   * a container cannot add a volume to a running pod.
   *
   * @throws IllegalArgumentException if {@code pod} has no volume for a claim of the unit
   */
  public static ImmutableList<V1VolumeMount> mountsIn(Pod pod, BackupUnit unit) {
    checkNotNull(pod, "pod");
    checkNotNull(unit, "unit");
    ImmutableList.Builder<V1VolumeMount> mounts = ImmutableList.builder();
    for (String claim : unit.claimNames()) {
      String volume = pod.claimVolumes().stream()
          .filter(candidate -> candidate.claimName().equals(claim))
          .map(PodVolume::name)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "pod " + pod.namespace() + "/" + pod.name() + " has no volume for claim " + claim));
      mounts.add(new V1VolumeMount()
          .name(volume)
          .mountPath(BackupToolSpec.mountPath(claim))
          .readOnly(true));
    }
    return mounts.build();
  }
}
