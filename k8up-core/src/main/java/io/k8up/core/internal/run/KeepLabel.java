package io.k8up.core.internal.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.model.K8upAnnotations;

/** Whether a user labelled an object {@code k8up.io/keep: "true"}, so the library never deletes it. */
final class KeepLabel {

  private KeepLabel() {}

  /** Whether {@code object}, as the API server sends it, carries the label. */
  static boolean on(JsonObject object) {
    JsonObject metadata = object.getAsJsonObject("metadata");
    JsonObject labels = metadata == null ? null : metadata.getAsJsonObject("labels");
    JsonElement keep = labels == null ? null : labels.get(K8upAnnotations.KEEP_LABEL);
    return keep != null && keep.isJsonPrimitive() && "true".equals(keep.getAsString());
  }
}
