package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Sets a status's conditions as Kubernetes conventions have them: one per type, each with its own transition time. */
final class Conditions {

  static final String READY = "Ready";
  static final String SUCCEEDED = "Succeeded";

  private Conditions() {}

  /**
   * {@code conditions} with the condition of {@code type} set; its {@code lastTransitionTime}
   * stays as it was unless its status changes, as {@code kubectl wait} and dashboards expect, and is
   * written in whole seconds, as the API server writes a {@code metav1.Time}.
   */
  static List<Condition> with(List<Condition> conditions, String type, boolean status, String reason,
      String message, long generation, Instant now) {
    String statusText = status ? "True" : "False";
    String transition = conditions.stream()
        .filter(condition -> type.equals(condition.getType()) && statusText.equals(condition.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    List<Condition> result = new ArrayList<>();
    conditions.stream().filter(condition -> !type.equals(condition.getType())).forEach(result::add);
    result.add(new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason)
        .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(transition).build());
    return result;
  }
}
