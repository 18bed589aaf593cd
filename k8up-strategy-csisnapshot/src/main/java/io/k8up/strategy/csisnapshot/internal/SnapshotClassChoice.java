package io.k8up.strategy.csisnapshot.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Support;
import java.util.Optional;

/**
 * The VolumeSnapshotClass a claim is snapshotted with, or the sentence saying why it cannot be
 * snapshotted. Internal; only the strategy calls it.
 */
public final class SnapshotClassChoice {

  /** The resource the cluster must serve, as {@link io.k8up.core.model.ClusterCapabilities} names it. */
  private static final String VOLUME_SNAPSHOTS = "snapshot.storage.k8s.io/v1/volumesnapshots";

  private final Optional<String> className;
  private final Optional<String> refusal;

  private SnapshotClassChoice(Optional<String> className, Optional<String> refusal) {
    this.className = className;
    this.refusal = refusal;
  }

  static SnapshotClassChoice chosen(String className) {
    return new SnapshotClassChoice(Optional.of(className), Optional.empty());
  }

  static SnapshotClassChoice refused(String reason) {
    return new SnapshotClassChoice(Optional.empty(), Optional.of(reason));
  }

  /**
   * The choice for {@code target} on the cluster {@code snapshot} describes, checked in this order:
   * the cluster serves VolumeSnapshots (assumed when unknown), the claim's PersistentVolume is in
   * the snapshot and is a CSI volume, and {@link SnapshotClassSelector} finds a class for its driver.
   */
  public static SnapshotClassChoice of(ClaimTarget target, ClusterSnapshot snapshot) {
    if (!snapshot.capabilities().serves(VOLUME_SNAPSHOTS).orElse(true)) {
      return refused("the cluster does not serve snapshot.storage.k8s.io/v1 VolumeSnapshots: install the"
          + " snapshot CRDs and the snapshot controller (kubernetes-csi/external-snapshotter), or use a"
          + " strategy that mounts the volume");
    }
    String claim = target.namespace() + "/" + target.name();
    Optional<PersistentVolume> volume = snapshot.volume(target.volumeName());
    if (volume.isEmpty()) {
      return refused("PersistentVolume " + target.volumeName() + " of claim " + claim + " is not in the"
          + " snapshot, so its CSI driver is unknown: check that the volume exists and that the reader may"
          + " list PersistentVolumes");
    }
    Optional<String> driver = volume.get().csiDriver();
    if (driver.isEmpty()) {
      return refused("PersistentVolume " + target.volumeName() + " of claim " + claim + " is not a CSI volume"
          + " (it has no spec.csi), and only CSI volumes can be snapshotted: back it up with a strategy that"
          + " mounts it, such as job-per-pvc");
    }
    return SnapshotClassSelector.select(driver.get(), snapshot.snapshotClasses());
  }

  /** Supported when a class was chosen, else unsupported with the reason. */
  public Support support() {
    return refusal.map(Support::unsupported).orElse(Support.supported());
  }

  /**
   * The name of the chosen class.
   *
   * @throws IllegalArgumentException with the reason, if none was chosen
   */
  public String requireClassName() {
    checkArgument(className.isPresent(), "%s", refusal.orElse(""));
    return className.get();
  }
}
