package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.RunId;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.k8up.core.internal.run.RunLoop;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.ResticSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryingGateway;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan against a cluster: runs each unit's workflow, as its strategy describes it, within the
 * limits of its {@link ExecutorOptions}, the busiest node's work first; follows the units to their end;
 * re-plans units whose placement went stale; deletes everything it created, also when
 * interrupted; and reports one outcome per decision.
 *
 * <pre>{@code
 * BackupExecutor executor = BackupExecutor.builder()
 *     .client(apiClient)
 *     .planner(planner)
 *     .tool(BackupToolSpec.restic("backup-repository").build())
 *     .build();
 * BackupReport report = executor.run(planner.plan(snapshot), snapshot);
 * }</pre>
 *
 * <p>An executor may run several plans, one after another or at once; each run is independent.
 * A run blocks its thread until it ends. Interrupting the thread ends it early: units in flight are
 * deleted, their claims reported {@link OutcomeStatus#NOT_RUN}, and the thread's interrupt flag is
 * set again when {@link #run} returns.
 */
public final class BackupExecutor {

  private final KubeGateway gateway;
  private final BackupPlanner planner;
  private final BackupToolSpec tool;
  private final RunId runId;
  private final ExecutorOptions options;
  private final SnapshotSource snapshots;
  private final BackupSink sink;
  private final List<ProgressListener> listeners;
  private final Clock clock;
  private final RetryingGateway.Sleeper pause;

  private BackupExecutor(Builder builder) {
    this.gateway = builder.gateway != null ? builder.gateway : RetryingGateway.of(ClientJavaGateway.of(builder.client),
        builder.options.retryPolicy());
    this.planner = builder.planner;
    this.tool = builder.tool;
    this.runId = builder.runId;
    this.options = builder.options;
    this.snapshots = builder.snapshots != null
        ? builder.snapshots : namespaces -> LiveSnapshots.read(builder.client, namespaces);
    this.sink = builder.sink;
    this.listeners = List.copyOf(builder.listeners);
    this.clock = builder.clock;
    this.pause = builder.pause;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id of this executor's runs: the names and labels of everything they create. */
  public RunId runId() {
    return runId;
  }

  /**
   * Runs {@code plan}, which the planner made from {@code snapshot}, to its end.
   *
   * <p>Never throws for what happens in the cluster: refusals, failures and timeouts become
   * outcomes in the report.
   */
  public BackupReport run(BackupPlan plan, ClusterSnapshot snapshot) {
    checkNotNull(plan, "plan");
    checkNotNull(snapshot, "snapshot");
    ProgressListener all = event -> listeners.forEach(listener -> listener.onEvent(event));
    return new RunLoop(gateway, clock, pause, planner, options, tool, sink, runId, snapshots, all).run(plan, snapshot);
  }

  /** Builds a {@link BackupExecutor}; a client or a gateway, a planner and a tool are required. */
  public static final class Builder {

    private ApiClient client;
    private KubeGateway gateway;
    private BackupPlanner planner;
    private BackupToolSpec tool;
    private RunId runId = RunId.fresh();
    private ExecutorOptions options = ExecutorOptions.defaults();
    private SnapshotSource snapshots;
    private BackupSink sink = ResticSink.fromEnvironment();
    private final List<ProgressListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private RetryingGateway.Sleeper pause = duration -> Thread.sleep(duration.toMillis());

    private Builder() {}

    /**
     * The client of the cluster to run in; its timeouts bound every request. Every call goes
     * through {@link ClientJavaGateway} on it, retried as the options' {@code apiAttempts} and
     * {@code apiBackoff} say; fresh snapshots for re-planning are read with it, unless {@link
     * #snapshots} says otherwise.
     *
     * @throws IllegalStateException if a gateway was given
     */
    public Builder client(ApiClient client) {
      checkState(gateway == null, "give a client or a gateway, not both");
      this.client = checkNotNull(client, "client");
      return this;
    }

    /**
     * The gateway every call goes through, as it is: wrap it in {@link RetryingGateway} to retry.
     * Without a client, {@link #snapshots} is required, for re-planning.
     *
     * @throws IllegalStateException if a client was given
     */
    public Builder gateway(KubeGateway gateway) {
      checkState(client == null, "give a client or a gateway, not both");
      this.gateway = checkNotNull(gateway, "gateway");
      return this;
    }

    /** The planner that made the plans, and re-plans claims whose placement went stale. */
    public Builder planner(BackupPlanner planner) {
      this.planner = checkNotNull(planner, "planner");
      return this;
    }

    /** The backup tool the strategies run. */
    public Builder tool(BackupToolSpec tool) {
      this.tool = checkNotNull(tool, "tool");
      return this;
    }

    /**
     * The run's id; default a fresh one. Give the id of an earlier, unfinished run to finish it:
     * its Jobs that still exist are taken over, not created twice.
     */
    public Builder runId(RunId runId) {
      this.runId = checkNotNull(runId, "runId");
      return this;
    }

    /** Limits, grouping, timeouts and retries; default {@link ExecutorOptions#defaults()}. */
    public Builder options(ExecutorOptions options) {
      this.options = checkNotNull(options, "options");
      return this;
    }

    /** Where fresh snapshots for re-planning come from; default the cluster, read live. */
    public Builder snapshots(SnapshotSource snapshots) {
      this.snapshots = checkNotNull(snapshots, "snapshots");
      return this;
    }

    /**
     * Where the output of pods' backup commands ({@code k8up.io/backupcommand}) is streamed;
     * default {@link ResticSink#fromEnvironment()}, a local {@code restic} with this process's
     * environment. Commands run through {@code pods/exec}, so the client needs {@code create} on
     * {@code pods/exec} in their namespaces.
     */
    public Builder sink(BackupSink sink) {
      this.sink = checkNotNull(sink, "sink");
      return this;
    }

    /**
     * The time runs read, and how they wait between two looks at the cluster: by default the
     * system's UTC clock and the thread's sleep. Give a clock that {@code pause} advances to run a
     * plan in simulated time, as the engine's own tests do: a backup window of hours against an
     * in-memory gateway takes milliseconds. Timeouts, durations and event times all follow {@code
     * clock}; retries of single API calls keep their real backoff (see {@link RetryingGateway}).
     */
    public Builder clock(Clock clock, RetryingGateway.Sleeper pause) {
      this.clock = checkNotNull(clock, "clock");
      this.pause = checkNotNull(pause, "pause");
      return this;
    }

    /** Adds a listener of progress events. */
    public Builder listener(ProgressListener listener) {
      listeners.add(checkNotNull(listener, "listener"));
      return this;
    }

    /**
     * An executor with these settings.
     *
     * @throws IllegalStateException if the client (or gateway), planner or tool is missing, or a
     *     gateway is given without a snapshot source
     */
    public BackupExecutor build() {
      checkState(client != null || gateway != null, "a client or a gateway is required");
      checkState(client != null || snapshots != null, "a gateway needs a snapshot source for re-planning");
      checkState(planner != null, "a planner is required");
      checkState(tool != null, "a backup tool is required");
      return new BackupExecutor(this);
    }
  }
}
