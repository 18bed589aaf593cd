package io.k8up.strategy.ephemeral.internal;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.Optional;

/** The pod whose ephemeral container backs a claim up. */
final class HoldingPods {

  private HoldingPods() {}

  /**
   * The name of the pod to enter for {@code target}: the first the plan names as mounting it, on
   * a {@link Placement.Type#POD_NODE} placement; empty for any other placement.
   */
  static Optional<String> name(ClaimTarget target) {
    if (target.placement().type() != Placement.Type.POD_NODE || target.mountingPods().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(target.mountingPods().get(0));
  }

  /** The pod named {@code podName} among those of {@code snapshot} that mount {@code target}. */
  static Optional<Pod> find(ClaimTarget target, String podName, ClusterSnapshot snapshot) {
    return snapshot.podsMounting(target.namespace(), target.name()).stream()
        .filter(pod -> pod.name().equals(podName))
        .findFirst();
  }
}
