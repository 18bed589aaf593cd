package io.k8up.strategy.csisnapshot.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.Workflow;

/**
 * Turns a unit of one claim into the workflow of its VolumeSnapshot, the temporary claim restored
 * from it and the Job that backs the temporary claim up. Pure: equal units and contexts give equal objects.
 * Internal; only the strategy calls it.
 */
public final class SnapshotMaterializer {

  private SnapshotMaterializer() {}

  /**
   * The three objects, all named {@link RunObjects#name} (they are of different kinds) and labelled
   * with the run and the unit, so that the executor and {@code sweep} find them.
   *
   * @throws IllegalArgumentException if the unit holds more than one claim, the claim is not
   *     supported in the context's snapshot or missing from it, or a resource amount of the tool is
   *     not a Kubernetes quantity
   */
  public static Workflow workflow(BackupUnit unit, RunContext context) {
    checkArgument(unit.targets().size() == 1,
        "the csi-snapshot strategy backs up one claim per unit, not %s", unit.claimNames());
    ClaimTarget target = unit.targets().get(0);
    String snapshotClass = SnapshotClassChoice.of(target, context.snapshot()).requireClassName();
    Claim claim = context.snapshot().claim(target.namespace(), target.name())
        .orElseThrow(() -> new IllegalArgumentException("claim " + target.namespace() + "/" + target.name()
            + " is not in the snapshot, so the size and StorageClass of its temporary claim are unknown"));
    String name = RunObjects.name(context.runId(), unit);
    return SnapshotWorkflow.of(
        VolumeSnapshotManifest.of(name, snapshotClass, unit, context),
        TemporaryClaim.of(name, claim, unit, context),
        SnapshotJob.of(unit, context, name), context.runId());
  }
}
