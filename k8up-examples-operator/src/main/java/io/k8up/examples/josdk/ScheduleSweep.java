package io.k8up.examples.josdk;

import com.google.common.collect.ImmutableList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8up.core.run.SweepReport;
import io.k8up.core.spi.RunId;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes what a deleted schedule's runs could have left: the objects of its last run (failed units
 * kept for inspection) and of its pending run (begun by an operator that then died).
 */
final class ScheduleSweep {

  private final ImmutableList<String> failures;

  private ScheduleSweep(ImmutableList<String> failures) {
    this.failures = failures;
  }

  /** Sweeps {@code schedule}'s runs in its target namespace now. */
  static ScheduleSweep of(BackupSchedule schedule, ScheduledBackups backups, KubernetesClient client) {
    Set<RunId> runs = new LinkedHashSet<>();
    Optional.ofNullable(schedule.getStatus()).map(BackupScheduleStatus::getLastRunId).map(RunId::of)
        .ifPresent(runs::add);
    try {
      runs.add(DueRun.of(schedule).runId());
    } catch (IllegalArgumentException e) {
      // An invalid schedule never started a run: nothing of a pending run to sweep.
    }
    ImmutableList.Builder<String> failures = ImmutableList.builder();
    for (RunId run : runs) {
      // Zero age: the runs are over, since the SDK never cleans up while it reconciles the same schedule.
      SweepReport report = backups.sweeper(schedule.getSpec().getNamespace(), run, client).sweep(true, Duration.ZERO);
      failures.addAll(report.failed());
    }
    return new ScheduleSweep(failures.build());
  }

  /** What could not be deleted, one line each. */
  ImmutableList<String> failures() {
    return failures;
  }
}
