package io.k8up.examples.operator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.google.common.collect.ImmutableList;
import io.k8up.core.K8upRwo;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An operator loop on the library: informers keep the watched namespaces in memory, a schedule
 * backs them up from there, and shutdown cancels the running backup and cleans up.
 *
 * <pre>{@code
 * try (BackupOperator operator = BackupOperator.builder()
 *     .client(apiClient)
 *     .namespaces(List.of("shop", "blog"))
 *     .period(Duration.ofHours(6))
 *     .settings(backups -> backups.tool(BackupToolSpec.restic("restic-repo").build()))
 *     .listener(report -> log.info("backup {} has failures: {}", report.runId(), report.hasFailures()))
 *     .build()) {
 *   operator.start();
 *   awaitTermination();
 * }
 * }</pre>
 *
 * <p><b>Why informers.</b> A backup plans from a snapshot of claims, pods and PersistentVolumes.
 * Listing them for every run costs {@code 2 × namespaces + 1} requests each time, and a re-plan
 * during a run lists again. Informers list once at {@link #start()} and then follow a watch, so
 * their caches are current and each run, and each re-plan within it, reads them without a request
 * ({@link K8upRwo.Builder#liveCluster(ApiClient, Collection, io.k8up.core.run.SnapshotSource)}).
 * Runs still discover what the server serves, two small requests each, and a tick before every
 * informer has listed once is skipped, so that no run plans from a partial cache.
 *
 * <p><b>Schedule.</b> One thread runs the backups with a fixed delay: the next backup starts one
 * period after the previous one ended, so backups never overlap and a long one is not doubled. The
 * first starts one period after {@link #start()}. Each backup has a fresh {@link RunId}.
 *
 * <p><b>Shutdown.</b> {@link #close()} cancels the next backup and interrupts the running one,
 * which, as {@link BackupExecutor} guarantees, deletes the objects it created and reports its
 * unfinished claims {@code NOT_RUN}; the listener still gets that report. It waits for that at most
 * the shutdown timeout, then stops the informers. A backup pod killed by a force-stopped process
 * is left behind; {@link K8upRwo#sweep} removes it later.
 */
public final class BackupOperator implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(BackupOperator.class.getName());

  private final ApiClient client;
  private final ImmutableList<String> namespaces;
  private final Duration period;
  private final Duration shutdownTimeout;
  private final Consumer<K8upRwo.Builder> settings;
  private final OperatorListener listener;
  private final InformerCaches caches;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean started = new AtomicBoolean();

  private BackupOperator(Builder builder) {
    this.client = builder.client;
    this.namespaces = builder.namespaces;
    this.period = builder.period;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.settings = builder.settings;
    this.listener = builder.listener;
    this.caches = new InformerCaches(namespaces, builder.sources != null ? builder.sources : InformerSources.from(client));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "k8up-rwo-operator"));
  }

  /** A builder with the defaults each setter names. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the informers and the schedule.
   *
   * @throws IllegalStateException if the operator was started before
   */
  public void start() {
    checkState(started.compareAndSet(false, true), "the operator was started before");
    caches.start();
    scheduler.scheduleWithFixedDelay(this::backUp, period.toMillis(), period.toMillis(), MILLISECONDS);
  }

  /** Whether every informer has listed once; backups wait for it. */
  public boolean hasSynced() {
    return caches.hasSynced();
  }

  /**
   * Stops the schedule, interrupts the running backup, waits at most the shutdown timeout for it
   * to clean up and report, and stops the informers. Idempotent.
   *
   * @return whether the running backup, if any, ended within the timeout
   */
  public boolean shutdown() {
    scheduler.shutdownNow();
    try {
      return scheduler.awaitTermination(shutdownTimeout.toMillis(), MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      caches.stop();
    }
  }

  /** {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  // Never throws: an exception would silently end a scheduled task's repetitions.
  private void backUp() {
    if (!caches.hasSynced()) {
      return;
    }
    try {
      K8upRwo.Builder backups = K8upRwo.builder();
      settings.accept(backups);
      listener.reported(backups.liveCluster(client, namespaces, caches::snapshot).runId(RunId.fresh()).build().run());
    } catch (SnapshotException | RuntimeException e) {
      try {
        listener.failed(e);
      } catch (RuntimeException listenerError) {
        LOG.log(System.Logger.Level.WARNING, "the operator's listener failed", listenerError);
      }
    }
  }

  /** Builds a {@link BackupOperator}: a client, namespaces and a listener are required. */
  public static final class Builder {

    private ApiClient client;
    private ImmutableList<String> namespaces = ImmutableList.of();
    private Duration period = Duration.ofHours(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Consumer<K8upRwo.Builder> settings = backups -> {};
    private OperatorListener listener;
    private InformerSources sources;

    private Builder() {}

    /** The client backups run through, and by default the informers list and watch through. */
    public Builder client(ApiClient client) {
      this.client = checkNotNull(client, "client");
      return this;
    }

    /**
     * The namespaces to watch and back up.
     *
     * @throws IllegalArgumentException if none is given
     */
    public Builder namespaces(Collection<String> namespaces) {
      this.namespaces = ImmutableList.copyOf(namespaces);
      checkArgument(!this.namespaces.isEmpty(), "at least one namespace is required");
      return this;
    }

    /**
     * The time from the end of one backup to the start of the next; default one hour.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder period(Duration period) {
      checkArgument(period.toMillis() > 0, "the period must be at least a millisecond, not %s", period);
      this.period = period;
      return this;
    }

    /**
     * How long {@link BackupOperator#shutdown()} waits for the running backup to clean up; default
     * 30 seconds.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      checkArgument(!shutdownTimeout.isNegative(), "the shutdown timeout is negative: %s", shutdownTimeout);
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * Sets up each backup's {@link K8upRwo.Builder}: tool, strategies, executor options,
     * listeners. The operator then sets the cluster and a fresh run id; do not ask for {@code
     * readNodes}. Default: the library's defaults.
     */
    public Builder settings(Consumer<K8upRwo.Builder> settings) {
      this.settings = checkNotNull(settings, "settings");
      return this;
    }

    /** Who hears how each backup ends. */
    public Builder listener(OperatorListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /** Where the informers list and watch; default {@link InformerSources#from} the client. */
    public Builder sources(InformerSources sources) {
      this.sources = checkNotNull(sources, "sources");
      return this;
    }

    /**
     * The operator, not started.
     *
     * @throws IllegalStateException if the client, the namespaces or the listener is missing
     */
    public BackupOperator build() {
      checkState(client != null, "a client is required");
      checkState(!namespaces.isEmpty(), "namespaces are required");
      checkState(listener != null, "a listener is required");
      return new BackupOperator(this);
    }
  }
}
