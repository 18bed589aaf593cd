package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads the few fields needed to identify an object before it is converted. */
final class TreeFields {

  private TreeFields() {}

  /**
   * The text of {@code object.member}, or null when it is missing, empty or not a string (a field
   * of the wrong type is reported when the object is converted).
   */
  static String text(JsonObject object, String member) {
    JsonElement value = object.get(member);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      return null;
    }
    String text = value.getAsString();
    return text.isEmpty() ? null : text;
  }

  /** {@code object.metadata.member} as {@link #text} reads it. */
  static String metadataText(JsonObject object, String member) {
    JsonElement metadata = object.get("metadata");
    return metadata != null && metadata.isJsonObject()
        ? text(metadata.getAsJsonObject(), member)
        : null;
  }
}
