package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/**
 * Where one running backup pod is, or may be, for the per-node limit.
 *
 * <p>A pinned pod counts against the node it is pinned to from the start; a pod the scheduler
 * places counts, until it is bound, against every node it was not kept off, and then against the
 * node it is bound to. A pod pinned by a {@code kubernetes.io/hostname} value that no Node the run
 * read carries (the Nodes were not read) may be on any node, as far as the run knows: until it is
 * bound it counts against its hostname and against every node; once bound, against both names
 * (they differ where a node's name is not its hostname label, as on EKS).
 *
 * @param pinned the node the pod is pinned to, by name or, when {@code byHostname}, by hostname;
 *     empty when the scheduler places it
 * @param byHostname whether {@code pinned} is a hostname the run could not resolve to a node name
 * @param bound the node the pod is bound to, once the run has seen the binding
 * @param excluded the nodes a scheduled pod was kept off, by a required node affinity
 */
record NodeSlot(Optional<String> pinned, boolean byHostname, Optional<String> bound, ImmutableSet<String> excluded) {

  /** A pod pinned to {@code node}, by name, not seen bound yet. */
  static NodeSlot pinned(String node) {
    return new NodeSlot(Optional.of(node), false, Optional.empty(), ImmutableSet.of());
  }

  /** A pod pinned to the node whose hostname label is {@code hostname}, which the run does not know. */
  static NodeSlot byHostname(String hostname) {
    return new NodeSlot(Optional.of(hostname), true, Optional.empty(), ImmutableSet.of());
  }

  /** A pod the scheduler places, kept off {@code excluded}, not seen bound yet. */
  static NodeSlot scheduled(ImmutableSet<String> excluded) {
    return new NodeSlot(Optional.empty(), false, Optional.empty(), excluded);
  }

  /** This pod, seen bound to {@code node}. */
  NodeSlot boundTo(String node) {
    return new NodeSlot(pinned, byHostname, Optional.of(node), excluded);
  }

  /** Whether the pod may still land on a node the run cannot name. */
  boolean isUnplaced() {
    return bound.isEmpty() && (pinned.isEmpty() || byHostname);
  }

  /** Whether the pod counts against {@code node}. */
  boolean countsAgainst(String node) {
    return isUnplaced() ? !excluded.contains(node) : pinned.filter(node::equals).or(() -> bound.filter(node::equals))
        .isPresent();
  }
}
