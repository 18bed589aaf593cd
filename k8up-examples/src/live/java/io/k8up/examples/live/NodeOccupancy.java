package io.k8up.examples.live;

import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many backups the fake kubelet ran at once on each node, replayed from its log: a backup
 * counts from its start event to its end event, or to the end of the log if it has none (a pod
 * deleted while running), so a missing end never hides an overlap.
 */
final class NodeOccupancy {

  private NodeOccupancy() {}

  /** The most backups that ran at the same instant, per node that ran any. */
  static ImmutableMap<String, Integer> mostAtOnce(List<KubeletEvent> events) {
    Map<String, Integer> now = new HashMap<>();
    Map<String, Integer> most = new TreeMap<>();
    Set<String> running = new HashSet<>();
    for (KubeletEvent event : events) {
      if (event.startsBackup() && running.add(event.runner())) {
        int count = now.merge(event.node(), 1, Integer::sum);
        most.merge(event.node(), count, Math::max);
      } else if (event.endsBackup() && running.remove(event.runner())) {
        now.merge(event.node(), -1, Integer::sum);
      }
    }
    return ImmutableMap.copyOf(most);
  }
}
