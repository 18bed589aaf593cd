package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The spec of a target claim that a restore creates ({@code --to} a claim that does not exist),
 * copied from the claim that was backed up: its storage class, size and access modes.
 */
@Value.Immutable(builder = false)
public abstract class NewClaim {

  /**
   * The StorageClass: empty leaves it to the cluster's default class, as the original did; {@code
   * ""} asks for no class, as the original did (a volume of no class, never the default class's).
   */
  @Value.Parameter
  public abstract Optional<String> storageClassName();

  /** The storage to request, in bytes. */
  @Value.Parameter
  public abstract long requestedBytes();

  /** The access modes to ask for, as the original claim asked. */
  @Value.Parameter
  public abstract ImmutableSet<AccessMode> accessModes();

  @Value.Check
  void check() {
    checkState(requestedBytes() > 0, "a claim requests some storage");
    checkState(!accessModes().isEmpty(), "a claim asks for at least one access mode");
  }

  public static NewClaim of(Optional<String> storageClassName, long requestedBytes, Iterable<AccessMode> accessModes) {
    return ImmutableNewClaim.of(storageClassName, requestedBytes, ImmutableSet.copyOf(accessModes));
  }
}
