package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
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

  /** The CSI driver that provides the volume ({@code spec.csi.driver}); empty for other volume types. */
  public abstract Optional<String> csiDriver();

  public static ImmutablePersistentVolume.Builder builder() {
    return ImmutablePersistentVolume.builder();
  }
}
