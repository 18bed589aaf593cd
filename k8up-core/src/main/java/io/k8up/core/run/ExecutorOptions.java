package io.k8up.core.run;

import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.RetryPolicy;
import io.k8up.core.spi.Grouping;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a run goes: limits, grouping, timeouts, retries, cleanup and events. Every setting has a
 * default.
 */
@Value.Immutable
public abstract class ExecutorOptions {

  private static final ExecutorOptions DEFAULTS = builder().build();

  /** How many units run at once, in all; default 4. */
  @Value.Default
  public int maxConcurrent() {
    return 4;
  }

  /**
   * How many units run at once on one node; default 1, so one node never gets all backup pods at
   * once. A unit counts for its node once the node is known: from its placement, or from where
   * its pod was scheduled.
   */
  @Value.Default
  public int maxPerNode() {
    return 1;
  }

  /** How many units run at once in one namespace; empty (the default) for no limit. */
  public abstract Optional<Integer> maxPerNamespace();

  @Value.Default
  public Grouping grouping() {
    return Grouping.PER_CLAIM;
  }

  /** How long one unit may run, from its start to its end; default one hour. */
  @Value.Default
  public Duration unitTimeout() {
    return Duration.ofHours(1);
  }

  /**
   * How long a backup pod may stay unschedulable before its placement is taken for stale and the
   * claim re-planned; default two minutes.
   */
  @Value.Default
  public Duration unschedulableTimeout() {
    return Duration.ofMinutes(2);
  }

  /** How many times a claim is placed, the first included, before a stale placement fails it; default 3. */
  @Value.Default
  public int maxPlacementAttempts() {
    return 3;
  }

  /** How often the executor looks at what it created; default two seconds. */
  @Value.Default
  public Duration pollInterval() {
    return Duration.ofSeconds(2);
  }

  /**
   * How many objects each list request of a run asks for (its {@code limit}; the rest follows with
   * {@code continue}): the polls, one list per observed kind per namespace, the look for objects
   * of an earlier attempt of the run, and the reads for re-planning when the executor reads the
   * cluster itself; default 500. A list of {@code n} objects takes
   * {@code max(1, ceil(n / pageSize))} requests.
   */
  @Value.Default
  public int pageSize() {
    return ListQuery.DEFAULT_PAGE_SIZE;
  }

  /** How many times one API request is tried when throttled, failing or unanswered; default 5. */
  @Value.Default
  public int apiAttempts() {
    return 5;
  }

  /** The first wait before an API request is retried; it doubles up to five seconds. Default 200 ms. */
  @Value.Default
  public Duration apiBackoff() {
    return Duration.ofMillis(200);
  }

  /** How one API request is retried: {@link #apiAttempts} tries, backing off from {@link #apiBackoff}. */
  public RetryPolicy retryPolicy() {
    return RetryPolicy.of(apiAttempts(), apiBackoff());
  }

  /** Keep the objects of failed units for debugging, instead of deleting them; default false. */
  @Value.Default
  public boolean keepFailedUnits() {
    return false;
  }

  /**
   * Record one Kubernetes Event per claim and pod of the plan when the run ends, on the claim or
   * pod itself, so that {@code kubectl describe pvc} tells why a volume was or was not backed up;
   * default false. Needs {@code create} on {@code events} in each namespace of the plan ({@code
   * docs/rbac/events.yaml}). Events that cannot be recorded are listed in {@link
   * BackupReport#eventFailures()} and change no outcome. An interrupted run records none.
   */
  @Value.Default
  public boolean recordEvents() {
    return false;
  }

  @Value.Check
  void check() {
    checkArgument(maxConcurrent() >= 1, "maxConcurrent must be at least 1");
    checkArgument(maxPerNode() >= 1, "maxPerNode must be at least 1");
    checkArgument(maxPerNamespace().orElse(1) >= 1, "maxPerNamespace must be at least 1");
    checkArgument(maxPlacementAttempts() >= 1, "maxPlacementAttempts must be at least 1");
    checkArgument(apiAttempts() >= 1, "apiAttempts must be at least 1");
    checkArgument(pageSize() >= 1, "pageSize must be at least 1");
    for (Duration duration : new Duration[] {unitTimeout(), unschedulableTimeout(), pollInterval()}) {
      checkArgument(!duration.isNegative() && !duration.isZero(), "durations must be positive");
    }
    checkArgument(!apiBackoff().isNegative(), "apiBackoff must not be negative");
  }

  /** The defaults. */
  public static ExecutorOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults; its {@code build()} throws {@link
   * IllegalArgumentException} if a limit or count is below 1, a timeout or interval is not
   * positive, or the backoff is negative.
   */
  public static ImmutableExecutorOptions.Builder builder() {
    return ImmutableExecutorOptions.builder();
  }
}
