package io.k8up.core.kube;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * How often and how patiently a transient failure ({@link KubeFailure#isTransient()}) is tried
 * again: {@code attempts} tries in all, waiting {@code initialBackoff} after the first and twice
 * as long after each next one, at most {@code maxBackoff}.
 *
 * @param attempts tries in all, the first included
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {

  /** The longest wait between two tries of one call. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /**
   * A policy.
   *
   * @throws IllegalArgumentException if there is no attempt or a backoff is negative
   */
  public RetryPolicy {
    checkArgument(attempts >= 1, "at least one attempt");
    checkArgument(!initialBackoff.isNegative() && !maxBackoff.isNegative(), "backoffs cannot be negative");
  }

  /** Five tries, from 200 ms: what a run uses unless its options say otherwise. */
  public static RetryPolicy defaults() {
    return of(5, Duration.ofMillis(200));
  }

  /** {@code attempts} tries from {@code initialBackoff}, doubling up to {@link #MAX_BACKOFF}. */
  public static RetryPolicy of(int attempts, Duration initialBackoff) {
    return new RetryPolicy(attempts, initialBackoff, MAX_BACKOFF);
  }

  /** The wait after failed try {@code attempt} (from 1). */
  Duration backoffAfter(int attempt) {
    Duration backoff = initialBackoff;
    for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }
}
