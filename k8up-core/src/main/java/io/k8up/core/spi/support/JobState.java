package io.k8up.core.spi.support;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;

/** Where a Job stands, read from its conditions as the API server sent them. */
record JobState(boolean finished, boolean succeeded, String message) {

  private static final JobState RUNNING = new JobState(false, false, "");

  static JobState of(JsonObject job) {
    JsonElement status = job.get("status");
    JsonElement conditions = status != null && status.isJsonObject() ? status.getAsJsonObject().get("conditions") : null;
    if (conditions == null || !conditions.isJsonArray()) {
      return RUNNING;
    }
    for (JsonElement element : conditions.getAsJsonArray()) {
      if (!element.isJsonObject() || !"True".equals(text(element.getAsJsonObject(), "status").orElse(""))) {
        continue;
      }
      JsonObject condition = element.getAsJsonObject();
      String type = text(condition, "type").orElse("");
      if (type.equals("Complete")) {
        return new JobState(true, true, "");
      }
      if (type.equals("Failed")) {
        return new JobState(true, false, describe(condition));
      }
    }
    return RUNNING;
  }

  private static String describe(JsonObject condition) {
    String reason = text(condition, "reason").orElse("Failed");
    return text(condition, "message").filter(m -> !m.isBlank()).map(message -> reason + ": " + message).orElse(reason);
  }

  private static Optional<String> text(JsonObject object, String field) {
    JsonElement element = object.get(field);
    return element != null && element.isJsonPrimitive() ? Optional.of(element.getAsString()) : Optional.empty();
  }
}
