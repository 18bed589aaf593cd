package io.k8up.core.run;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings {@link BackupExecutor.Builder} and {@link RestoreExecutor.Builder} share: where a
 * run's calls go, the tool, the run's id, options, clock and listeners. Only the builders of this
 * package extend it.
 *
 * @param <B> the builder itself, which every setter returns
 */
public abstract class ExecutorBuilder<B extends ExecutorBuilder<B>> {

  ApiClient client;
  KubeGateway gateway;
  BackupToolSpec tool;
  RunId runId = RunId.fresh();
  ExecutorOptions options = ExecutorOptions.defaults();
  SnapshotSource snapshots;
  final List<ProgressListener> listeners = new ArrayList<>();
  Clock clock = Clock.systemUTC();
  RetryingGateway.Sleeper pause = duration -> Thread.sleep(duration.toMillis());

  ExecutorBuilder() {}

  abstract B self();

  /**
   * The client of the cluster to run in; its timeouts bound every request. Every call goes
   * through {@link ClientJavaGateway} on it, retried as the options' {@code apiAttempts} and
   * {@code apiBackoff} say; fresh snapshots for re-planning are read with it, unless {@link
   * #snapshots} says otherwise.
   *
   * @throws IllegalStateException if a gateway was given
   */
  public B client(ApiClient client) {
    checkState(gateway == null, "give a client or a gateway, not both");
    this.client = checkNotNull(client, "client");
    return self();
  }

  /**
   * The gateway every call goes through, as it is: wrap it in {@link RetryingGateway} to retry.
   * Without a client, {@link #snapshots} is required, for re-planning.
   *
   * @throws IllegalStateException if a client was given
   */
  public B gateway(KubeGateway gateway) {
    checkState(client == null, "give a client or a gateway, not both");
    this.gateway = checkNotNull(gateway, "gateway");
    return self();
  }

  /** The backup tool: its image, and the Secret with the repository's settings. */
  public B tool(BackupToolSpec tool) {
    this.tool = checkNotNull(tool, "tool");
    return self();
  }

  /**
   * The run's id; default a fresh one. Give the id of an earlier, unfinished run to finish it:
   * what it created and still exists is taken over, not created twice.
   */
  public B runId(RunId runId) {
    this.runId = checkNotNull(runId, "runId");
    return self();
  }

  /**
   * Limits, grouping, timeouts and retries; default {@link ExecutorOptions#defaults()}. Restores
   * never record events.
   */
  public B options(ExecutorOptions options) {
    this.options = checkNotNull(options, "options");
    return self();
  }

  /** Where fresh snapshots for re-planning come from; default the cluster, read live. */
  public B snapshots(SnapshotSource snapshots) {
    this.snapshots = checkNotNull(snapshots, "snapshots");
    return self();
  }

  /**
   * The time runs read, and how they wait between two looks at the cluster: by default the
   * system's UTC clock and the thread's sleep. Give a clock that {@code pause} advances to run a
   * plan in simulated time, as the engine's own tests do: a backup window of hours against an
   * in-memory gateway takes milliseconds. Timeouts, durations and event times all follow {@code
   * clock}; retries of single API calls keep their real backoff (see {@link RetryingGateway}).
   */
  public B clock(Clock clock, RetryingGateway.Sleeper pause) {
    this.clock = checkNotNull(clock, "clock");
    this.pause = checkNotNull(pause, "pause");
    return self();
  }

  /** Adds a listener of progress events. */
  public B listener(ProgressListener listener) {
    listeners.add(checkNotNull(listener, "listener"));
    return self();
  }

  /** Checks what every executor needs: a client or a gateway (with snapshots), and a tool. */
  void checkShared() {
    checkState(client != null || gateway != null, "a client or a gateway is required");
    checkState(client != null || snapshots != null,
        "a gateway needs a snapshot source for re-planning");
    checkState(tool != null, "a backup tool is required");
  }

  /** The gateway given, or one on the client, retried as the options say. */
  KubeGateway runGateway() {
    return gateway != null
        ? gateway : RetryingGateway.of(ClientJavaGateway.of(client), options.retryPolicy());
  }

  /** The snapshot source given, or live reads through the client, in pages of the options' size. */
  SnapshotSource runSnapshots() {
    ApiClient reading = client;
    int pageSize = options.pageSize();
    return snapshots != null
        ? snapshots : namespaces -> LiveSnapshots.read(reading, namespaces, pageSize);
  }

  /** Every listener added, as one. */
  ProgressListener runListener() {
    List<ProgressListener> all = List.copyOf(listeners);
    return event -> all.forEach(listener -> listener.onEvent(event));
  }
}
