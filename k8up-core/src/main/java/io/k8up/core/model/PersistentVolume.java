package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import org.immutables.value.Value;

/** What the planner reads of a PersistentVolume. */
@Value.Immutable
public abstract class PersistentVolume {

  public abstract String name();

  /**
   * The terms of {@code spec.nodeAffinity.required.nodeSelectorTerms}, verbatim; empty when the
   * volume can be reached from any node.
   */
  public abstract ImmutableList<NodeSelectorTerm> requiredNodeAffinity();

  public static ImmutablePersistentVolume.Builder builder() {
    return ImmutablePersistentVolume.builder();
  }
}
