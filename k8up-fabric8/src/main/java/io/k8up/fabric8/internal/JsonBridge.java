package io.k8up.fabric8.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubernetes.client.openapi.JSON;
import java.time.OffsetDateTime;

/**
 * Moves objects between fabric8's Jackson models, Gson trees and client-java's models through
 * their JSON text, so that every field, known to either side or not, travels as the API server
 * wrote it. Depth is bounded on both sides: Jackson writes at most 1000 levels and Gson reads at
 * most 255, so a tenant's deeply nested field fails one object instead of the stack.
 */
public final class JsonBridge {

  /*
   * client-java's own Gson rejects any field its models do not know, so an object from a newer
   * server would not load; JSON.createGson() is its configuration before those strict adapters,
   * and with the date-time adapter it reads known fields only, as k8up-core's readers do.
   */
  private static final Gson LENIENT_CLIENT_JAVA = JSON.createGson()
      .registerTypeAdapter(OffsetDateTime.class, new JSON.OffsetDateTimeTypeAdapter())
      .registerTypeAdapter(byte[].class, new JSON.ByteArrayAdapter())
      .create();

  private final KubernetesSerialization serialization;

  private JsonBridge(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** A bridge through {@code serialization}, such as a client's own. */
  public static JsonBridge of(KubernetesSerialization serialization) {
    return new JsonBridge(serialization);
  }

  /**
   * The JSON tree of a fabric8 object.
   *
   * @throws IllegalArgumentException if the object cannot be written as a JSON object
   */
  public JsonObject toTree(Object fabric8Object) {
    JsonElement tree;
    try {
      tree = JsonParser.parseString(serialization.asJson(fabric8Object));
    } catch (RuntimeException e) {
      // Jackson's write limits and Gson's read limits both end here.
      throw new IllegalArgumentException("cannot be read as JSON: " + e.getMessage(), e);
    }
    if (!tree.isJsonObject()) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    return tree.getAsJsonObject();
  }

  /** The fabric8 object of class {@code type} that {@code tree} describes. */
  public <T> T fromTree(JsonObject tree, Class<T> type) {
    return serialization.unmarshal(tree.toString(), type);
  }

  /**
   * The client-java model of class {@code type} that {@code fabric8Object} describes, with the
   * fields client-java does not know left out.
   *
   * @throws IllegalArgumentException if a field holds a value client-java cannot read
   */
  public <T> T toClientJava(Object fabric8Object, Class<T> type) {
    JsonObject tree = toTree(fabric8Object);
    try {
      return LENIENT_CLIENT_JAVA.fromJson(tree, type);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot be read as a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
