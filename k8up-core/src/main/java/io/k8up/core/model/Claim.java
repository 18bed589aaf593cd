package io.k8up.core.model;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import org.immutables.value.Value;

/** What the planner reads of a PersistentVolumeClaim. */
@Value.Immutable
public abstract class Claim {

  public abstract String namespace();

  public abstract String name();

  /**
   * The claim's UID ({@code metadata.uid}), if the snapshot holds it; events about the claim name
   * it, so that they do not attach to a later claim of the same name.
   */
  public abstract Optional<String> uid();

  public abstract ImmutableMap<String, String> annotations();

  public abstract ClaimPhase phase();

  /** The PersistentVolume the claim is bound to ({@code spec.volumeName}), if any. */
  public abstract Optional<String> volumeName();

  /**
   * The storage the claim requests ({@code spec.resources.requests.storage}) in bytes, if set;
   * larger claims are backed up first.
   */
  public abstract Optional<Long> requestedBytes();

  /** The claim's StorageClass ({@code spec.storageClassName}), if it names one. */
  public abstract Optional<String> storageClassName();

  /**
   * Whether {@code spec.storageClassName} is {@code ""}: the claim asks for no class, so the
   * cluster's default class does not apply (it binds a volume of no class), unlike a claim that
   * leaves the field out.
   */
  @Value.Default
  public boolean asksForNoStorageClass() {
    return false;
  }

  /** The access modes the claim asked for ({@code spec.accessModes}). */
  public abstract ImmutableSet<AccessMode> specAccessModes();

  /** The access modes the bound volume grants ({@code status.accessModes}); empty when unbound. */
  public abstract ImmutableSet<AccessMode> statusAccessModes();

  /** The access modes in force: those of the status when it reports any, else those of the spec. */
  public ImmutableSet<AccessMode> accessModes() {
    return statusAccessModes().isEmpty() ? specAccessModes() : statusAccessModes();
  }

  public static ImmutableClaim.Builder builder() {
    return ImmutableClaim.builder();
  }
}
