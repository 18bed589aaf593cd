package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.StaleCause;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepFailure;
import io.k8up.core.spi.StepObservation;
import io.k8up.core.spi.StepState;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Job;
import java.util.List;
import java.util.Optional;

/**
 * The step that ends with a Job, shared by every strategy that backs up with one: it creates its
 * objects, the Job among them, and is done when the Job completes. The one reading of a Job and its
 * pods: a Job that failed after its pod vanished with its node is a stale placement, not a failed
 * backup; one that is gone, or was never the run's, fails the unit with a reason.
 */
public final class JobSteps {

  private JobSteps() {}

  /**
   * The step that creates {@code objects}, in order, {@code job} among them, and is done when the
   * Job is Complete. It observes the run's Jobs and the unit's pods.
   *
   * @throws IllegalArgumentException if {@code job} is not among {@code objects}
   */
  public static Step backup(List<? extends KubernetesObject> objects, V1Job job, RunId runId) {
    checkArgument(objects.contains(job), "the Job is not among the step's objects");
    String name = job.getMetadata().getName();
    String namespace = job.getMetadata().getNamespace();
    return Step.builder()
        .name("backup")
        .objects(ImmutableList.copyOf(objects))
        .observed(ImmutableSet.of(ResourceType.JOB, ResourceType.POD))
        .readiness(observation -> state(observation, namespace, name, runId))
        .build();
  }

  /** The step that creates {@code job} alone. */
  public static Step backup(V1Job job, RunId runId) {
    return backup(List.of(job), job, runId);
  }

  private static StepState state(StepObservation observation, String namespace, String name, RunId runId) {
    Optional<JsonObject> job = observation.object(ResourceType.JOB, name);
    if (job.isEmpty()) {
      return observation.existedBeforeCreate()
          ? StepState.failed(StepFailure.NAME_CONFLICT, "a Job named " + name + " exists in namespace " + namespace
              + " but was not created by run " + runId + "; delete it, or run with another run id")
          : StepState.failed(StepFailure.VANISHED, "the backup Job " + name
              + " was deleted by someone else before it finished; run the backup again");
    }
    JobState state = JobState.of(job.get());
    if (!state.finished()) {
      return StepState.inProgress();
    }
    if (state.succeeded()) {
      return StepState.done();
    }
    if (observation.placedNode().isPresent() && observation.pods().isEmpty()) {
      // The pod the run saw placed is gone without a trace: deleted with its node, or drained.
      return StepState.stale(StaleCause.POD_GONE, "the backup pod on node " + observation.placedNode().get()
          + " was deleted before it finished (its node was deleted or drained)");
    }
    PodSignals signals = PodSignals.of(observation.pods());
    return StepState.failed(StepFailure.BACKUP_FAILED, "the backup Job failed (" + state.message() + ")"
        + signals.exitSummary().map(exit -> ", its container ended with " + exit).orElse("")
        + "; read the pod's log with kubectl logs -n " + namespace + " job/" + name
        + ", keeping failed units for debugging");
  }
}
