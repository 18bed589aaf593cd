package io.k8up.core.run;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.k8up.core.internal.run.RestoreRun;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.time.Clock;
import java.util.List;

/**
 * Runs a {@link RestorePlan} on the engine that runs backups: each claim to restore is a unit of
 * the first strategy, in the given order, whose {@link VolumeAccessStrategy#restoreWorkflow} restores
 * it (job-per-pvc through a Job, ephemeral-container through an ephemeral container of the pod that
 * holds a ReadWriteOncePod claim), under the same {@link ExecutorOptions} limits and timeouts,
 * re-planned from a fresh read when its placement goes stale, adopted by a restarted run of the same
 * id and cleaned up by the run's labels. A target claim the plan creates ({@code --to} a claim that
 * does not exist) is created first and never deleted.
 *
 * <pre>{@code
 * RestoreReport report = RestoreExecutor.builder()
 *     .client(apiClient)
 *     .strategies(InstalledStrategies.load().defaultOrder())
 *     .tool(BackupToolSpec.restic("backup-repository").build())
 *     .build()
 *     .run(plan, snapshot);
 * }</pre>
 */
public final class RestoreExecutor {

  private final KubeGateway gateway;
  private final ImmutableList<VolumeAccessStrategy> strategies;
  private final RestorePlanner planner;
  private final ImmutableList<StorageClassBinding> storageClasses;
  private final BackupToolSpec tool;
  private final RunId runId;
  private final ExecutorOptions options;
  private final SnapshotSource snapshots;
  private final ProgressListener listener;
  private final Clock clock;
  private final RetryingGateway.Sleeper pause;

  private RestoreExecutor(Builder builder) {
    this.gateway = builder.runGateway();
    this.strategies = builder.strategies;
    this.planner = builder.planner;
    this.storageClasses = builder.storageClasses;
    this.tool = builder.tool;
    this.runId = builder.runId;
    this.options = builder.options;
    this.snapshots = builder.runSnapshots();
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
   * Runs {@code plan}, which a {@link RestorePlanner} made from {@code snapshot}, to its end: one
   * outcome per decision, in the plan's order.
   *
   * <p>Never throws for what happens in the cluster: refusals, failures and timeouts become
   * outcomes in the report. Reads no Secret and no log: what a restore restored comes from its
   * container's termination message.
   */
  public RestoreReport run(RestorePlan plan, ClusterSnapshot snapshot) {
    checkNotNull(plan, "plan");
    checkNotNull(snapshot, "snapshot");
    return new RestoreRun(gateway, clock, pause, planner,
        storageClasses, strategies, options, tool, runId, snapshots, listener).run(plan, snapshot);
  }

  /** Builds a {@link RestoreExecutor}; a client or a gateway, strategies and a tool are required. */
  public static final class Builder extends ExecutorBuilder<Builder> {

    private ImmutableList<VolumeAccessStrategy> strategies;
    private RestorePlanner planner = RestorePlanner.builder().build();
    private ImmutableList<StorageClassBinding> storageClasses = ImmutableList.of();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** The strategies that may restore, most preferred first; each restores what its restore workflow covers. */
    public Builder strategies(List<? extends VolumeAccessStrategy> strategies) {
      this.strategies = ImmutableList.copyOf(strategies);
      return this;
    }

    /** The planner that plans a stale restore again; default {@code RestorePlanner.builder().build()}. */
    public Builder planner(RestorePlanner planner) {
      this.planner = checkNotNull(planner, "planner");
      return this;
    }

    /** The cluster's StorageClasses, for re-planning as the plan was planned; default none. */
    public Builder storageClasses(List<StorageClassBinding> storageClasses) {
      this.storageClasses = ImmutableList.copyOf(storageClasses);
      return this;
    }

    /**
     * An executor with these settings.
     *
     * @throws IllegalStateException if the client (or gateway), strategies or tool is missing, or a
     *     gateway is given without a snapshot source
     */
    public RestoreExecutor build() {
      checkShared();
      checkState(strategies != null && !strategies.isEmpty(), "strategies are required");
      return new RestoreExecutor(this);
    }
  }
}
