package io.k8up.examples.josdk;

import com.google.common.collect.ImmutableList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8up.core.run.SweepReport;
import io.k8up.core.spi.RunId;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deletes what a deleted schedule's runs could have left: the objects of its last run (failed units
 * kept for inspection) and of its pending run (begun by an operator that then died). A pending run
 * of a namespace selector is swept in the namespaces selected now: one whose labels changed since
 * it started is not reached.
 */
final class ScheduleSweep {

  private final ImmutableList<String> failures;

  private ScheduleSweep(ImmutableList<String> failures) {
    this.failures = failures;
  }

  /**
   * Sweeps {@code schedule}'s runs now: in the namespaces its last run backed up and in those it
   * targets now, where a pending run would have started.
   */
  static ScheduleSweep of(BackupSchedule schedule, ScheduledBackups backups, KubernetesClient client) {
    Set<RunId> runs = new LinkedHashSet<>();
    Set<String> namespaces = new TreeSet<>();
    ImmutableList.Builder<String> failures = ImmutableList.builder();
    Optional.ofNullable(schedule.getStatus()).ifPresent(status -> {
      Optional.ofNullable(status.getLastRunId()).map(RunId::of).ifPresent(runs::add);
      namespaces.addAll(status.getLastNamespaces());
    });
    try {
      runs.add(DueRun.of(schedule).runId());
      namespaces.addAll(ScheduleTargets.of(schedule.getSpec(), client));
    } catch (IllegalArgumentException e) {
      // An invalid schedule never started a run: nothing of a pending run to sweep.
    } catch (KubernetesClientException e) {
      failures.add("the namespaces spec.namespaceSelector selects, which cannot be listed (grant list on"
          + " namespaces): " + e.getMessage());
    }
    if (namespaces.isEmpty()) {
      return new ScheduleSweep(failures.build());
    }
    for (RunId run : runs) {
      // Zero age: the runs are over, since the SDK never cleans up while it reconciles the same schedule.
      SweepReport report = backups.sweeper(namespaces, run, client).sweep(true, Duration.ZERO);
      failures.addAll(report.failed());
    }
    return new ScheduleSweep(failures.build());
  }

  /** What could not be deleted, one line each. */
  ImmutableList<String> failures() {
    return failures;
  }
}
