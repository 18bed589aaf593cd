package io.k8up.core.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

/** Converts what SnakeYAML's safe constructor builds into the JSON tree Gson reads. */
public final class JsonTrees {

  private JsonTrees() {}

  /** The JSON form of a YAML value: maps, lists, strings, numbers, booleans and null. */
  public static JsonElement fromYaml(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      // Keys are strings in Kubernetes; a YAML key such as "1" or "true" is kept as written.
      map.forEach((key, item) -> object.add(String.valueOf(key), fromYaml(item)));
      return object;
    }
    if (value instanceof Collection<?> items) {
      JsonArray array = new JsonArray(items.size());
      items.forEach(item -> array.add(fromYaml(item)));
      return array;
    }
    if (value instanceof String text) {
      return new JsonPrimitive(text);
    }
    if (value instanceof Number number) {
      return new JsonPrimitive(number);
    }
    if (value instanceof Boolean bool) {
      return new JsonPrimitive(bool);
    }
    return new JsonPrimitive(explicitlyTagged(value));
  }

  // Only explicit tags (!!binary, !!timestamp) produce these; Kubernetes writes both as strings.
  private static String explicitlyTagged(Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return String.valueOf(value);
  }

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
