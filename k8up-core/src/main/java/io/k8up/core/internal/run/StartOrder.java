package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.math.LongMath;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which waiting unit to start first: node-aware longest processing time. A unit pinned to a node
 * is as urgent as the work still waiting on that node, divided by the per-node limit — the node's
 * chain of backups that nothing else can shorten; a unit the scheduler places, as its own size.
 * Ties go to the larger unit, then the queue's order. Pure: the queue, where each unit is pinned
 * and the limit decide it.
 */
final class StartOrder {

  private StartOrder() {}

  /** {@code queued} in the order to try them; {@code pinnedNode} says where a unit is pinned, if it is. */
  static ImmutableList<QueuedUnit> of(List<QueuedUnit> queued, Function<QueuedUnit, Optional<String>> pinnedNode,
      int perNode) {
    Map<String, Long> waitingOn = waitingWork(queued, pinnedNode);
    Map<QueuedUnit, Long> urgency = new HashMap<>();
    for (QueuedUnit unit : queued) {
      urgency.put(unit, pinnedNode.apply(unit).map(node -> waitingOn.get(node) / perNode).orElse(unit.size()));
    }
    return ImmutableList.sortedCopyOf(Comparator.<QueuedUnit>comparingLong(urgency::get).reversed()
        .thenComparing(Comparator.comparingLong(QueuedUnit::size).reversed()), queued);
  }

  /**
   * The nodes to keep a unit the scheduler places off, besides the full ones ({@code excluded}),
   * among the cluster's {@code nodes}: those with pinned units waiting, so that it does not hold
   * up a node's chain; if every free node has some, all but the one with the least waiting work.
   */
  static ImmutableSet<String> reserved(List<QueuedUnit> queued, Function<QueuedUnit, Optional<String>> pinnedNode,
      Set<String> excluded, Set<String> nodes) {
    Map<String, Long> waiting = waitingWork(queued, pinnedNode);
    List<String> free = nodes.stream().filter(node -> !excluded.contains(node)).sorted().toList();
    if (free.stream().anyMatch(node -> !waiting.containsKey(node))) {
      return ImmutableSet.copyOf(waiting.keySet());
    }
    Optional<String> leastBusy = free.stream().min(Comparator.comparingLong(waiting::get));
    return free.stream().filter(node -> !leastBusy.orElseThrow().equals(node)).collect(ImmutableSet.toImmutableSet());
  }

  private static Map<String, Long> waitingWork(List<QueuedUnit> queued,
      Function<QueuedUnit, Optional<String>> pinnedNode) {
    Map<String, Long> waiting = new HashMap<>();
    for (QueuedUnit unit : queued) {
      pinnedNode.apply(unit).ifPresent(node -> waiting.merge(node, unit.size(), LongMath::saturatedAdd));
    }
    return waiting;
  }
}
