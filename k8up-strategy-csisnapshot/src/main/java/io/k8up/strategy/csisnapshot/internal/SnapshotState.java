package io.k8up.strategy.csisnapshot.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Where a VolumeSnapshot stands, read from its status.
 *
 * @param readyToUse whether a volume can be restored from it
 * @param restoreBytes the smallest volume it restores to ({@code status.restoreSize}), 0 when unsaid
 * @param error the snapshot controller's error message, when it failed
 */
record SnapshotState(boolean readyToUse, long restoreBytes, Optional<String> error) {

  /** Where {@code snapshot}, as the API server sent it, stands. */
  static SnapshotState of(JsonObject snapshot) {
    JsonObject status = object(snapshot, "status");
    boolean ready = status != null && status.has("readyToUse") && status.get("readyToUse").isJsonPrimitive()
        && status.get("readyToUse").getAsBoolean();
    JsonObject error = status == null ? null : object(status, "error");
    Optional<String> message = error == null ? Optional.empty()
        : Optional.of(text(error, "message").orElse("the snapshot controller reports an error without a message"));
    long restore = status == null ? 0 : text(status, "restoreSize").map(SnapshotState::bytes).orElse(0L);
    return new SnapshotState(ready, restore, message);
  }

  private static long bytes(String quantity) {
    try {
      BigDecimal number = Quantity.fromString(quantity).getNumber();
      return number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : number.longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static JsonObject object(JsonObject parent, String field) {
    JsonElement element = parent.get(field);
    return element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
  }

  private static Optional<String> text(JsonObject parent, String field) {
    JsonElement element = parent.get(field);
    return element != null && element.isJsonPrimitive() ? Optional.of(element.getAsString()) : Optional.empty();
  }
}
