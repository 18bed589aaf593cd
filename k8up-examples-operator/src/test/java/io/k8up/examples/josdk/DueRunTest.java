package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DueRunTest {

  private static final Instant CREATED = Instant.parse("2026-11-29T06:00:00Z");

  @Test
  void theFirstRunIsDueAtCreationAndEachNextOneAnIntervalAfterTheLastStart() {
    BackupSchedule schedule = schedule("nightly", "uid-1");
    assertThat(DueRun.of(schedule).due()).isEqualTo(CREATED);

    schedule.setStatus(new BackupScheduleStatus());
    schedule.getStatus().setLastStartTime("2026-11-29T06:00:05Z");
    DueRun next = DueRun.of(schedule);

    assertThat(next.due()).isEqualTo(Instant.parse("2026-11-29T07:00:05Z"));
    assertThat(next.waitFrom(Instant.parse("2026-11-29T06:30:05Z"))).isEqualTo(Duration.ofMinutes(30));
    assertThat(next.waitFrom(Instant.parse("2026-11-29T08:00:00Z"))).isZero();
  }

  @Test
  void theRunIdDependsOnTheScheduleAndTheDueTimeAlone() {
    DueRun run = DueRun.of(schedule("nightly", "uid-1"));

    assertThat(DueRun.of(schedule("nightly", "uid-1")).runId()).as("the same after a restart").isEqualTo(run.runId());
    assertThat(DueRun.of(schedule("hourly", "uid-2")).runId()).isNotEqualTo(run.runId());
    assertThat(run.runId().value()).hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void aScheduleWithoutCreationTimeSaysToCreateItThroughTheApiServer() {
    BackupSchedule schedule = schedule("nightly", "uid-1");
    schedule.getMetadata().setCreationTimestamp(null);

    assertThatIllegalArgumentException().isThrownBy(() -> DueRun.of(schedule))
        .withMessageContaining("create it through the API server");
  }

  private static BackupSchedule schedule(String name, String uid) {
    BackupSchedule schedule = new BackupSchedule();
    schedule.getMetadata().setName(name);
    schedule.getMetadata().setNamespace("ops");
    schedule.getMetadata().setUid(uid);
    schedule.getMetadata().setCreationTimestamp(CREATED.toString());
    schedule.setSpec(new BackupScheduleSpec());
    schedule.getSpec().setNamespace("shop");
    schedule.getSpec().setInterval("1h");
    return schedule;
  }
}
