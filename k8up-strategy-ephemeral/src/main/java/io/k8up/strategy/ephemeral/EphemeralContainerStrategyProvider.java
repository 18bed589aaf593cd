package io.k8up.strategy.ephemeral;

import static com.google.common.base.Preconditions.checkArgument;

import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.VolumeAccessStrategyProvider;

/**
 * Provides the {@code ephemeral-container} strategy: an ephemeral container added to the pod that
 * holds the claims. Listed in {@code META-INF/services}, so {@link
 * io.k8up.core.spi.InstalledStrategies#load()} finds it, with the default limit, when this module
 * is on the class path; {@link #strategy(int)} makes one with another limit.
 */
public final class EphemeralContainerStrategyProvider implements VolumeAccessStrategyProvider {

  /** The strategy's id, as named in strategy orders, plans and the {@code k8up.io/volume-access} annotation. */
  public static final String ID = "ephemeral-container";

  /** The default of {@link #strategy(int)}'s limit: a pod may hold 5 of the library's ephemeral containers. */
  public static final int DEFAULT_MAX_CONTAINERS_PER_POD = 5;

  /** For {@link java.util.ServiceLoader}. */
  public EphemeralContainerStrategyProvider() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * A new strategy with the default limit, {@value #DEFAULT_MAX_CONTAINERS_PER_POD}; it holds no
   * mutable state, so one can be shared by any number of threads.
   */
  @Override
  public VolumeAccessStrategy create() {
    return strategy(DEFAULT_MAX_CONTAINERS_PER_POD);
  }

  /**
   * The strategy, refusing a pod that already holds {@code maxContainersPerPod} or more of the
   * library's ephemeral containers. Ephemeral containers can never be removed: each run adds one
   * to the pod, which keeps it until the pod is replaced, so the limit bounds how far a pod spec
   * grows between rollouts. Thread-safe, like {@link #create()}'s.
   *
   * @param maxContainersPerPod how many of the library's ephemeral containers a pod may hold, this
   *     run's included; a pod with {@code maxContainersPerPod - 1} earlier ones is still accepted
   * @throws IllegalArgumentException if {@code maxContainersPerPod} is less than 1
   */
  public static VolumeAccessStrategy strategy(int maxContainersPerPod) {
    checkArgument(maxContainersPerPod >= 1,
        "a pod must be allowed at least one ephemeral container, not %s", maxContainersPerPod);
    return new EphemeralContainerStrategy(maxContainersPerPod);
  }
}
