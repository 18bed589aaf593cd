package io.k8up.examples.josdk;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import io.k8up.core.spi.RunId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a schedule's next run is due and which run id it has, computed from the resource alone: the
 * first run is due at creation, each later one an interval after the last start the status records.
 * The id depends only on the schedule and the due time, so a run interrupted by an operator restart
 * is run again under the same id and adopts the objects it had created.
 */
public final class DueRun {

  private final Instant due;
  private final RunId runId;

  private DueRun(Instant due, RunId runId) {
    this.due = due;
    this.runId = runId;
  }

  /**
   * The next run of {@code schedule}.
   *
   * @throws IllegalArgumentException if the schedule has no creation time or a bad interval
   */
  public static DueRun of(BackupSchedule schedule) {
    String created = schedule.getMetadata().getCreationTimestamp();
    checkArgument(created != null, "schedule %s has no creation time: create it through the API server",
        schedule.getMetadata().getName());
    Duration interval = Interval.parse(schedule.getSpec().getInterval());
    Instant due = Optional.ofNullable(schedule.getStatus())
        .map(BackupScheduleStatus::getLastStartTime)
        .map(last -> Instant.parse(last).plus(interval))
        .orElse(Instant.parse(created));
    return new DueRun(due, idOf(schedule, due));
  }

  private static RunId idOf(BackupSchedule schedule, Instant due) {
    String owner = schedule.getMetadata().getNamespace() + "/" + schedule.getMetadata().getName() + "/"
        + schedule.getMetadata().getUid();
    int hash = Hashing.murmur3_32_fixed().hashString(owner, StandardCharsets.UTF_8).asInt();
    // 20 characters at most: 6 for the time in base 36 until the year 2038 (36^6 seconds), a dash, up to 7 for the hash.
    return RunId.of(Long.toString(due.getEpochSecond(), Character.MAX_RADIX) + "-"
        + Integer.toString(hash & Integer.MAX_VALUE, Character.MAX_RADIX));
  }

  /** When the run is due. */
  public Instant due() {
    return due;
  }

  /** The run's id. */
  public RunId runId() {
    return runId;
  }

  /** How long until the run is due at {@code now}; zero if it is due. */
  public Duration waitFrom(Instant now) {
    return now.isBefore(due) ? Duration.between(now, due) : Duration.ZERO;
  }
}
