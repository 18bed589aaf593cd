package io.k8up.examples.josdk;

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
   * Takes the lock of {@code namespace} for {@code holder}, unless another holder has it.
   *
   * @return the lock to close when the backup ends, or empty if {@code namespace} is busy
   */
  public Optional<Held> tryLock(String namespace, String holder) {
    String current = holders.putIfAbsent(namespace, holder);
    return current == null ? Optional.of(new Held(namespace, holder)) : Optional.empty();
  }

  /** Who holds the lock of {@code namespace}, if anyone. */
  public Optional<String> holder(String namespace) {
    return Optional.ofNullable(holders.get(namespace));
  }

  /** A held namespace lock; closing it releases it. */
  public final class Held implements AutoCloseable {
    private final String namespace;
    private final String holder;

    private Held(String namespace, String holder) {
      this.namespace = namespace;
      this.holder = holder;
    }

    /** Releases the lock; idempotent. */
    @Override
    public void close() {
      holders.remove(namespace, holder);
    }
  }
}
