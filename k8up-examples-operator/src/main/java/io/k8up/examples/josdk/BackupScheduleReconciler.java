package io.k8up.examples.josdk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.k8up.core.K8upRwo;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.snapshot.SnapshotException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs each {@link BackupSchedule}'s due backup through k8up-rwo on the fabric8 gateway, writes the
 * run's summary, outcomes and conditions into the status, records an Event, and reschedules itself
 * for the next due time ({@link DueRun}). It keeps no state outside the resource, except the
 * in-process {@link NamespaceLocks} that keep two schedules from backing up one namespace at once.
 * A schedule backs up one namespace, or those its label selector selects when the run starts
 * ({@link ScheduleTargets}); it locks them all before it starts.
 *
 * <p>A run blocks the reconciling thread until it ends; the Java Operator SDK never reconciles one
 * resource twice at once, and its thread pool bounds how many schedules run together.
 *
 * <p>As a {@link Cleaner}, it has the SDK put a finalizer on each schedule: deleting one sweeps what
 * its last and its pending run could have left in the target namespace before the finalizer goes.
 */
@ControllerConfiguration(name = "backupschedule")
public final class BackupScheduleReconciler implements Reconciler<BackupSchedule>, Cleaner<BackupSchedule> {

  private final NamespaceLocks locks;
  private final ScheduledBackups backups;
  private final Clock clock;
  private final Duration retryDelay;

  private BackupScheduleReconciler(Builder builder) {
    this.locks = builder.locks;
    this.backups = new ScheduledBackups(builder.options, builder.settings);
    this.clock = builder.clock;
    this.retryDelay = builder.retryDelay;
  }

  /** A builder with the defaults each setter names. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public UpdateControl<BackupSchedule> reconcile(BackupSchedule schedule, Context<BackupSchedule> context) {
    DueRun run;
    try {
      run = DueRun.of(schedule);
      backups.check(schedule.getSpec());
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Retrying cannot help: the next reconcile comes with the fixed spec.
      return notStarted(schedule, context, "InvalidSpec", e.getMessage(), Optional.empty());
    }
    Duration wait = run.waitFrom(clock.instant());
    if (!wait.isZero()) {
      return UpdateControl.<BackupSchedule>noUpdate().rescheduleAfter(wait);
    }
    ImmutableSortedSet<String> namespaces;
    try {
      namespaces = ScheduleTargets.of(schedule.getSpec(), context.getClient());
    } catch (IllegalArgumentException e) {
      return notStarted(schedule, context, "InvalidSpec", "spec.namespaceSelector cannot be used: " + e.getMessage(),
          Optional.empty());
    } catch (KubernetesClientException e) {
      return notStarted(schedule, context, "ClusterReadFailed", "cannot list the namespaces spec.namespaceSelector"
          + " selects (grant list on namespaces), retrying in " + retryDelay + ": " + e.getMessage(),
          Optional.of(retryDelay));
    }
    if (namespaces.isEmpty()) {
      return notStarted(schedule, context, "NoNamespaceSelected", "no namespace has the labels spec.namespaceSelector"
          + " asks for: label the namespaces to back up or change the selector; looking again in " + retryDelay,
          Optional.of(retryDelay));
    }
    Optional<NamespaceLocks.Held> lock = locks.tryLock(namespaces, key(schedule));
    if (lock.isEmpty()) {
      return UpdateControl.<BackupSchedule>noUpdate().rescheduleAfter(retryDelay);
    }
    try (NamespaceLocks.Held held = lock.get()) {
      Optional<String> foreign = ForeignRuns.running(context.getClient(), namespaces, run.runId());
      if (foreign.isPresent()) {
        // No Event: this is looked at every retry delay while the other backup lasts; the condition says it.
        return notStarted(schedule, context, "NamespaceBusy", "another backup is running: Job " + foreign.get()
            + "; starting when it ends, looking again in " + retryDelay + ". If no process runs it any more,"
            + " delete it or sweep its run", Optional.of(retryDelay), false);
      }
      K8upRwo library = backups.of(schedule.getSpec(), namespaces, run.runId(), context.getClient());
      Instant start = clock.instant();
      BackupReport report = library.run();
      BackupScheduleStatus status = ScheduleStatuses.afterRun(schedule, run, namespaces, report, start,
          clock.instant());
      ScheduleEvents.record(context.getClient(), schedule, report.hasFailures() ? ScheduleEvents.WARNING
          : ScheduleEvents.NORMAL, report.hasFailures() ? "BackupFailed" : "BackupSucceeded",
          "run " + run.runId().value() + ": " + ScheduleStatuses.summaryOf(status.getSummary()), clock.instant());
      schedule.setStatus(status);
      return UpdateControl.patchStatus(schedule).rescheduleAfter(Interval.parse(schedule.getSpec().getInterval()));
    } catch (SnapshotException | KubernetesClientException e) {
      return notStarted(schedule, context, "ClusterReadFailed",
          "cannot read namespaces " + String.join(", ", namespaces) + ", retrying in " + retryDelay + ": "
              + e.getMessage(), Optional.of(retryDelay));
    }
  }

  @Override
  public DeleteControl cleanup(BackupSchedule schedule, Context<BackupSchedule> context) {
    ScheduleSweep sweep = ScheduleSweep.of(schedule, backups, context.getClient());
    if (sweep.failures().isEmpty()) {
      return DeleteControl.defaultDelete();
    }
    ScheduleEvents.record(context.getClient(), schedule, ScheduleEvents.WARNING, "CleanupFailed",
        "cannot delete " + String.join(", ", sweep.failures()) + "; retrying in " + retryDelay
            + " (grant list and delete on these kinds in their namespaces)", clock.instant());
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(retryDelay);
  }

  private UpdateControl<BackupSchedule> notStarted(BackupSchedule schedule, Context<BackupSchedule> context,
      String reason, String message, Optional<Duration> retry) {
    return notStarted(schedule, context, reason, message, retry, true);
  }

  private UpdateControl<BackupSchedule> notStarted(BackupSchedule schedule, Context<BackupSchedule> context,
      String reason, String message, Optional<Duration> retry, boolean event) {
    if (event) {
      ScheduleEvents.record(context.getClient(), schedule, ScheduleEvents.WARNING, reason, message, clock.instant());
    }
    schedule.setStatus(ScheduleStatuses.notStarted(schedule, reason, message, clock.instant()));
    UpdateControl<BackupSchedule> control = UpdateControl.patchStatus(schedule);
    return retry.map(control::rescheduleAfter).orElse(control);
  }

  private static String key(BackupSchedule schedule) {
    return schedule.getMetadata().getNamespace() + "/" + schedule.getMetadata().getName();
  }

  /** Builds a {@link BackupScheduleReconciler}; every setting has a default. */
  public static final class Builder {
    private NamespaceLocks locks = new NamespaceLocks();
    private ExecutorOptions options = ExecutorOptions.defaults();
    private Consumer<K8upRwo.Builder> settings = backups -> {};
    private Clock clock = Clock.systemUTC();
    private Duration retryDelay = Duration.ofSeconds(30);

    private Builder() {}

    /** The locks shared with other reconcilers of this process; default a lock set of its own. */
    public Builder locks(NamespaceLocks locks) {
      this.locks = checkNotNull(locks, "locks");
      return this;
    }

    /** The executor options each run starts from; a schedule's limits replace theirs. Default the library's. */
    public Builder executorOptions(ExecutorOptions options) {
      this.options = checkNotNull(options, "options");
      return this;
    }

    /**
     * Sets up each run's {@link K8upRwo.Builder}: tool, sink, listeners. The reconciler then sets
     * the cluster, strategy order, opt-in, limits and run id. Default: the library's defaults.
     */
    public Builder settings(Consumer<K8upRwo.Builder> settings) {
      this.settings = checkNotNull(settings, "settings");
      return this;
    }

    /** The clock due times are read against; default the system's, in UTC. */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * How long to wait before trying again when the namespace is busy, the cluster cannot be read
     * or cleanup failed; default 30 seconds.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder retryDelay(Duration retryDelay) {
      checkArgument(retryDelay.toMillis() > 0, "the retry delay must be at least a millisecond, not %s", retryDelay);
      this.retryDelay = retryDelay;
      return this;
    }

    /** The reconciler. */
    public BackupScheduleReconciler build() {
      return new BackupScheduleReconciler(this);
    }
  }
}
