package io.k8up.strategy.csisnapshot.internal;

import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepFailure;
import io.k8up.core.spi.StepObservation;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.JobSteps;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.List;
import java.util.Optional;

/**
 * The csi-snapshot lifecycle as two steps: the VolumeSnapshot, done once it is ready to use; then
 * the temporary claim restored from it — its storage request raised to the snapshot's {@code
 * restoreSize} where that is larger — and the Job that backs it up, done when the Job completes.
 * The engine deletes the Job, the claim and the snapshot, in that order, whatever happened.
 */
public final class SnapshotWorkflow {

  /** What to do when the server does not serve VolumeSnapshots. */
  static final String NOT_SERVED =
      "the cluster does not serve snapshot.storage.k8s.io/v1: install the snapshot CRDs and controller";

  private SnapshotWorkflow() {}

  /**
   * The workflow of {@code snapshot}, {@code temporaryClaim} restored from it and {@code job} that
   * mounts the claim, all of run {@code runId}.
   */
  public static Workflow of(DynamicKubernetesObject snapshot, V1PersistentVolumeClaim temporaryClaim, V1Job job,
      RunId runId) {
    String name = snapshot.getMetadata().getName();
    String namespace = snapshot.getMetadata().getNamespace();
    Step snapshotStep = Step.builder()
        .name("snapshot")
        .addObjects(snapshot)
        .observed(ImmutableSet.of(ResourceType.VOLUME_SNAPSHOT))
        .readiness(observation -> state(observation, namespace, name))
        .adjustNext((next, finished) -> backup(TemporaryClaims.sized(temporaryClaim, restoreBytes(finished, name)),
            job, runId))
        .notServedHint(NOT_SERVED)
        .build();
    return Workflow.of(snapshotStep, backup(temporaryClaim, job, runId));
  }

  private static Step backup(V1PersistentVolumeClaim claim, V1Job job, RunId runId) {
    return JobSteps.backup(List.of(claim, job), job, runId);
  }

  private static long restoreBytes(StepObservation finished, String name) {
    return finished.object(ResourceType.VOLUME_SNAPSHOT, name).map(SnapshotState::of)
        .map(SnapshotState::restoreBytes).orElse(0L);
  }

  private static StepState state(StepObservation observation, String namespace, String name) {
    Optional<JsonObject> snapshot = observation.object(ResourceType.VOLUME_SNAPSHOT, name);
    if (snapshot.isEmpty()) {
      return observation.existedBeforeCreate()
          ? StepState.failed(StepFailure.NAME_CONFLICT, "a VolumeSnapshot named " + name + " exists in namespace "
              + namespace + " but was not created by this run; delete it, or run with another run id")
          : StepState.failed(StepFailure.VANISHED, "VolumeSnapshot " + name
              + " was deleted by someone else before it was ready; run the backup again");
    }
    SnapshotState state = SnapshotState.of(snapshot.get());
    if (state.error().isPresent()) {
      return StepState.failed(StepFailure.SNAPSHOT_FAILED, "VolumeSnapshot " + name + " failed ("
          + state.error().get() + "); check the CSI driver and the VolumeSnapshotClass");
    }
    return state.readyToUse() ? StepState.done()
        : StepState.inProgress("VolumeSnapshot " + name + " never became ready to use.");
  }
}
