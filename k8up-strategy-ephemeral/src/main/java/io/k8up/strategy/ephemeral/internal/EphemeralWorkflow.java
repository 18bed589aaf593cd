package io.k8up.strategy.ephemeral.internal;

import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.StaleCause;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepFailure;
import io.k8up.core.spi.StepObservation;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.SubresourcePatch;
import io.k8up.core.spi.Workflow;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;
import java.util.Optional;

/**
 * The ephemeral-container lifecycle as one step: a strategic-merge patch of the holding pod's
 * {@code ephemeralcontainers} subresource, as {@code kubectl debug} sends, done when the container
 * terminates. The pod is the application's and carries none of the run's labels: the step watches
 * it by name. Nothing is created, so nothing is deleted: an ephemeral container cannot be removed.
 */
public final class EphemeralWorkflow {

  private EphemeralWorkflow() {}

  /** The workflow that adds {@code container} to pod {@code namespace/pod} and follows it to its end. */
  public static Workflow of(String namespace, String pod, V1EphemeralContainer container) {
    ObjectRef holder = new ObjectRef(ResourceType.POD, namespace, pod);
    String name = container.getName();
    V1Pod body = new V1Pod()
        .apiVersion("v1")
        .kind("Pod")
        .metadata(new V1ObjectMeta().namespace(namespace).name(pod))
        .spec(new V1PodSpec().ephemeralContainers(List.of(container)));
    return Workflow.of(Step.builder()
        .name("ephemeral container")
        .addPatches(new SubresourcePatch(ResourceType.POD, "ephemeralcontainers", body))
        .addWatched(holder)
        .readiness(observation -> state(observation, holder, name))
        .appliedWhen(observation -> observation.watched(holder)
            .map(found -> EphemeralContainerState.isAdded(observation.read(found, V1Pod.class), name)).orElse(false))
        .notServedHint("the cluster does not serve pods/ephemeralcontainers (Kubernetes 1.25 or later does)")
        .interruptedNote("ephemeral container " + name + " in pod " + pod
            + " cannot be stopped and finishes on its own")
        .build());
  }

  private static StepState state(StepObservation observation, ObjectRef holder, String name) {
    Optional<V1Pod> pod = observation.watched(holder).map(found -> observation.read(found, V1Pod.class));
    if (pod.isEmpty()) {
      return StepState.stale(StaleCause.POD_GONE, "pod " + holder.name() + " was deleted or replaced during the backup");
    }
    EphemeralContainerState state = EphemeralContainerState.of(pod.get(), name);
    if (state.exitCode().isPresent()) {
      return state.exitCode().get() == 0 ? StepState.done() : StepState.failed(StepFailure.BACKUP_FAILED,
          "the backup container " + name + " in pod " + holder.name() + " ended with " + state.summary()
              + "; read its log with kubectl logs -n " + holder.namespace() + " " + holder.name() + " -c " + name);
    }
    if (state.notStarted().isPresent()) {
      return StepState.failed(StepFailure.TOOL_NOT_STARTED, "the backup container cannot start ("
          + state.notStarted().get() + "); check the tool's image and that the Secrets it references exist");
    }
    return StepState.inProgress();
  }
}
