package io.k8up.core.spi.support;

import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a restore container reported in its termination message ({@link
 * ResticRestoreCommand#TERMINATION_MESSAGE_PATH}), as the details of the step that ran it: the
 * snapshot restored and, when restic gives its summary, the files and bytes it restored. The
 * message is written in a pod anyone who can exec into it could change: it is read within a bound,
 * and only values of the expected shape are kept.
 */
public final class RestoreResult {

  /** The key of the restic snapshot id restored. */
  public static final String SNAPSHOT = "snapshot";
  /** The key of the number of files restic restored ({@code files_restored}). */
  public static final String FILES_RESTORED = "filesRestored";
  /** The key of the number of bytes restic restored ({@code bytes_restored}). */
  public static final String BYTES_RESTORED = "bytesRestored";

  /** Kubernetes keeps at most 4096 bytes of a termination message. */
  private static final int MAX_MESSAGE = 4096;
  private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8,64}");

  private RestoreResult() {}

  /** No details: a pod that is gone said nothing. */
  static ImmutableMap<String, String> none() {
    return ImmutableMap.of();
  }

  /** The details of {@code message}; those it lacks, or holds in another shape, are left out. */
  static ImmutableMap<String, String> details(String message) {
    if (message.length() > MAX_MESSAGE) {
      return none();
    }
    JsonObject json;
    try {
      JsonElement parsed = JsonParser.parseString(message);
      if (!parsed.isJsonObject()) {
        return none();
      }
      json = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      return none();
    }
    ImmutableMap.Builder<String, String> details = ImmutableMap.builder();
    text(json, "snapshot").filter(id -> SNAPSHOT_ID.matcher(id).matches()).ifPresent(id -> details.put(SNAPSHOT, id));
    JsonElement summary = json.get("summary");
    if (summary != null && summary.isJsonObject()) {
      count(summary.getAsJsonObject(), "files_restored").ifPresent(files -> details.put(FILES_RESTORED, files));
      count(summary.getAsJsonObject(), "bytes_restored").ifPresent(bytes -> details.put(BYTES_RESTORED, bytes));
    }
    return details.build();
  }

  private static Optional<String> text(JsonObject json, String field) {
    JsonElement element = json.get(field);
    return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
        ? Optional.of(element.getAsString()) : Optional.empty();
  }

  private static Optional<String> count(JsonObject json, String field) {
    JsonElement element = json.get(field);
    if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
      return Optional.empty();
    }
    try {
      long value = element.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
      return value >= 0 ? Optional.of(Long.toString(value)) : Optional.empty();
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }
}
