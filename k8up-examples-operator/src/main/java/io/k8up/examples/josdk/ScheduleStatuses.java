package io.k8up.examples.josdk;

import io.k8up.core.run.BackupReport;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/** The status a schedule gets after a run, or after a run that could not start; pure. */
final class ScheduleStatuses {

  private ScheduleStatuses() {}

  /** The status after {@code report}, run as {@code run} in {@code namespaces} from {@code start} to {@code end}. */
  static BackupScheduleStatus afterRun(BackupSchedule schedule, DueRun run, Collection<String> namespaces,
      BackupReport report, Instant start, Instant end) {
    BackupScheduleStatus status = copyOf(schedule);
    status.setLastRunId(run.runId().value());
    status.setLastNamespaces(new ArrayList<>(namespaces));
    status.setLastStartTime(start.toString());
    status.setLastEndTime(end.toString());
    status.setSummary(new RunSummary(count(report, OutcomeStatus.SUCCEEDED), count(report, OutcomeStatus.FAILED),
        count(report, OutcomeStatus.SKIPPED), count(report, OutcomeStatus.NOT_RUN)));
    status.setOutcomes(report.outcomes().stream().map(ScheduleStatuses::outcome).collect(Collectors.toList()));
    long generation = generation(schedule);
    status.setConditions(Conditions.with(status.getConditions(), Conditions.READY, true, "Scheduled",
        "the next backup is due at " + start.plus(Interval.parse(schedule.getSpec().getInterval())), generation, end));
    status.setConditions(report.hasFailures()
        ? Conditions.with(status.getConditions(), Conditions.SUCCEEDED, false, "BackupsFailed",
            summaryOf(status.getSummary()) + ": see status.outcomes for what to fix", generation, end)
        : Conditions.with(status.getConditions(), Conditions.SUCCEEDED, true, "BackupsSucceeded",
            summaryOf(status.getSummary()), generation, end));
    return status;
  }

  /** The status when a run could not start, for {@code reason}; the run stays due. */
  static BackupScheduleStatus notStarted(BackupSchedule schedule, String reason, String message, Instant now) {
    BackupScheduleStatus status = copyOf(schedule);
    status.setConditions(Conditions.with(status.getConditions(), Conditions.READY, false, reason, message,
        generation(schedule), now));
    return status;
  }

  /** One line counting the outcomes, e.g. {@code 2 succeeded, 0 failed, 1 skipped, 0 not run}. */
  static String summaryOf(RunSummary summary) {
    return summary.getSucceeded() + " succeeded, " + summary.getFailed() + " failed, " + summary.getSkipped()
        + " skipped, " + summary.getNotRun() + " not run";
  }

  private static BackupScheduleStatus copyOf(BackupSchedule schedule) {
    BackupScheduleStatus status = new BackupScheduleStatus();
    Optional.ofNullable(schedule.getStatus()).ifPresent(previous -> {
      status.setLastRunId(previous.getLastRunId());
      status.setLastNamespaces(previous.getLastNamespaces());
      status.setLastStartTime(previous.getLastStartTime());
      status.setLastEndTime(previous.getLastEndTime());
      status.setSummary(previous.getSummary());
      status.setOutcomes(previous.getOutcomes());
      status.setConditions(previous.getConditions());
    });
    return status;
  }

  private static long generation(BackupSchedule schedule) {
    return Optional.ofNullable(schedule.getMetadata().getGeneration()).orElse(0L);
  }

  private static int count(BackupReport report, OutcomeStatus status) {
    return (int) report.outcomes().stream().filter(outcome -> outcome.status() == status).count();
  }

  private static ClaimOutcome outcome(Outcome outcome) {
    return new ClaimOutcome(outcome.subject().namespace() + "/" + outcome.subject().name(),
        outcome.status().name(), outcome.reason().name(), outcome.message());
  }
}
