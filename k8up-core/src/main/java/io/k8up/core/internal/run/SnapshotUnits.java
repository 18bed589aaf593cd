package io.k8up.core.internal.run;

import com.google.gson.JsonObject;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.SnapshotMaterialization;
import io.kubernetes.client.common.KubernetesObject;
import java.util.Optional;

/**
 * Units that back up a VolumeSnapshot: the snapshot first; once it is ready, a temporary claim
 * restored from it and the Job that reads the claim, which {@link JobUnits} follows from then on.
 */
final class SnapshotUnits {

  private final ClusterOperations cluster;
  private final UnitReports reports;

  SnapshotUnits(ClusterOperations cluster, UnitReports reports) {
    this.cluster = cluster;
    this.reports = reports;
  }

  // The temporary claim and the Job follow once the snapshot is ready (see observe).
  void start(QueuedUnit queued, SnapshotMaterialization materialization, NodeSlot slot) throws InterruptedException {
    UnitInFlight unit = new UnitInFlight(queued, materialization, System.nanoTime(), slot, false);
    reports.watch(unit);
    try {
      cluster.create(materialization.volumeSnapshot());
    } catch (ApiCallException e) {
      if (!e.isConflict()) {
        reports.finish(unit, OutcomeStatus.FAILED, UnitReports.apiFailure(e), "the backup could not start: "
            + e.getMessage() + (e.isNotFound()
                ? "; the cluster does not serve snapshot.storage.k8s.io/v1: install the snapshot"
                    + " CRDs and controller" : ""));
        return;
      }
    }
    reports.started(unit, false);
  }

  /** Looks at the unit's VolumeSnapshot; once it is ready, creates the temporary claim and the Job. */
  void observe(UnitInFlight unit, SnapshotMaterialization materialization) throws InterruptedException {
    String name = materialization.volumeSnapshot().getMetadata().getName();
    Optional<JsonObject> snapshot;
    try {
      snapshot = cluster.get(ResourceKind.of(materialization.volumeSnapshot()), unit.namespace(), name);
    } catch (ApiCallException e) {
      reports.lookFailed(unit, e, "its VolumeSnapshot");
      return;
    }
    if (snapshot.isEmpty()) {
      reports.finish(unit, OutcomeStatus.FAILED, OutcomeReason.VANISHED, "VolumeSnapshot " + name
          + " was deleted by someone else before it was ready; run the backup again");
      return;
    }
    SnapshotState state = SnapshotState.of(snapshot.get());
    if (state.error().isPresent()) {
      reports.finish(unit, OutcomeStatus.FAILED, OutcomeReason.SNAPSHOT_FAILED, "VolumeSnapshot " + name
          + " failed (" + state.error().get() + "); check the CSI driver and the VolumeSnapshotClass");
      return;
    }
    if (!state.readyToUse()) {
      reports.failIfOverdue(unit, " VolumeSnapshot " + name + " never became ready to use.");
      return;
    }
    startJob(unit, materialization, state);
  }

  private void startJob(UnitInFlight unit, SnapshotMaterialization materialization, SnapshotState state)
      throws InterruptedException {
    try {
      createOrAdopt(TemporaryClaims.sized(materialization.temporaryClaim(), state.restoreBytes()), unit);
      createOrAdopt(materialization.job(), unit);
    } catch (ApiCallException e) {
      reports.finish(unit, OutcomeStatus.FAILED, UnitReports.apiFailure(e),
          "the backup of the snapshot could not start: " + e.getMessage());
      return;
    }
    unit.jobCreated = true;
  }

  // The Job's pod is kept off the nodes that were full when the unit started, as it counted there since.
  private void createOrAdopt(KubernetesObject object, UnitInFlight unit) throws ApiCallException, InterruptedException {
    try {
      cluster.create(object, unit.excludedNodes());
    } catch (ApiCallException e) {
      if (!e.isConflict()) {
        throw e;
      }
    }
  }
}
