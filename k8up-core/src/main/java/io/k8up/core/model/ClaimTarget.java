package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.immutables.value.Value;

/** The files of a bound claim, and where a backup pod can reach them. */
@Value.Immutable
public abstract class ClaimTarget implements BackupTarget {

  @Override
  public abstract String namespace();

  /** The claim's name. */
  @Override
  public abstract String name();

  /** The PersistentVolume the claim is bound to. */
  public abstract String volumeName();

  /** The access modes in force for the claim. */
  public abstract ImmutableSet<AccessMode> accessModes();

  public abstract Placement placement();

  /**
   * The active pods that mount the claim on the placement's node, by name; empty unless the
   * placement is {@link Placement.Type#POD_NODE}.
   */
  public abstract ImmutableList<String> mountingPods();

  public static ImmutableClaimTarget.Builder builder() {
    return ImmutableClaimTarget.builder();
  }
}
