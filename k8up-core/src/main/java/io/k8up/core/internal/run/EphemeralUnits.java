package io.k8up.core.internal.run;

import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.EphemeralContainerMaterialization;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Optional;

/**
 * Units that add an ephemeral container to the pod that holds the volume. Nothing is created that
 * could be deleted; the unit follows the application's pod, which carries none of the run's labels.
 */
final class EphemeralUnits {

  private final ClusterOperations cluster;
  private final UnitReports reports;

  EphemeralUnits(ClusterOperations cluster, UnitReports reports) {
    this.cluster = cluster;
    this.reports = reports;
  }

  /** Adds the container to the pod, or adopts it when a run before added it already. */
  void start(QueuedUnit queued, EphemeralContainerMaterialization materialization, NodeSlot slot)
      throws InterruptedException {
    UnitInFlight unit = new UnitInFlight(queued, materialization, System.nanoTime(), slot, false);
    reports.watch(unit);
    try {
      Optional<V1Pod> pod = cluster.pod(materialization.namespace(), materialization.pod());
      if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null) {
        reports.stale(unit, "pod " + materialization.pod() + ", which holds the volume, is gone", StaleCause.POD_GONE);
        return;
      }
      unit.podUid = Optional.ofNullable(pod.get().getMetadata().getUid());
      boolean existed = EphemeralContainerState.isAdded(pod.get(), materialization.containerName());
      if (!existed) {
        cluster.addEphemeralContainer(materialization.namespace(), materialization.pod(), materialization.container());
      }
      reports.started(unit, existed);
    } catch (ApiCallException e) {
      reports.finish(unit, OutcomeStatus.FAILED, e.isNotFound() ? OutcomeReason.API_ERROR : UnitReports.apiFailure(e),
          "the backup could not start: " + e.getMessage() + (e.isNotFound()
              ? "; the cluster does not serve pods/ephemeralcontainers (Kubernetes 1.25 or later does)" : ""));
    }
  }

  // One request per unit: the pod is the application's and carries none of the run's labels.
  void observe(UnitInFlight unit, EphemeralContainerMaterialization container) throws InterruptedException {
    Optional<V1Pod> pod;
    try {
      pod = cluster.pod(container.namespace(), container.pod());
    } catch (ApiCallException e) {
      reports.lookFailed(unit, e, "it");
      return;
    }
    if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null
        || !unit.podUid.equals(Optional.ofNullable(pod.get().getMetadata().getUid()))) {
      reports.stale(unit, "pod " + container.pod() + " was deleted or replaced during the backup", StaleCause.POD_GONE);
      return;
    }
    if (!unit.placedReported && unit.node.isPresent()) {
      reports.placed(unit);
    }
    evaluate(unit, container, EphemeralContainerState.of(pod.get(), container.containerName()));
  }

  private void evaluate(UnitInFlight unit, EphemeralContainerMaterialization container, EphemeralContainerState state) {
    if (state.exitCode().isPresent()) {
      if (state.exitCode().get() == 0) {
        reports.finish(unit, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP, "backed up");
      } else {
        reports.finish(unit, OutcomeStatus.FAILED, OutcomeReason.BACKUP_FAILED, "the backup container "
            + container.containerName() + " in pod " + container.pod() + " ended with " + state.summary()
            + "; read its log with kubectl logs -n " + container.namespace() + " " + container.pod() + " -c "
            + container.containerName());
      }
    } else if (state.notStarted().isPresent()) {
      reports.finish(unit, OutcomeStatus.FAILED, OutcomeReason.TOOL_NOT_STARTED, "the backup container cannot start ("
          + state.notStarted().get() + "); check the tool's image and that the Secrets it references exist");
    } else {
      reports.failIfOverdue(unit, "");
    }
  }
}
