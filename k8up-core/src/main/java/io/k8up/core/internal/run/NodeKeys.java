package io.k8up.core.internal.run;

import io.k8up.core.model.Node;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.Optional;

/**
 * The node a placement pins, for per-node limits, before the scheduler has spoken. A {@code
 * kubernetes.io/hostname} value is turned into the name of the node that carries it when the
 * snapshot holds that Node; otherwise the run cannot tell which node it names, and the unit counts
 * against every node until it is placed, then against both names (see {@link NodeSlot}). Empty
 * when the scheduler chooses among several nodes.
 */
final class NodeKeys {

  private NodeKeys() {}

  /**
   * Where a pod of {@code placement} counts before it is placed: pinned to a node by name, or by a
   * hostname no Node of {@code snapshot} carries; empty when the scheduler chooses.
   */
  static Optional<NodeSlot> slot(Placement placement, ClusterSnapshot snapshot) {
    if (placement.node().isPresent()) {
      return placement.node().map(NodeSlot::pinned);
    }
    Optional<String> hostname = switch (placement.type()) {
      case POD_NODE, ANY -> Optional.empty();
      case HOSTNAME -> placement.hostname();
      case PV_NODE_AFFINITY -> singleHostname(placement);
    };
    return hostname.map(value -> snapshot.nodeWithHostname(value).map(Node::name).map(NodeSlot::pinned)
        .orElseGet(() -> NodeSlot.byHostname(value)));
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
