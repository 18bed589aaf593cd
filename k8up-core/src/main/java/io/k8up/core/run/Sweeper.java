package io.k8up.core.run;

import io.k8up.core.spi.RunId;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.internal.run.SweepRun;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.RetryingGateway;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Deletes what runs left behind when their process died before cleaning up: the objects of the
 * kinds the strategies declare they create ({@link VolumeAccessStrategy#createdKinds()}) — Jobs,
 * temporary claims, VolumeSnapshots for the library's own — that the library labelled as its own.
 * A run cleans up after itself; a sweep is for runs that could not.
 *
 * <p>Needs {@code list} and {@code delete} on those kinds in each namespace. Ephemeral containers
 * cannot be removed and are not swept.
 */
public final class Sweeper {

  private Sweeper() {}

  /**
   * Deletes, in {@code namespaces}, the objects of run {@code runId} (of any run when empty) created
   * more than {@code olderThan} ago, of the kinds the installed strategies ({@link
   * InstalledStrategies#load()}) create; see {@link #sweep(ApiClient, Collection, Collection, Optional,
   * Duration)}.
   *
   * @throws IllegalArgumentException if {@code olderThan} is negative
   */
  public static SweepReport sweep(
      ApiClient client, Collection<String> namespaces, Optional<RunId> runId, Duration olderThan) {
    return sweep(client, InstalledStrategies.load().all(), namespaces, runId, olderThan);
  }

  /**
   * Deletes, in {@code namespaces}, the objects of the kinds {@code strategies} create that run
   * {@code runId} (any run when empty) labelled as its own more than {@code olderThan} ago; objects
   * labelled {@code k8up.io/keep: "true"} are kept, also when labelled between the list and the
   * delete. Never throws for what the server answers: refusals go into the report.
   *
   * @param olderThan how old an object must be; give the longest a run may take, so that running
   *     runs are left alone, or zero with a run id known to be dead
   * @throws IllegalArgumentException if {@code olderThan} is negative
   */
  public static SweepReport sweep(ApiClient client, Collection<? extends VolumeAccessStrategy> strategies,
      Collection<String> namespaces, Optional<RunId> runId, Duration olderThan) {
    checkNotNull(client, "client");
    return sweep(RetryingGateway.of(ClientJavaGateway.of(client), ExecutorOptions.defaults().retryPolicy()),
        strategies, namespaces, runId, olderThan);
  }

  /**
   * Sweeps as {@link #sweep(ApiClient, Collection, Collection, Optional, Duration)} does, through
   * {@code gateway}, which may be another client's; wrap it in {@link RetryingGateway} to retry.
   *
   * @throws IllegalArgumentException if {@code olderThan} is negative
   */
  public static SweepReport sweep(KubeGateway gateway, Collection<? extends VolumeAccessStrategy> strategies,
      Collection<String> namespaces, Optional<RunId> runId, Duration olderThan) {
    return sweep(gateway, strategies, namespaces, runId, olderThan, ListQuery.DEFAULT_PAGE_SIZE);
  }

  /**
   * Sweeps as {@link #sweep(KubeGateway, Collection, Collection, Optional, Duration)} does, listing
   * {@code pageSize} objects per request (as {@link io.k8up.core.K8upRwo.Builder#pageSize} does for
   * reads and runs).
   *
   * @throws IllegalArgumentException if {@code olderThan} is negative or {@code pageSize} is not
   *     positive
   */
  public static SweepReport sweep(KubeGateway gateway, Collection<? extends VolumeAccessStrategy> strategies,
      Collection<String> namespaces, Optional<RunId> runId, Duration olderThan, int pageSize) {
    checkNotNull(gateway, "gateway");
    checkArgument(!olderThan.isNegative(), "olderThan must not be negative");
    checkArgument(pageSize > 0, "the page size must be positive, not %s", pageSize);
    return new SweepRun(gateway, List.copyOf(strategies), pageSize)
        .sweep(namespaces, runId, Clock.systemUTC().instant().minus(olderThan));
  }
}
