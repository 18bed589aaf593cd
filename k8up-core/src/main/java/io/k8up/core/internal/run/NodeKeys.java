package io.k8up.core.internal.run;

import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import java.util.Optional;

/**
 * The node a placement pins, for per-node limits, before the scheduler has spoken. Node names and
 * {@code kubernetes.io/hostname} values are taken to be the same, as they are on most clusters.
 */
final class NodeKeys {

  private NodeKeys() {}

  static Optional<String> of(Placement placement) {
    return switch (placement.type()) {
      case POD_NODE -> placement.node();
      case HOSTNAME -> placement.hostname();
      case PV_NODE_AFFINITY -> singleHostname(placement);
      case ANY -> Optional.empty();
    };
  }

  // A PV of a local volume names one node: one term, one "kubernetes.io/hostname In [node]".
  private static Optional<String> singleHostname(Placement placement) {
    if (placement.nodeSelectorTerms().size() != 1) {
      return Optional.empty();
    }
    NodeSelectorTerm term = placement.nodeSelectorTerms().get(0);
    if (term.matchExpressions().size() != 1 || !term.matchFields().isEmpty()) {
      return Optional.empty();
    }
    NodeSelectorRequirement requirement = term.matchExpressions().get(0);
    return requirement.key().equals("kubernetes.io/hostname") && requirement.operator().equals("In")
        && requirement.values().size() == 1 ? Optional.of(requirement.values().get(0)) : Optional.empty();
  }
}
