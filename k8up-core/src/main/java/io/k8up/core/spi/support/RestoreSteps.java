package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.StaleCause;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepFailure;
import io.k8up.core.spi.StepObservation;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.SubresourcePatch;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The steps that restore a claim, as {@link RestoreJobs} builds its objects: a Job's, done when the
 * Job completes, and an ephemeral container's, done when the container ends. Both are done with
 * what the restore container reported in its termination message ({@link RestoreResult}: the
 * snapshot restored, and restic's count of files and bytes), read from the pod's status; neither
 * reads a Secret or a log. A container that exits with {@link ResticRestoreCommand#NO_BACKUP_EXIT}
 * or {@link ResticRestoreCommand#NO_MATCHING_BACKUP_EXIT} fails {@link StepFailure#NO_BACKUP}, any
 * other failure {@link StepFailure#RESTORE_FAILED}.
 */
public final class RestoreSteps {

  private RestoreSteps() {}

  /** The step that creates the restore Job {@code job} and follows it to its end; it observes Jobs and pods. */
  public static Step job(V1Job job, RunId runId) {
    checkNotNull(runId, "runId");
    String name = job.getMetadata().getName();
    String namespace = job.getMetadata().getNamespace();
    return Step.builder()
        .name("restore")
        .addObjects(job)
        .observed(ImmutableSet.of(ResourceType.JOB, ResourceType.POD))
        .readiness(observation -> jobState(observation, namespace, name, runId))
        .build();
  }

  /**
   * The step that adds the restore's ephemeral container {@code container} to pod {@code
   * namespace/pod}, by a patch of its {@code ephemeralcontainers} subresource, and follows it to its
   * end; it watches the pod by name. An ephemeral container cannot be removed: it stays in the pod's
   * spec, terminated.
   */
  public static Step ephemeralContainer(String namespace, String pod, V1EphemeralContainer container) {
    ObjectRef holder = new ObjectRef(ResourceType.POD, namespace, pod);
    String name = container.getName();
    V1Pod body = new V1Pod()
        .apiVersion("v1")
        .kind("Pod")
        .metadata(new V1ObjectMeta().namespace(namespace).name(pod))
        .spec(new V1PodSpec().ephemeralContainers(List.of(container)));
    return Step.builder()
        .name("restore")
        .addPatches(new SubresourcePatch(ResourceType.POD, "ephemeralcontainers", body))
        .addWatched(holder)
        .readiness(observation -> ephemeralState(observation, holder, name))
        .appliedWhen(observation -> observation.watched(holder)
            .map(found -> statusOf(observation.read(found, V1Pod.class), name).isPresent()
                || specHas(observation.read(found, V1Pod.class), name))
            .orElse(false))
        .notServedHint("the cluster does not serve pods/ephemeralcontainers (Kubernetes 1.25 or later does)")
        .interruptedNote("the restore container " + name + " in pod " + pod
            + " cannot be stopped and finishes on its own; check the claim's files once it has")
        .build();
  }

  private static StepState jobState(StepObservation observation, String namespace, String name, RunId runId) {
    Optional<JsonObject> job = observation.object(ResourceType.JOB, name);
    if (job.isEmpty()) {
      return observation.existedBeforeCreate()
          ? StepState.failed(StepFailure.NAME_CONFLICT, "a Job named " + name + " exists in namespace " + namespace
              + " but was not created by run " + runId + "; delete it, or run with another run id")
          : StepState.failed(StepFailure.VANISHED, "the restore Job " + name
              + " was deleted by someone else before it finished; check the claim's files and restore again");
    }
    JobState state = JobState.of(job.get());
    if (!state.finished()) {
      return StepState.inProgress();
    }
    Optional<V1ContainerStatus> container = observation.pods().stream()
        .flatMap(pod -> containers(pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses()))
        .filter(status -> RestoreJobs.CONTAINER.equals(status.getName()))
        .filter(status -> status.getState() != null && status.getState().getTerminated() != null)
        .findFirst();
    if (state.succeeded()) {
      return StepState.done(container.map(RestoreSteps::message).map(RestoreResult::details)
          .orElse(RestoreResult.none()));
    }
    if (observation.placedNode().isPresent() && observation.pods().isEmpty()) {
      return StepState.stale(StaleCause.POD_GONE, "the restore pod on node " + observation.placedNode().get()
          + " was deleted before it finished (its node was deleted or drained)");
    }
    String where = "kubectl logs -n " + namespace + " job/" + name + ", keeping failed units for debugging";
    return container.map(status -> failed(status, "the restore Job failed", where))
        .orElseGet(() -> StepState.failed(StepFailure.RESTORE_FAILED, "the restore Job failed (" + state.message()
            + "); read the pod's log with " + where));
  }

  private static StepState ephemeralState(StepObservation observation, ObjectRef holder, String name) {
    Optional<V1Pod> pod = observation.watched(holder).map(found -> observation.read(found, V1Pod.class));
    if (pod.isEmpty()) {
      return StepState.stale(StaleCause.POD_GONE, "pod " + holder.name() + " was deleted or replaced during the"
          + " restore");
    }
    Optional<V1ContainerStatus> status = statusOf(pod.get(), name);
    if (status.isEmpty() || status.get().getState() == null) {
      return StepState.inProgress();
    }
    V1ContainerStateTerminated terminated = status.get().getState().getTerminated();
    if (terminated != null && terminated.getExitCode() != null) {
      return terminated.getExitCode() == 0
          ? StepState.done(RestoreResult.details(message(status.get())))
          : failed(status.get(), "the restore container " + name + " in pod " + holder.name() + " failed",
              "kubectl logs -n " + holder.namespace() + " " + holder.name() + " -c " + name);
    }
    if (status.get().getState().getWaiting() != null
        && PodSignals.CANNOT_START.contains(status.get().getState().getWaiting().getReason())) {
      return StepState.failed(StepFailure.TOOL_NOT_STARTED, "the restore container cannot start ("
          + status.get().getState().getWaiting().getReason()
          + "); check the tool's image and that the Secrets it references exist");
    }
    return StepState.inProgress();
  }

  // The script's own exit codes say that no backup matched; anything else is restic's or the pod's failure.
  private static StepState failed(V1ContainerStatus status, String what, String logs) {
    Integer code = status.getState().getTerminated().getExitCode();
    String summary = PodSignals.exitSummary(status.getState().getTerminated());
    if (code != null && (code == ResticRestoreCommand.NO_BACKUP_EXIT
        || code == ResticRestoreCommand.NO_MATCHING_BACKUP_EXIT)) {
      return StepState.failed(StepFailure.NO_BACKUP, what + ": no backup of the claim matches (" + summary
          + "); list the claim's backups with restic snapshots --host <namespace> --path /data/<claim>, and restore"
          + " one that exists; nothing was changed");
    }
    return StepState.failed(StepFailure.RESTORE_FAILED, what + " (" + summary + "); read its log with " + logs
        + ". What restic restored before it failed stays in the claim: nothing, if it could not open the repository");
  }

  private static String message(V1ContainerStatus status) {
    return Optional.ofNullable(status.getState().getTerminated().getMessage()).orElse("");
  }

  private static Optional<V1ContainerStatus> statusOf(V1Pod pod, String name) {
    return containers(pod.getStatus() == null ? null : pod.getStatus().getEphemeralContainerStatuses())
        .filter(status -> name.equals(status.getName()))
        .findFirst();
  }

  private static boolean specHas(V1Pod pod, String name) {
    return pod.getSpec() != null && pod.getSpec().getEphemeralContainers() != null
        && pod.getSpec().getEphemeralContainers().stream().anyMatch(container -> name.equals(container.getName()));
  }

  private static Stream<V1ContainerStatus> containers(List<V1ContainerStatus> statuses) {
    return statuses == null ? Stream.empty() : ImmutableList.copyOf(statuses).stream();
  }
}
