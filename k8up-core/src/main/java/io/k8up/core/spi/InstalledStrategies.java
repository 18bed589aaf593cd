package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The volume-access strategies whose providers are on the class path, by id.
 *
 * <p>Which of them a planner uses, and in which order, is the caller's choice ({@link #inOrder});
 * nothing is chosen by the accident of class-path order.
 */
public final class InstalledStrategies {

  /**
   * The ids of the library's own strategies, most preferred first: a Job reaches every claim a
   * second pod can mount; only a held ReadWriteOncePod volume, which no second pod can mount,
   * falls through to an ephemeral container inside the pod that holds it.
   */
  public static final ImmutableList<String> BUILT_IN_ORDER = ImmutableList.of("job-per-pvc", "ephemeral-container");

  private final ImmutableSortedMap<String, VolumeAccessStrategy> byId;

  private InstalledStrategies(Map<String, VolumeAccessStrategy> byId) {
    this.byId = ImmutableSortedMap.copyOf(byId);
  }

  /**
   * The strategies of every {@link VolumeAccessStrategyProvider} that {@link ServiceLoader} finds
   * through {@code classLoader}.
   *
   * @throws IllegalStateException if two providers declare the same id, or a provider's strategy
   *     does not carry the provider's id
   */
  public static InstalledStrategies load(ClassLoader classLoader) {
    return of(ServiceLoader.load(VolumeAccessStrategyProvider.class, classLoader));
  }

  /** The strategies found through the class loader that loaded this library. */
  public static InstalledStrategies load() {
    return load(InstalledStrategies.class.getClassLoader());
  }

  /**
   * The strategies of these providers.
   *
   * @throws IllegalStateException if two providers declare the same id, or a provider's strategy
   *     does not carry the provider's id
   */
  public static InstalledStrategies of(Iterable<? extends VolumeAccessStrategyProvider> providers) {
    Map<String, VolumeAccessStrategy> byId = new TreeMap<>();
    for (VolumeAccessStrategyProvider provider : providers) {
      VolumeAccessStrategy strategy = checkNotNull(provider.create(), "%s created null", provider.id());
      if (!strategy.id().equals(provider.id())) {
        throw new IllegalStateException(
            "provider " + provider.id() + " created a strategy with id " + strategy.id());
      }
      if (byId.put(provider.id(), strategy) != null) {
        throw new IllegalStateException("two installed strategy providers have the id " + provider.id());
      }
    }
    return new InstalledStrategies(byId);
  }

  /**
   * The library's own strategies that are installed, in the library's order of preference; other
   * plug-ins are used only where a caller names them in an order.
   */
  public ImmutableList<VolumeAccessStrategy> defaultOrder() {
    return BUILT_IN_ORDER.stream().filter(byId::containsKey).map(byId::get)
        .collect(ImmutableList.toImmutableList());
  }

  /** The ids of the installed strategies, sorted. */
  public ImmutableList<String> ids() {
    return byId.keySet().asList();
  }

  /** Every installed strategy, sorted by id. */
  public ImmutableList<VolumeAccessStrategy> all() {
    return byId.values().asList();
  }

  /**
   * The strategies with these ids, in this order of preference.
   *
   * @throws IllegalArgumentException if an id is not installed, or appears twice
   */
  public ImmutableList<VolumeAccessStrategy> inOrder(List<String> ids) {
    Set<String> seen = new LinkedHashSet<>();
    ImmutableList.Builder<VolumeAccessStrategy> ordered = ImmutableList.builder();
    for (String id : ids) {
      checkArgument(seen.add(id), "strategy %s is named twice in the order", id);
      VolumeAccessStrategy strategy = byId.get(id);
      checkArgument(
          strategy != null, "no strategy with id %s is installed; installed: %s", id, ids());
      ordered.add(strategy);
    }
    return ordered.build();
  }
}
