package io.k8up.strategy.csisnapshot;

import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.RunContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.strategy.csisnapshot.internal.SnapshotClassChoice;
import io.k8up.strategy.csisnapshot.internal.SnapshotMaterializer;

/**
 * Backs a claim up from a VolumeSnapshot of it: the Job mounts a temporary claim restored from the
 * snapshot, wherever the scheduler puts it. Reaches every CSI volume whose driver has a
 * VolumeSnapshotClass, whatever its access mode and whether or not a node is known. Stateless,
 * thread-safe and pure.
 */
final class CsiSnapshotStrategy implements VolumeAccessStrategy {

  @Override
  public String id() {
    return CsiSnapshotStrategyProvider.ID;
  }

  /**
   * Supported unless the cluster is known not to serve {@code snapshot.storage.k8s.io/v1}
   * VolumeSnapshots, the claim's PersistentVolume is missing from the snapshot or not a CSI volume,
   * or no VolumeSnapshotClass is chosen for its driver (see {@code docs/strategies/csi-snapshot.md}).
   */
  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    checkNotNull(target, "target");
    checkNotNull(snapshot, "snapshot");
    return SnapshotClassChoice.of(target, snapshot).support();
  }

  /**
   * Always {@code false}: the storage takes the snapshot, and the restored volume goes wherever the
   * scheduler puts the Job.
   */
  @Override
  public boolean requiresNode() {
    return false;
  }

  /** Always {@link UnitScope#CLAIM}, whatever the grouping: one snapshot per claim. */
  @Override
  public UnitScope unitScope(Grouping grouping) {
    checkNotNull(grouping, "grouping");
    return UnitScope.CLAIM;
  }

  /** VolumeSnapshots, the temporary claims restored from them, and Jobs, in creation order. */
  @Override
  public ImmutableList<ResourceType> createdKinds() {
    return ImmutableList.of(ResourceType.VOLUME_SNAPSHOT, ResourceType.PERSISTENT_VOLUME_CLAIM, ResourceType.JOB);
  }

  /**
   * Two steps: the VolumeSnapshot; then the temporary claim and the Job that back the unit's claim
   * up, the claim sized to the snapshot's restore size; see {@code
   * docs/strategies/csi-snapshot.md}.
   *
   * @throws IllegalArgumentException if the unit holds more than one claim, the claim is not
   *     supported in the context's snapshot or missing from it, or a resource amount of the tool is
   *     not a Kubernetes quantity
   */
  @Override
  public Workflow workflow(BackupUnit unit, RunContext context) {
    checkNotNull(unit, "unit");
    checkNotNull(context, "context");
    return SnapshotMaterializer.workflow(unit, context);
  }
}
