package io.k8up.strategy.ephemeral.internal;

import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Pod;
import io.k8up.core.spi.support.PodSignals;
import java.util.List;
import java.util.Optional;

/**
 * Where one ephemeral container of a pod stands, read from the pod's status.
 *
 * @param exitCode the exit code, once it terminated
 * @param summary how it ended, e.g. {@code exit code 1 (Error): <last output>}
 * @param notStarted why it cannot start, when that will not fix itself
 */
record EphemeralContainerState(Optional<Integer> exitCode, String summary, Optional<String> notStarted) {

  private static final EphemeralContainerState PENDING =
      new EphemeralContainerState(Optional.empty(), "", Optional.empty());

  static EphemeralContainerState of(V1Pod pod, String name) {
    List<V1ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getEphemeralContainerStatuses() == null
        ? List.of() : pod.getStatus().getEphemeralContainerStatuses();
    for (V1ContainerStatus status : statuses) {
      if (!name.equals(status.getName()) || status.getState() == null) {
        continue;
      }
      V1ContainerState state = status.getState();
      if (state.getTerminated() != null && state.getTerminated().getExitCode() != null) {
        return new EphemeralContainerState(Optional.of(state.getTerminated().getExitCode()),
            PodSignals.exitSummary(state.getTerminated()), Optional.empty());
      }
      if (state.getWaiting() != null && PodSignals.CANNOT_START.contains(state.getWaiting().getReason())) {
        String message = state.getWaiting().getMessage();
        return new EphemeralContainerState(Optional.empty(), "", Optional.of(state.getWaiting().getReason()
            + (message == null || message.isBlank() ? "" : ": " + message)));
      }
    }
    return PENDING;
  }

  /** Whether the pod's spec holds an ephemeral container named {@code name}. */
  static boolean isAdded(V1Pod pod, String name) {
    List<V1EphemeralContainer> containers = pod.getSpec() == null || pod.getSpec().getEphemeralContainers() == null
        ? List.of() : pod.getSpec().getEphemeralContainers();
    return containers.stream().anyMatch(container -> name.equals(container.getName()));
  }
}
