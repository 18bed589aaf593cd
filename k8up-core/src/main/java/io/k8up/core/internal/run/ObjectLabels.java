package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Optional;

/** The labels of an object as the API server sends it; values that are not strings are skipped. */
final class ObjectLabels {

  private ObjectLabels() {}

  static ImmutableMap<String, String> of(JsonObject object) {
    JsonElement metadata = object.get("metadata");
    JsonElement labels = metadata != null && metadata.isJsonObject() ? metadata.getAsJsonObject().get("labels") : null;
    if (labels == null || !labels.isJsonObject()) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<String, String> map = ImmutableMap.builder();
    for (Map.Entry<String, JsonElement> label : labels.getAsJsonObject().entrySet()) {
      if (label.getValue().isJsonPrimitive()) {
        map.put(label.getKey(), label.getValue().getAsString());
      }
    }
    return map.buildKeepingLast();
  }

  /** The object's metadata field {@code field}, when it is a string. */
  static Optional<String> metadata(JsonObject object, String field) {
    JsonElement metadata = object.get("metadata");
    JsonElement value = metadata != null && metadata.isJsonObject() ? metadata.getAsJsonObject().get(field) : null;
    return value != null && value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
  }
}
