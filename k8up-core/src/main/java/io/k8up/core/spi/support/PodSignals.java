package io.k8up.core.spi.support;

import com.google.common.collect.ImmutableSet;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import java.util.List;
import java.util.Optional;

/**
 * What the pods of one unit say about it: where it was placed, whether the scheduler cannot place
 * it, whether its container cannot start, and how its container ended.
 *
 * @param node the node a pod was scheduled to
 * @param unschedulable the scheduler's message, while a pod cannot be scheduled
 * @param notStarted why the backup container cannot start, when that will not fix itself
 * @param pendingPod a pod scheduled to a node but not running yet, whose events may say why
 * @param exitSummary how a terminated container ended, e.g. {@code exit code 1 (Error)}
 */
public record PodSignals(
    Optional<String> node,
    Optional<String> unschedulable,
    Optional<String> notStarted,
    Optional<String> pendingPod,
    Optional<String> exitSummary) {

  private static final int MAX_MESSAGE = 300;

  /** What the scheduler says while a pod's claim is not bound yet. */
  private static final String WAITING_FOR_BINDING = "unbound immediate PersistentVolumeClaims";

  /** Waiting reasons of a container that retrying the same pod does not cure. */
  public static final ImmutableSet<String> CANNOT_START = ImmutableSet.of(
      "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CreateContainerConfigError");

  /** What {@code pods}, the pods of one unit, say. */
  public static PodSignals of(List<V1Pod> pods) {
    Optional<String> node = Optional.empty();
    Optional<String> unschedulable = Optional.empty();
    Optional<String> notStarted = Optional.empty();
    Optional<String> pendingPod = Optional.empty();
    Optional<String> exitSummary = Optional.empty();
    for (V1Pod pod : pods) {
      if (pod.getMetadata() == null || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      Optional<String> podNode = Optional.ofNullable(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
          .filter(name -> !name.isBlank());
      node = node.or(() -> podNode);
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (podNode.isPresent() && "Pending".equals(phase)) {
        pendingPod = pendingPod.or(() -> Optional.ofNullable(pod.getMetadata().getName()));
      }
      unschedulable = unschedulable.or(() -> unschedulable(pod));
      for (V1ContainerStatus container : containers(pod)) {
        V1ContainerState state = container.getState();
        if (state == null) {
          continue;
        }
        if (state.getWaiting() != null && CANNOT_START.contains(state.getWaiting().getReason())) {
          String reason = state.getWaiting().getReason();
          String message = state.getWaiting().getMessage();
          notStarted = notStarted.or(() -> Optional.of("container " + container.getName() + ": " + reason
              + (message == null || message.isBlank() ? "" : ": " + message)));
        }
        if (state.getTerminated() != null && state.getTerminated().getExitCode() != null) {
          exitSummary = exitSummary.or(() -> Optional.of(exitSummary(state.getTerminated())));
        }
      }
    }
    return new PodSignals(node, unschedulable, notStarted, pendingPod, exitSummary);
  }

  // The termination message holds the tool's last output lines when the strategy asks for them.
  /** How a terminated container ended, e.g. {@code exit code 1 (Error): <last output>}. */
  public static String exitSummary(V1ContainerStateTerminated terminated) {
    String reason = terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")";
    String message = terminated.getMessage() == null ? "" : terminated.getMessage().strip().replaceAll("\\s+", " ");
    if (message.length() > MAX_MESSAGE) {
      message = "…" + message.substring(message.length() - MAX_MESSAGE);
    }
    return "exit code " + terminated.getExitCode() + reason + (message.isEmpty() ? "" : ": " + message);
  }

  private static Optional<String> unschedulable(V1Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    for (V1PodCondition condition : pod.getStatus().getConditions()) {
      String message = Optional.ofNullable(condition.getMessage()).orElse("the scheduler found no node");
      // A claim still being provisioned (a volume restored from a snapshot takes a while) is no
      // stale placement: the unit timeout alone bounds the wait.
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
          && "Unschedulable".equals(condition.getReason()) && !message.contains(WAITING_FOR_BINDING)) {
        return Optional.of(message);
      }
    }
    return Optional.empty();
  }

  private static List<V1ContainerStatus> containers(V1Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of() : pod.getStatus().getContainerStatuses();
  }
}
