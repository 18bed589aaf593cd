package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/**
 * Where one running backup pod is, or may be, for the per-node limit.
 *
 * <p>A pinned pod counts against the node it is pinned to from the start; a pod the scheduler
 * places counts, until it is bound, against every node it was not kept off, and then against the
 * node it is bound to. A pinned pod bound to another name than its pin (a hostname placement on a
 * cluster whose Nodes were not read, where the node's name differs from its hostname label)
 * counts against both.
 *
 * @param pinned the node the pod is pinned to, by name; empty when the scheduler places it
 * @param bound the node the pod is bound to, once the run has seen the binding
 * @param excluded the nodes a scheduled pod was kept off, by a required node affinity
 */
record NodeSlot(Optional<String> pinned, Optional<String> bound, ImmutableSet<String> excluded) {

  /** A pod pinned to {@code node}, not seen bound yet. */
  static NodeSlot pinned(String node) {
    return new NodeSlot(Optional.of(node), Optional.empty(), ImmutableSet.of());
  }

  /** A pod the scheduler places, kept off {@code excluded}, not seen bound yet. */
  static NodeSlot scheduled(ImmutableSet<String> excluded) {
    return new NodeSlot(Optional.empty(), Optional.empty(), excluded);
  }

  /** This pod, seen bound to {@code node}. */
  NodeSlot boundTo(String node) {
    return new NodeSlot(pinned, Optional.of(node), excluded);
  }

  /** Whether the scheduler may still put the pod on any node it was not kept off. */
  boolean isUnplaced() {
    return pinned.isEmpty() && bound.isEmpty();
  }

  /** Whether the pod counts against {@code node}. */
  boolean countsAgainst(String node) {
    return isUnplaced() ? !excluded.contains(node) : pinned.filter(node::equals).or(() -> bound.filter(node::equals))
        .isPresent();
  }
}
