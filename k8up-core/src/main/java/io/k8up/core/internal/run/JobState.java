package io.k8up.core.internal.run;

import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import java.util.List;
import java.util.Optional;

/** Where a Job stands, read from its conditions. */
record JobState(boolean finished, boolean succeeded, String message) {

  private static final JobState RUNNING = new JobState(false, false, "");

  static JobState of(V1Job job) {
    List<V1JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
        ? List.of() : job.getStatus().getConditions();
    for (V1JobCondition condition : conditions) {
      if (!"True".equals(condition.getStatus())) {
        continue;
      }
      if ("Complete".equals(condition.getType())) {
        return new JobState(true, true, "");
      }
      if ("Failed".equals(condition.getType())) {
        return new JobState(true, false, describe(condition));
      }
    }
    return RUNNING;
  }

  private static String describe(V1JobCondition condition) {
    String reason = Optional.ofNullable(condition.getReason()).orElse("Failed");
    return Optional.ofNullable(condition.getMessage()).filter(m -> !m.isBlank())
        .map(message -> reason + ": " + message).orElse(reason);
  }
}
