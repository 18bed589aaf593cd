package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.kube.WireForm;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.RunId;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Events that tell how a claim or pod fared: names, messages, types. */
class OutcomeEventsTest {

  static final String SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  static final RunId RUN = RunId.of("nightly-20240101-abc");

  static Outcome outcome(Subject subject, OutcomeStatus status, String message) {
    return Outcome.builder().subject(subject).plannedAction(Action.BACKUP).status(status)
        .reason(OutcomeReason.BACKED_UP).message(message).build();
  }

  @Test
  void namesAreValidSubdomainsOfAtMost253CharactersWhateverTheSubjectsName() {
    String longName = "a".repeat(120) + "." + "b-".repeat(60) + "c";
    for (String name : new String[] {"data", longName, "x".repeat(253), "a".repeat(222) + "-.-b", "-Odd_Name-"}) {
      String eventName = OutcomeEvents.name(outcome(Subject.claim("shop", name), OutcomeStatus.SUCCEEDED, "m"), RUN);
      assertThat(eventName).hasSizeLessThanOrEqualTo(253).matches(SUBDOMAIN).contains("." + RUN.value() + ".");
    }
    assertThat(OutcomeEvents.name(outcome(Subject.claim("shop", "data"), OutcomeStatus.SUCCEEDED, "m"), RUN))
        .matches("data\\.nightly-20240101-abc\\.[0-9a-f]{10}");
  }

  @Test
  void aClaimAndAPodOfOneNameGetTwoEvents() {
    assertThat(OutcomeEvents.name(outcome(Subject.claim("shop", "db"), OutcomeStatus.FAILED, "m"), RUN))
        .isNotEqualTo(OutcomeEvents.name(outcome(Subject.pod("shop", "db"), OutcomeStatus.FAILED, "m"), RUN));
  }

  @Test
  void longMessagesAreCutOnACharacterBoundaryWithin1024Bytes() {
    String shortMessage = "é".repeat(512);
    assertThat(OutcomeEvents.truncate(shortMessage)).isEqualTo(shortMessage);
    for (String unit : new String[] {"a", "é", "€", "😀"}) {
      String cut = OutcomeEvents.truncate(unit.repeat(2000));
      assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024).isGreaterThan(1016);
      assertThat(cut).endsWith("...");
      assertThat(cut.substring(0, cut.length() - 3).replace(unit, "")).as("no half characters").isEmpty();
    }
  }

  @Test
  void typesAndReasonsFollowTheStatus() {
    assertThat(OutcomeEvents.type(OutcomeStatus.SUCCEEDED)).isEqualTo("Normal");
    assertThat(OutcomeEvents.type(OutcomeStatus.SKIPPED)).isEqualTo("Normal");
    assertThat(OutcomeEvents.type(OutcomeStatus.FAILED)).isEqualTo("Warning");
    assertThat(OutcomeEvents.type(OutcomeStatus.NOT_RUN)).isEqualTo("Warning");
    assertThat(OutcomeEvents.reason(OutcomeStatus.NOT_RUN)).isEqualTo("BackupNotRun");
  }

  @Test
  void theUidIsLeftOutWhenUnknown() {
    OffsetDateTime now = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    Outcome outcome = outcome(Subject.claim("shop", "data"), OutcomeStatus.SUCCEEDED, "backed up");
    assertThat(WireForm.of(OutcomeEvents.of(outcome, Optional.empty(), RUN, now))
        .getAsJsonObject("involvedObject").has("uid")).isFalse();
    assertThat(WireForm.of(OutcomeEvents.of(outcome, Optional.of("u-1"), RUN, now))
        .getAsJsonObject("involvedObject").get("uid").getAsString()).isEqualTo("u-1");
    assertThat(WireForm.of(OutcomeEvents.of(outcome, Optional.empty(), RUN, now)).has("eventTime")).isFalse();
  }
}
