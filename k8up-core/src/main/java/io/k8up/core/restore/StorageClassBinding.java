package io.k8up.core.restore;

import org.immutables.value.Value;

/**
 * When a StorageClass binds its claims ({@code volumeBindingMode}): what the restore planner needs
 * to know of a class, to tell whether the restore pod can bind a Pending target claim itself.
 */
@Value.Immutable(builder = false)
public abstract class StorageClassBinding {

  /** The StorageClass's name. */
  @Value.Parameter
  public abstract String name();

  /**
   * Whether the class waits for the first pod that uses a claim ({@code WaitForFirstConsumer})
   * before it binds it; {@code false} for {@code Immediate}.
   */
  @Value.Parameter
  public abstract boolean waitsForFirstConsumer();

  public static StorageClassBinding of(String name, boolean waitsForFirstConsumer) {
    return ImmutableStorageClassBinding.of(name, waitsForFirstConsumer);
  }
}
