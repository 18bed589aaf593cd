package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.immutables.value.Value;

/** The files of a bound claim, and where a backup pod can reach them. */
@Value.Immutable
public abstract class ClaimTarget implements BackupTarget {

  @Override
  @Value.Parameter
  public abstract String namespace();

  /** The claim's name. */
  @Override
  @Value.Parameter
  public abstract String name();

  /** The PersistentVolume the claim is bound to. */
  @Value.Parameter
  public abstract String volumeName();

  /** The access modes in force for the claim. */
  @Value.Parameter
  public abstract ImmutableSet<AccessMode> accessModes();

  @Value.Parameter
  public abstract Placement placement();

  /**
   * The active pods that mount the claim on the placement's node, by name; empty unless the
   * placement is {@link Placement.Type#POD_NODE}.
   */
  @Value.Parameter
  public abstract ImmutableList<String> mountingPods();

  /** The target with these attributes, in declaration order. */
  public static ClaimTarget of(
      String namespace,
      String name,
      String volumeName,
      ImmutableSet<AccessMode> accessModes,
      Placement placement,
      ImmutableList<String> mountingPods) {
    return ImmutableClaimTarget.of(namespace, name, volumeName, accessModes, placement, mountingPods);
  }

  public static ImmutableClaimTarget.Builder builder() {
    return ImmutableClaimTarget.builder();
  }
}
