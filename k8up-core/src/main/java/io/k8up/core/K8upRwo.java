package io.k8up.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import io.k8up.core.internal.run.StorageClasses;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.run.RestoreExecutor;
import io.k8up.core.run.RestoreManifests;
import io.k8up.core.run.RestoreReport;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Explanation;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.run.BackupReport;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.ImmutableExecutorOptions;
import io.k8up.core.run.Manifests;
import io.k8up.core.run.MaterializedPlan;
import io.k8up.core.run.ProgressListener;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.run.SweepReport;
import io.k8up.core.run.Sweeper;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.ResticSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryPolicy;
import io.k8up.core.kube.RetryingGateway;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The library in one object: where the cluster comes from, how to plan and how to run, set once;
 * then {@link #plan()}, {@link #manifests}, {@link #run()} and {@link #sweep}; and for restores
 * {@link #restorePlan}, {@link #restoreManifests} and {@link #restore}.
 *
 * <pre>{@code
 * K8upRwo backups = K8upRwo.builder()
 *     .liveCluster(apiClient, List.of("shop"))
 *     .tool(BackupToolSpec.restic("restic-repo").build())
 *     .executorOptions(ExecutorOptions.builder().maxConcurrent(8).build())
 *     .build();
 * BackupReport report = backups.run();
 * }</pre>
 *
 * <p>A live cluster is read with what the chosen strategies need: Nodes when asked for, discovery
 * of what the server serves (once per instance), and VolumeSnapshotClasses when a strategy creates
 * VolumeSnapshots ({@link io.k8up.core.spi.VolumeAccessStrategy#createdKinds()}). Claims, pods and PersistentVolumes are listed at each
 * read, or taken from the {@link SnapshotSource} given with {@link Builder#liveCluster(ApiClient,
 * Collection, SnapshotSource)}, such as informer caches. Instances are thread-safe; each run is
 * independent.
 */
public final class K8upRwo {

  /** The Secret the default tool reads its repository settings from. */
  public static final String DEFAULT_REPOSITORY_SECRET = "k8up-rwo-repository";

  private static final String SNAPSHOT_GROUP_VERSION = "snapshot.storage.k8s.io/v1";

  private final Optional<KubeGateway> gateway;
  private final ImmutableList<String> namespaces;
  private final Optional<ClusterSnapshot> fixedSnapshot;
  private final Optional<SnapshotSource> reads;
  private final boolean readNodes;
  private final BackupPlanner planner;
  private final RestorePlanner restorePlanner;
  private final BackupToolSpec tool;
  private final Supplier<RunId> runId;
  private final ExecutorOptions options;
  private final Optional<BackupSink> sink;
  private final ImmutableList<ProgressListener> listeners;
  private ClusterCapabilities capabilities;
  private ImmutableList<SnapshotClass> snapshotClasses;

  private K8upRwo(Builder builder) {
    RetryPolicy retries = builder.options.retryPolicy();
    this.gateway = Optional.ofNullable(builder.gateway)
        .or(() -> Optional.ofNullable(builder.client).map(ClientJavaGateway::of))
        .map(once -> RetryingGateway.of(once, retries));
    this.namespaces = builder.namespaces;
    this.fixedSnapshot = Optional.ofNullable(builder.snapshot);
    this.reads = Optional.ofNullable(builder.reads);
    this.readNodes = builder.readNodes;
    // One page size for every list request: the reads' and the runs'.
    this.options = builder.pageSize == null
        ? builder.options
        : ImmutableExecutorOptions.copyOf(builder.options).withPageSize(builder.pageSize);
    this.planner = builder.planner();
    this.restorePlanner = builder.restorePlanner;
    this.tool = builder.tool;
    // A fresh id is made when first used, not here: a plan needs none, and making one starts a
    // SecureRandom (RunId.fresh), a noticeable part of a short command's start.
    this.runId = builder.runId == null ? Suppliers.memoize(RunId::fresh) : Suppliers.ofInstance(builder.runId);
    this.sink = Optional.ofNullable(builder.sink);
    this.listeners = ImmutableList.copyOf(builder.listeners);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The planner, with the chosen opt-in mode and strategies. */
  public BackupPlanner planner() {
    return planner;
  }

  /** The id of the runs, manifests and sweeps of this instance. */
  public RunId runId() {
    return runId.get();
  }

  /**
   * The cluster as it is now: the given snapshot, or a fresh read of the live cluster's namespaces.
   *
   * @throws SnapshotException if the live cluster cannot be read
   */
  public ClusterSnapshot snapshot() throws SnapshotException {
    return fixedSnapshot.isPresent() ? fixedSnapshot.get() : readLive(namespaces);
  }

  /**
   * The plan for the cluster as it is now.
   *
   * @throws SnapshotException if the live cluster cannot be read
   */
  public BackupPlan plan() throws SnapshotException {
    return plan(snapshot());
  }

  /**
   * The plan for {@code snapshot}, e.g. one read with {@link #snapshot()} and kept for {@link
   * #manifests} or {@link #run(BackupPlan, ClusterSnapshot)}, so the cluster is read once. Pure.
   */
  public BackupPlan plan(ClusterSnapshot snapshot) {
    return planner.plan(checkNotNull(snapshot, "snapshot"));
  }

  /** Why claim {@code namespace/name} of {@code snapshot} is decided as it is; empty if there is no such claim. */
  public Optional<Explanation> explain(ClusterSnapshot snapshot, String namespace, String name) {
    return planner.explain(snapshot, namespace, name);
  }

  /**
   * The objects a run of {@code plan}, made from {@code snapshot}, would create, and the claims a
   * strategy failed to build them for; see {@link Manifests#of}.
   */
  public MaterializedPlan manifests(BackupPlan plan, ClusterSnapshot snapshot) {
    return Manifests.of(plan, snapshot, planner, runId(), tool, options.grouping());
  }

  /**
   * Reads the live cluster, plans and runs the plan; see {@link BackupExecutor#run}.
   *
   * @throws SnapshotException if the live cluster cannot be read
   * @throws IllegalStateException if this instance has no live cluster
   */
  public BackupReport run() throws SnapshotException {
    ClusterSnapshot snapshot = snapshot();
    return run(planner.plan(snapshot), snapshot);
  }

  /**
   * Runs {@code plan}, made from {@code snapshot}; claims whose placement goes stale are re-planned
   * from fresh reads of the live cluster.
   *
   * @throws IllegalStateException if this instance has no live cluster
   */
  public BackupReport run(BackupPlan plan, ClusterSnapshot snapshot) {
    BackupExecutor.Builder executor = BackupExecutor.builder()
        .gateway(liveGateway("run"))
        .planner(planner)
        .tool(tool)
        .runId(runId())
        .options(options)
        .snapshots(this::readLive);
    sink.ifPresent(executor::sink);
    listeners.forEach(executor::listener);
    return executor.build().run(plan, snapshot);
  }

  /**
   * The StorageClasses of the live cluster, as the restore planner reads them (whether each waits
   * for its first consumer); none for a fixed snapshot. Needs {@code list} on {@code storageclasses}.
   *
   * @throws SnapshotException if the live cluster cannot be read
   */
  public ImmutableList<StorageClassBinding> storageClasses() throws SnapshotException {
    if (fixedSnapshot.isPresent()) {
      return ImmutableList.of();
    }
    try {
      return StorageClasses.read(liveGateway("reading StorageClasses"));
    } catch (KubeFailure e) {
      throw new SnapshotException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("reading storageclasses was interrupted", e);
    }
  }

  /**
   * The restore plan of {@code requests} for the cluster as it is now: a fresh snapshot and the
   * StorageClasses of the live cluster, or the given snapshot.
   *
   * @throws SnapshotException if the live cluster cannot be read
   */
  public RestorePlan restorePlan(List<RestoreRequest> requests) throws SnapshotException {
    return restorePlan(snapshot(), storageClasses(), requests);
  }

  /**
   * The restore plan of {@code requests} for {@code snapshot} and {@code storageClasses}; pure. See
   * {@link RestorePlanner#plan}.
   */
  public RestorePlan restorePlan(ClusterSnapshot snapshot, List<StorageClassBinding> storageClasses,
      List<RestoreRequest> requests) {
    return restorePlanner.plan(checkNotNull(snapshot, "snapshot"), storageClasses, requests);
  }

  /**
   * The objects a restore run of {@code plan}, made from {@code snapshot}, would create and patch,
   * and the claims no strategy could build them for; see {@link RestoreManifests#of}.
   */
  public MaterializedPlan restoreManifests(RestorePlan plan, ClusterSnapshot snapshot) {
    return RestoreManifests.of(plan, snapshot, planner.strategies(), runId(), tool);
  }

  /**
   * Reads the live cluster, plans {@code requests} and restores them; see {@link RestoreExecutor#run}.
   *
   * @throws SnapshotException if the live cluster cannot be read
   * @throws IllegalStateException if this instance has no live cluster
   */
  public RestoreReport restore(List<RestoreRequest> requests) throws SnapshotException {
    ClusterSnapshot snapshot = snapshot();
    ImmutableList<StorageClassBinding> classes = storageClasses();
    return restore(restorePlanner.plan(snapshot, classes, requests), snapshot, classes);
  }

  /**
   * Runs the restore plan {@code plan}, made from {@code snapshot} and {@code storageClasses},
   * with this instance's strategies, tool, run id and executor options; a restore whose placement
   * goes stale is planned again from a fresh read.
   *
   * @throws IllegalStateException if this instance has no live cluster
   */
  public RestoreReport restore(RestorePlan plan, ClusterSnapshot snapshot, List<StorageClassBinding> storageClasses) {
    RestoreExecutor.Builder executor = RestoreExecutor.builder()
        .gateway(liveGateway("restore"))
        .strategies(planner.strategies())
        .planner(restorePlanner)
        .storageClasses(storageClasses)
        .tool(tool)
        .runId(runId())
        .options(options)
        .snapshots(this::readLive);
    listeners.forEach(executor::listener);
    return executor.build().run(plan, snapshot);
  }

  /**
   * Deletes what runs left behind in the live cluster's namespaces, listing them in pages of {@link
   * Builder#pageSize}; see {@link Sweeper#sweep}.
   *
   * @param onlyThisRun whether to sweep only what this instance's run id created
   * @throws IllegalStateException if this instance has no live cluster
   */
  public SweepReport sweep(boolean onlyThisRun, Duration olderThan) {
    return Sweeper.sweep(liveGateway("sweep"), planner.strategies(), namespaces,
        onlyThisRun ? Optional.of(runId()) : Optional.empty(), olderThan, options.pageSize());
  }

  private KubeGateway liveGateway(String what) {
    checkState(gateway.isPresent(), "%s needs a live cluster: build with liveCluster(client, namespaces)", what);
    return gateway.get();
  }

  private ClusterSnapshot readLive(Collection<String> wanted) throws SnapshotException {
    KubeGateway api = liveGateway("reading the cluster");
    ClusterSnapshot snapshot = reads.isPresent() ? reads.get().read(wanted)
        : LiveSnapshots.read(api, wanted, readNodes, options.pageSize());
    boolean snapshots = planner.strategies().stream()
        .anyMatch(strategy -> strategy.createdKinds().contains(ResourceType.VOLUME_SNAPSHOT));
    synchronized (this) {
      if (capabilities == null) {
        // Classes first: a failed list leaves neither cached, so the next read tries both again.
        snapshotClasses = snapshots ? LiveSnapshots.readSnapshotClasses(api) : ImmutableList.of();
        capabilities = LiveSnapshots.discover(api, snapshots ? List.of(SNAPSHOT_GROUP_VERSION) : List.of());
      }
      return snapshot.withCapabilities(capabilities).withSnapshotClasses(snapshotClasses);
    }
  }

  /** Builds a {@link K8upRwo}: a source is required, everything else has a default. */
  public static final class Builder {

    private ApiClient client;
    private KubeGateway gateway;
    private ImmutableList<String> namespaces = ImmutableList.of();
    private ClusterSnapshot snapshot;
    private SnapshotSource reads;
    private boolean readNodes;
    private Integer pageSize;
    private boolean requireOptIn;
    private List<String> strategyOrder;
    private List<VolumeAccessStrategy> strategies;
    private BackupToolSpec tool = BackupToolSpec.restic(DEFAULT_REPOSITORY_SECRET).build();
    private RunId runId;
    private ExecutorOptions options = ExecutorOptions.defaults();
    private BackupSink sink;
    private RestorePlanner restorePlanner = RestorePlanner.builder().build();
    private final List<ProgressListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * A live cluster, through {@code client} (which sets server, credentials and timeouts), in
     * {@code namespaces}.
     *
     * @throws IllegalArgumentException if no namespace is given
     */
    public Builder liveCluster(ApiClient client, Collection<String> namespaces) {
      this.client = checkNotNull(client, "client");
      this.gateway = null;
      this.namespaces = ImmutableList.copyOf(namespaces);
      checkArgument(!this.namespaces.isEmpty(), "at least one namespace is required");
      this.reads = null;
      return this;
    }

    /**
     * A live cluster whose claims, pods and PersistentVolumes are read from {@code reads} instead
     * of listed, e.g. from informer caches; {@code client} still runs backups and, once per
     * instance, discovers what the server serves and reads the VolumeSnapshotClasses a strategy
     * that creates VolumeSnapshots needs. Nodes are whatever {@code reads} gives.
     *
     * @throws IllegalArgumentException if no namespace is given
     */
    public Builder liveCluster(ApiClient client, Collection<String> namespaces, SnapshotSource reads) {
      liveCluster(client, namespaces);
      this.reads = checkNotNull(reads, "reads");
      return this;
    }

    /**
     * A live cluster, through {@code gateway}, which may be another client's (fabric8's, say), in
     * {@code namespaces}: every call goes through it, each tried again as the executor options'
     * {@code apiAttempts} and {@code apiBackoff} say, so give one that makes each call once. What
     * the server serves is discovered through it too, once per instance.
     *
     * @throws IllegalArgumentException if no namespace is given
     */
    public Builder liveCluster(KubeGateway gateway, Collection<String> namespaces) {
      this.gateway = checkNotNull(gateway, "gateway");
      this.client = null;
      this.namespaces = ImmutableList.copyOf(namespaces);
      checkArgument(!this.namespaces.isEmpty(), "at least one namespace is required");
      this.reads = null;
      return this;
    }

    /**
     * As {@link #liveCluster(KubeGateway, Collection)}, with claims, pods and PersistentVolumes read
     * from {@code reads} (informer caches, say) instead of listed.
     *
     * @throws IllegalArgumentException if no namespace is given
     */
    public Builder liveCluster(KubeGateway gateway, Collection<String> namespaces, SnapshotSource reads) {
      liveCluster(gateway, namespaces);
      this.reads = checkNotNull(reads, "reads");
      return this;
    }

    /** A fixed snapshot, e.g. from {@link io.k8up.core.snapshot.SnapshotFiles}: plans and manifests, no runs. */
    public Builder snapshot(ClusterSnapshot snapshot) {
      this.snapshot = checkNotNull(snapshot, "snapshot");
      return this;
    }

    /** Also read the live cluster's Nodes, to tolerate the taints of pinned nodes; needs {@code list} on nodes. */
    public Builder readNodes(boolean readNodes) {
      this.readNodes = readNodes;
      return this;
    }

    /**
     * How many objects each list request of a live read, of the runs, restores and their polls, and
     * of sweeps asks for (the request's {@code limit}; the rest follows with {@code continue}); it replaces
     * {@link ExecutorOptions#pageSize()} of the {@link #executorOptions executor options}, whose
     * page size (default {@value LiveSnapshots#DEFAULT_PAGE_SIZE}) applies when this is not given.
     * The request count of a read is in {@link LiveSnapshots}.
     *
     * @throws IllegalArgumentException if {@code pageSize} is not positive
     */
    public Builder pageSize(int pageSize) {
      checkArgument(pageSize > 0, "the page size must be positive, not %s", pageSize);
      this.pageSize = pageSize;
      return this;
    }

    /** Back up only claims annotated {@code k8up.io/backup=true}; default false. */
    public Builder requireOptIn(boolean requireOptIn) {
      this.requireOptIn = requireOptIn;
      return this;
    }

    /**
     * The installed strategies to use, by id, most preferred first; default {@link
     * InstalledStrategies#defaultOrder()}.
     */
    public Builder strategyOrder(List<String> ids) {
      this.strategyOrder = List.copyOf(ids);
      return this;
    }

    /** Strategy instances to use, most preferred first, in place of installed ones found by id. */
    public Builder strategies(List<? extends VolumeAccessStrategy> strategies) {
      this.strategies = List.copyOf(strategies);
      return this;
    }

    /** The backup tool; default restic with its repository in Secret {@value #DEFAULT_REPOSITORY_SECRET}. */
    public Builder tool(BackupToolSpec tool) {
      this.tool = checkNotNull(tool, "tool");
      return this;
    }

    /** The run id; default a fresh one. Give an unfinished run's id to finish it. */
    public Builder runId(RunId runId) {
      this.runId = checkNotNull(runId, "runId");
      return this;
    }

    /** Limits, grouping, timeouts and retries of runs; default {@link ExecutorOptions#defaults()}. */
    public Builder executorOptions(ExecutorOptions options) {
      this.options = checkNotNull(options, "options");
      return this;
    }

    /**
     * Where runs stream the output of pods' backup commands; default {@link
     * ResticSink#fromEnvironment()}. See {@link BackupExecutor.Builder#sink}.
     */
    public Builder sink(BackupSink sink) {
      this.sink = checkNotNull(sink, "sink");
      return this;
    }

    /**
     * The planner of restores; default {@code RestorePlanner.builder().build()}, whose node chain
     * is the backup planner's default. Give one with the chain backups are planned with.
     */
    public Builder restorePlanner(RestorePlanner restorePlanner) {
      this.restorePlanner = checkNotNull(restorePlanner, "restorePlanner");
      return this;
    }

    /** Adds a listener of runs' progress. */
    public Builder listener(ProgressListener listener) {
      listeners.add(checkNotNull(listener, "listener"));
      return this;
    }

    /**
     * The instance.
     *
     * @throws IllegalStateException if no source, or both sources, are given, or both a strategy
     *     order and strategies, or both a snapshot source and {@code readNodes(true)}
     * @throws IllegalArgumentException if the strategy order names a strategy that is not installed
     */
    public K8upRwo build() {
      checkState((client == null && gateway == null) != (snapshot == null),
          "give either liveCluster(...) or snapshot(...)");
      checkState(strategyOrder == null || strategies == null, "give either a strategy order or strategies");
      checkState(reads == null || !readNodes, "a snapshot source gives its own nodes: do not combine it with readNodes(true)");
      return new K8upRwo(this);
    }

    private BackupPlanner planner() {
      List<VolumeAccessStrategy> chosen = strategies;
      if (chosen == null) {
        InstalledStrategies installed = InstalledStrategies.load();
        chosen = strategyOrder == null ? installed.defaultOrder() : installed.inOrder(strategyOrder);
      }
      return BackupPlanner.builder().requireOptIn(requireOptIn).strategies(chosen).build();
    }
  }
}
