package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant FIRST = Instant.parse("2026-11-29T06:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-29T07:00:00Z");

  @Test
  void theTransitionTimeMovesOnlyWhenTheStatusChanges() {
    List<Condition> ready = Conditions.with(List.of(), "Ready", true, "Scheduled", "due at 7", 1, FIRST);
    List<Condition> still = Conditions.with(ready, "Ready", true, "Scheduled", "due at 8", 2, LATER);
    List<Condition> broken = Conditions.with(still, "Ready", false, "InvalidSpec", "fix it", 3, LATER);

    assertThat(still).singleElement().satisfies(condition -> {
      assertThat(condition.getLastTransitionTime()).isEqualTo(FIRST.toString());
      assertThat(condition.getMessage()).isEqualTo("due at 8");
      assertThat(condition.getObservedGeneration()).isEqualTo(2L);
    });
    assertThat(broken).singleElement().satisfies(condition -> {
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getLastTransitionTime()).isEqualTo(LATER.toString());
    });
  }

  @Test
  void theTransitionTimeIsInWholeSecondsAsTheApiServerWritesItAndEveryFieldIsSet() {
    Instant withNanos = Instant.parse("2026-11-29T06:00:00.123456789Z");

    assertThat(Conditions.with(List.of(), "Ready", false, "InvalidSpec", "fix it", 4, withNanos)).singleElement()
        .satisfies(condition -> {
          assertThat(condition.getLastTransitionTime()).isEqualTo("2026-11-29T06:00:00Z");
          assertThat(condition.getType()).isEqualTo("Ready");
          assertThat(condition.getStatus()).isEqualTo("False");
          assertThat(condition.getReason()).isEqualTo("InvalidSpec").matches("[A-Z][A-Za-z0-9]*");
          assertThat(condition.getMessage()).isEqualTo("fix it");
          assertThat(condition.getObservedGeneration()).isEqualTo(4L);
        });
  }

  @Test
  void eachTypeHasOneConditionAndOtherTypesAreKept() {
    List<Condition> both = Conditions.with(
        Conditions.with(List.of(), "Ready", true, "Scheduled", "", 1, FIRST), "Succeeded", false, "BackupsFailed", "", 1, FIRST);

    assertThat(Conditions.with(both, "Succeeded", true, "BackupsSucceeded", "", 1, LATER))
        .extracting(Condition::getType).containsExactly("Ready", "Succeeded");
  }
}
