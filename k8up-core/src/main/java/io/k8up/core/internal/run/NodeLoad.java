package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-node limit over the pods that run, decided from their {@link NodeSlot}s: whether a
 * pod pinned to a node may start, and which nodes a pod the scheduler places must be kept off.
 * Pure, so that a property can show the limit holds at every instant, whatever the scheduler does.
 *
 * <p>Nodes no slot names are unknown to the run: the scheduler may put every unplaced pod on one
 * of them (and a pod pinned by a hostname the run cannot resolve may be on any), so a scheduled
 * pod may start only while fewer than the limit are unplaced.
 */
final class NodeLoad {

  private final ImmutableList<NodeSlot> slots;
  private final int limit;

  private NodeLoad(Collection<NodeSlot> slots, int limit) {
    this.slots = ImmutableList.copyOf(slots);
    this.limit = limit;
  }

  /** The load of {@code slots} under a limit of {@code limit} pods per node. */
  static NodeLoad of(Collection<NodeSlot> slots, int limit) {
    return new NodeLoad(slots, limit);
  }

  /** Whether one more pod pinned to {@code node} keeps it within the limit. */
  boolean fitsPinned(String node) {
    return count(node) < limit;
  }

  /**
   * Whether one more pod of {@code slot}, pinned, keeps every node within the limit: its node's;
   * for a hostname the run cannot resolve, its hostname's and the node's that a running pod of that
   * hostname was seen bound to, or else every node's, since it may be any of them.
   */
  boolean fits(NodeSlot slot) {
    String key = slot.pinned().orElseThrow(() -> new IllegalArgumentException("not a pinned slot"));
    if (!fitsPinned(key)) {
      return false;
    }
    if (!slot.byHostname()) {
      return true;
    }
    Optional<String> seenOn = slots.stream()
        .filter(other -> other.byHostname() && other.pinned().equals(slot.pinned()) && other.bound().isPresent())
        .flatMap(other -> other.bound().stream())
        .findFirst();
    return seenOn.map(this::fitsPinned)
        .orElseGet(() -> exclusionsForScheduled().filter(Set::isEmpty).isPresent());
  }

  /**
   * The nodes to keep a new scheduled pod off, or empty when it may not start now: an unknown
   * node could take it on top of the unplaced ones.
   */
  Optional<ImmutableSet<String>> exclusionsForScheduled() {
    long unplaced = slots.stream().filter(NodeSlot::isUnplaced).count();
    if (unplaced >= limit) {
      return Optional.empty();
    }
    return Optional.of(knownNodes().stream().filter(node -> !fitsPinned(node)).collect(ImmutableSet.toImmutableSet()));
  }

  /** The nodes the slots name: pinned to, bound to, or kept off. */
  ImmutableSet<String> knownNodes() {
    TreeSet<String> known = new TreeSet<>();
    for (NodeSlot slot : slots) {
      slot.pinned().ifPresent(known::add);
      slot.bound().ifPresent(known::add);
      known.addAll(slot.excluded());
    }
    return ImmutableSet.copyOf(known);
  }

  private long count(String node) {
    return slots.stream().filter(slot -> slot.countsAgainst(node)).count();
  }
}
