package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a strategy reads of a Node: how placements name it and its taints. Snapshots hold Nodes
 * only when the reader was allowed and asked to read them.
 */
@Value.Immutable
public abstract class Node {

  /** The node's name ({@code metadata.name}), which a pod's {@code spec.nodeName} gives. */
  public abstract String name();

  /**
   * The value of the node's {@code kubernetes.io/hostname} label, which hostname placements
   * match; usually, but not always, the node's name.
   */
  public abstract Optional<String> hostname();

  /** The node's taints ({@code spec.taints}), in spec order. */
  public abstract ImmutableList<Taint> taints();

  public static ImmutableNode.Builder builder() {
    return ImmutableNode.builder();
  }
}
