package io.k8up.core.kube;

import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * Which object a delete means: the server deletes only if the object still has this uid and, if
 * given, this resourceVersion, so that an object replaced or changed since it was read (labelled
 * to be kept, say) is not deleted.
 *
 * @param uid the object's uid, or empty for whatever object has the name
 * @param resourceVersion the object's resourceVersion, or empty for any
 */
public record Precondition(Optional<String> uid, Optional<String> resourceVersion) {

  /** No precondition: the object of that name, whatever it is now. */
  public static Precondition none() {
    return new Precondition(Optional.empty(), Optional.empty());
  }

  /** The object read as {@code object}, unchanged since: its uid and resourceVersion. */
  public static Precondition unchanged(JsonObject object) {
    JsonObject metadata = object.has("metadata") && object.get("metadata").isJsonObject()
        ? object.getAsJsonObject("metadata") : new JsonObject();
    return new Precondition(string(metadata, "uid"), string(metadata, "resourceVersion"));
  }

  private static Optional<String> string(JsonObject metadata, String field) {
    return metadata.has(field) && metadata.get(field).isJsonPrimitive()
        ? Optional.of(metadata.get(field).getAsString()) : Optional.empty();
  }
}
