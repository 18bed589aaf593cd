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
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryingGateway;
import java.time.Clock;

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
  private final ProgressListener listener;
  private final Clock clock;
  private final RetryingGateway.Sleeper pause;

  private BackupExecutor(Builder builder) {
    this.gateway = builder.runGateway();
    this.planner = builder.planner;
    this.tool = builder.tool;
    this.runId = builder.runId;
    this.options = builder.options;
    this.snapshots = builder.runSnapshots();
    this.sink = builder.sink;
    this.listener = builder.runListener();
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
    return new RunLoop(gateway, clock, pause, planner, options, tool, sink, runId, snapshots, listener)
        .run(plan, snapshot);
  }

  /** Builds a {@link BackupExecutor}; a client or a gateway, a planner and a tool are required. */
  public static final class Builder extends ExecutorBuilder<Builder> {

    private BackupPlanner planner;
    private BackupSink sink = ResticSink.fromEnvironment();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The planner that made the plans, and re-plans claims whose placement went stale. */
    public Builder planner(BackupPlanner planner) {
      this.planner = checkNotNull(planner, "planner");
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
     * An executor with these settings.
     *
     * @throws IllegalStateException if the client (or gateway), planner or tool is missing, or a
     *     gateway is given without a snapshot source
     */
    public BackupExecutor build() {
      checkShared();
      checkState(planner != null, "a planner is required");
      return new BackupExecutor(this);
    }
  }
}
