package io.k8up.core.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * How a command run through {@code pods/exec} ended.
 *
 * @param kind whether it exited, was refused, or broke off
 * @param exitCode the command's exit code, for {@link Kind#EXITED}
 * @param httpStatus the API server's answer to the connection, for {@link Kind#REFUSED}
 * @param message what the API server or kubelet said, for the other kinds
 */
public record ExecEnd(Kind kind, int exitCode, int httpStatus, String message) {

  /** The ways an exec ends. */
  public enum Kind {
    /** The command ran and exited with {@link #exitCode()}. */
    EXITED,
    /** The API server refused the connection with {@link #httpStatus()}: forbidden, no such pod or container. */
    REFUSED,
    /** The command could not start, or the connection broke before its exit status arrived. */
    BROKEN
  }

  /** The command ran and exited with {@code exitCode}. */
  public static ExecEnd exited(int exitCode) {
    return new ExecEnd(Kind.EXITED, exitCode, 0, "");
  }

  /** The server refused the connection with {@code httpStatus}, saying {@code message}. */
  public static ExecEnd refused(int httpStatus, String message) {
    return new ExecEnd(Kind.REFUSED, -1, httpStatus, message);
  }

  /** The command could not start, or the connection broke, as {@code message} says. */
  public static ExecEnd broken(String message) {
    return new ExecEnd(Kind.BROKEN, -1, 0, message);
  }

  /** The longest message of the server's kept, in characters. */
  private static final int MAX_MESSAGE = 4096;

  /**
   * How the command ended, from the Status the server sends on the exec's status channel: {@code
   * Success} is exit 0, an {@code ExitCode} cause gives the exit code, anything else broke the
   * command off, with the Status's message. Read leniently: a newer server's fields do not matter.
   */
  public static ExecEnd fromStatus(String json) {
    JsonObject status;
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject()) {
        return broken(bounded("the exit status could not be read: " + json));
      }
      status = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      return broken(bounded("the exit status could not be read: " + json));
    }
    if ("Success".equals(text(status, "status"))) {
      return exited(0);
    }
    JsonElement details = status.get("details");
    JsonElement causes = details != null && details.isJsonObject() ? details.getAsJsonObject().get("causes") : null;
    if (causes != null && causes.isJsonArray()) {
      for (JsonElement cause : causes.getAsJsonArray()) {
        if (cause.isJsonObject() && "ExitCode".equals(text(cause.getAsJsonObject(), "reason"))) {
          try {
            return exited(Integer.parseInt(text(cause.getAsJsonObject(), "message")));
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    String message = text(status, "message");
    return broken(bounded(message == null ? json : message));
  }

  private static String text(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static String bounded(String message) {
    String text = message.strip();
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }
}
