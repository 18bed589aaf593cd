package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/** Describes JSON values in messages. */
public final class JsonTrees {

  private JsonTrees() {}

  /** A short description of what a JSON value is, for messages: never the value itself. */
  public static String describe(JsonElement element) {
    if (element == null || element.isJsonNull()) {
      return "empty";
    }
    if (element.isJsonObject()) {
      return "a mapping";
    }
    if (element.isJsonArray()) {
      return "a list";
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return "a boolean";
    }
    return primitive.isNumber() ? "a number" : "a string";
  }
}
