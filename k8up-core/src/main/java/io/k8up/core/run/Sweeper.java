package io.k8up.core.run;

import io.k8up.core.spi.RunId;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.internal.run.SweepRun;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Deletes what runs left behind when their process died before cleaning up: the Jobs, temporary
 * claims and VolumeSnapshots the library labelled as its own. A run cleans up after itself; a
 * sweep is for runs that could not.
 *
 * <p>Needs {@code list} and {@code delete} on {@code jobs}, {@code persistentvolumeclaims} and
 * {@code volumesnapshots} in each namespace. Ephemeral containers cannot be removed and are not
 * swept.
 */
public final class Sweeper {

  private Sweeper() {}

  /**
   * Deletes, in {@code namespaces}, the library's objects of run {@code runId} (of any run when
   * empty) created more than {@code olderThan} ago; VolumeSnapshots labelled {@code k8up.io/keep:
   * "true"} are kept. Never throws for what the server answers: refusals go into the report.
   *
   * @param olderThan how old an object must be; give the longest a run may take, so that running
   *     runs are left alone, or zero with a run id known to be dead
   * @throws IllegalArgumentException if {@code olderThan} is negative
   */
  public static SweepReport sweep(
      ApiClient client, Collection<String> namespaces, Optional<RunId> runId, Duration olderThan) {
    checkNotNull(client, "client");
    checkArgument(!olderThan.isNegative(), "olderThan must not be negative");
    return new SweepRun(client).sweep(namespaces, runId, Clock.systemUTC().instant().minus(olderThan));
  }
}
