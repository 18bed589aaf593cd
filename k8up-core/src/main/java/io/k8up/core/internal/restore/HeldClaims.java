package io.k8up.core.internal.restore;

import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.plan.Resolution;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreReason;
import io.k8up.core.restore.RestoreRequest;
import java.util.List;
import java.util.Optional;

/**
 * Decides the restore of a ReadWriteOncePod claim that a pod holds (with the in-use option, since
 * it is in use): only that pod can reach the volume, through an ephemeral container.
 */
final class HeldClaims {

  /** Served from Kubernetes 1.25 on, as backups through ephemeral containers need too. */
  static final String EPHEMERAL_CONTAINERS = "pods/ephemeralcontainers";

  private HeldClaims() {}

  static RestoreDecision decide(
      RestoreRequest request, RestoreClaimContext context, Placement placement, Resolution resolution) {
    String claim = RestoreDecider.name(request);
    List<Pod> holders = context.mountingPods();
    Optional<Pod> running = placement.samePodOnly()
        ? holders.stream().filter(pod -> pod.phase() == PodPhase.RUNNING).findFirst()
        : Optional.empty();
    if (running.isEmpty()) {
      return RestoreDecision.fail(request, RestoreReason.HOLDER_NOT_RUNNING, "Pod "
          + RestoreDecider.describe(holders) + " holds the ReadWriteOncePod claim " + claim + ", so only a"
          + " container added to it can reach the volume, and containers can be added to a Running pod only."
          + " Restore once the pod runs, or stop it and restore, or restore into a new claim with --to NAME.");
    }
    ClusterCapabilities capabilities = context.snapshot().capabilities();
    if (capabilities.isAtLeast(1, 25).equals(Optional.of(false))
        || capabilities.serves(EPHEMERAL_CONTAINERS).equals(Optional.of(false))) {
      return RestoreDecision.fail(request, RestoreReason.NO_EPHEMERAL_CONTAINERS, "Pod " + running.get().name()
          + " holds the ReadWriteOncePod claim " + claim + ", so only an ephemeral container in it can reach the"
          + " volume, and this cluster" + capabilities.version().map(v -> " (Kubernetes " + v + ")").orElse("")
          + " does not serve " + EPHEMERAL_CONTAINERS + " (Kubernetes 1.25 and later do). Stop the pod and"
          + " restore, or restore into a new claim with --to NAME.");
    }
    return RestoreDecision.restore(request,
        RestoreDecider.target(request, placement, RestoreMethod.EPHEMERAL_CONTAINER, List.of(running.get())),
        RestoreReason.HELD_BY_POD, "Pod " + running.get().name() + " on node " + placement.node().orElseThrow()
            + " holds the ReadWriteOncePod claim " + claim + ": no second pod can mount it, so the restore runs"
            + " in an ephemeral container added to that pod, with the pod's volume mounted read-write.");
  }
}
