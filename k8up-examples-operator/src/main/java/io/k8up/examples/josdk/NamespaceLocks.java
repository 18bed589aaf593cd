package io.k8up.examples.josdk;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps two schedules from backing up one namespace at once. It holds within one operator process
 * only: run several replicas with leader election (the Java Operator SDK's {@code
 * LeaderElectionConfiguration}) so that one of them reconciles. Thread-safe.
 */
public final class NamespaceLocks {

  private final ConcurrentMap<String, String> holders = new ConcurrentHashMap<>();

  /**
   * Takes the locks of all {@code namespaces} for {@code holder}, or none if another holder has one
   * of them: a schedule that selects namespaces by label never backs one up beside another schedule.
   *
   * @return the locks to close when the backup ends, or empty if a namespace is busy
   */
  public Optional<Held> tryLock(Collection<String> namespaces, String holder) {
    List<String> taken = new ArrayList<>();
    for (String namespace : ImmutableSortedSet.copyOf(namespaces)) {
      if (holders.putIfAbsent(namespace, holder) != null) {
        taken.forEach(held -> holders.remove(held, holder));
        return Optional.empty();
      }
      taken.add(namespace);
    }
    return Optional.of(new Held(ImmutableList.copyOf(taken), holder));
  }

  /** Who holds the lock of {@code namespace}, if anyone. */
  public Optional<String> holder(String namespace) {
    return Optional.ofNullable(holders.get(namespace));
  }

  /** Held namespace locks; closing them releases them. */
  public final class Held implements AutoCloseable {
    private final ImmutableList<String> namespaces;
    private final String holder;

    private Held(ImmutableList<String> namespaces, String holder) {
      this.namespaces = namespaces;
      this.holder = holder;
    }

    /** Releases the locks; idempotent. */
    @Override
    public void close() {
      namespaces.forEach(namespace -> holders.remove(namespace, holder));
    }
  }
}
