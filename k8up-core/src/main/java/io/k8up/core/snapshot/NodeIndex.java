package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Nodes of a {@link ClusterSnapshot}, sorted by name and indexed by name and by hostname label.
 *
 * @param sorted every node, sorted by name
 * @param byName each node by its name
 * @param byHostname for each {@code kubernetes.io/hostname} label value, the first node by name
 *     that carries it
 */
record NodeIndex(
    ImmutableList<Node> sorted,
    ImmutableMap<String, Node> byName,
    ImmutableMap<String, Node> byHostname) {

  /** No nodes: what every snapshot holds unless nodes are given, shared so that it costs nothing. */
  static final NodeIndex NONE = new NodeIndex(ImmutableList.of(), ImmutableMap.of(), ImmutableMap.of());

  private static final Comparator<Node> NODE_ORDER = Comparator.comparing(Node::name);

  /**
   * The index of {@code nodes}; {@link #NONE} if there are none.
   *
   * @throws IllegalArgumentException if two nodes share a name
   */
  static NodeIndex of(Collection<Node> nodes) {
    if (nodes.isEmpty()) {
      return NONE;
    }
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(NODE_ORDER);
    Map<String, Node> byName = new HashMap<>();
    Map<String, Node> byHostname = new HashMap<>();
    for (Node node : sorted) {
      checkArgument(byName.put(node.name(), node) == null, "two Nodes are named %s", node.name());
      node.hostname().ifPresent(hostname -> byHostname.putIfAbsent(hostname, node));
    }
    return new NodeIndex(
        ImmutableList.copyOf(sorted), ImmutableMap.copyOf(byName), ImmutableMap.copyOf(byHostname));
  }
}
