package io.k8up.core.run;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.k8up.core.internal.run.RestoreRun;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.util.ArrayList;
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
  private final List<ProgressListener> listeners;
  private final Clock clock;
  private final RetryingGateway.Sleeper pause;

  private RestoreExecutor(Builder builder) {
    this.gateway = builder.gateway != null ? builder.gateway : RetryingGateway.of(ClientJavaGateway.of(builder.client),
        builder.options.retryPolicy());
    this.strategies = builder.strategies;
    this.planner = builder.planner;
    this.storageClasses = builder.storageClasses;
    this.tool = builder.tool;
    this.runId = builder.runId;
    this.options = builder.options;
    this.snapshots = builder.snapshots != null
        ? builder.snapshots : namespaces -> LiveSnapshots.read(builder.client, namespaces);
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
    ProgressListener all = event -> listeners.forEach(listener -> listener.onEvent(event));
    return new RestoreRun(gateway, clock, pause, planner,
        storageClasses, strategies, options, tool, runId, snapshots, all).run(plan, snapshot);
  }

  /** Builds a {@link RestoreExecutor}; a client or a gateway, strategies and a tool are required. */
  public static final class Builder {

    private ApiClient client;
    private KubeGateway gateway;
    private ImmutableList<VolumeAccessStrategy> strategies;
    private RestorePlanner planner = RestorePlanner.builder().build();
    private ImmutableList<StorageClassBinding> storageClasses = ImmutableList.of();
    private BackupToolSpec tool;
    private RunId runId = RunId.fresh();
    private ExecutorOptions options = ExecutorOptions.defaults();
    private SnapshotSource snapshots;
    private final List<ProgressListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private RetryingGateway.Sleeper pause = duration -> Thread.sleep(duration.toMillis());

    private Builder() {}

    /**
     * The client of the cluster to run in; its timeouts bound every request, each tried again as
     * the options' {@code apiAttempts} and {@code apiBackoff} say.
     *
     * @throws IllegalStateException if a gateway was given
     */
    public Builder client(ApiClient client) {
      checkState(gateway == null, "give a client or a gateway, not both");
      this.client = checkNotNull(client, "client");
      return this;
    }

    /**
     * The gateway every call goes through, as given (no retries added). Without a client, {@link
     * #snapshots} is required, for re-planning.
     *
     * @throws IllegalStateException if a client was given
     */
    public Builder gateway(KubeGateway gateway) {
      checkState(client == null, "give a client or a gateway, not both");
      this.gateway = checkNotNull(gateway, "gateway");
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

    /** The tool the backups were made with: its image, and the Secret with the repository's settings. */
    public Builder tool(BackupToolSpec tool) {
      this.tool = checkNotNull(tool, "tool");
      return this;
    }

    /** The run id; default a fresh one. Give an unfinished run's id to finish it. */
    public Builder runId(RunId runId) {
      this.runId = checkNotNull(runId, "runId");
      return this;
    }

    /** Limits, timeouts and retries; default {@link ExecutorOptions#defaults()}. Events are never recorded for restores. */
    public Builder options(ExecutorOptions options) {
      this.options = checkNotNull(options, "options");
      return this;
    }

    /** Where fresh reads for re-planning come from; default a live read through the client. */
    public Builder snapshots(SnapshotSource snapshots) {
      this.snapshots = checkNotNull(snapshots, "snapshots");
      return this;
    }

    /**
     * The time runs read, and how they wait between two looks at the cluster, as {@link
     * BackupExecutor.Builder#clock} says; by default the system's UTC clock and the thread's sleep.
     */
    public Builder clock(Clock clock, RetryingGateway.Sleeper pause) {
      this.clock = checkNotNull(clock, "clock");
      this.pause = checkNotNull(pause, "pause");
      return this;
    }

    /** Adds a listener of the run's progress. */
    public Builder listener(ProgressListener listener) {
      listeners.add(checkNotNull(listener, "listener"));
      return this;
    }

    /**
     * An executor with these settings.
     *
     * @throws IllegalStateException if the client (or gateway), strategies or tool is missing, or a
     *     gateway is given without a snapshot source
     */
    public RestoreExecutor build() {
      checkState(client != null || gateway != null, "a client or a gateway is required");
      checkState(client != null || snapshots != null, "a gateway needs a snapshot source for re-planning");
      checkState(strategies != null && !strategies.isEmpty(), "strategies are required");
      checkState(tool != null, "a backup tool is required");
      return new RestoreExecutor(this);
    }
  }
}
