package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** The API server's own explanation of a refusal: the message of the Status object it sent. */
public final class StatusMessage {

  private static final int MAX_LENGTH = 200;

  private StatusMessage() {}

  /**
   * {@code ": <message>"} on one line and shortened, for appending to a sentence; empty when
   * {@code body} is no Status with a message.
   */
  public static String suffix(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonElement status = JsonParser.parseString(body);
      JsonElement message = status.isJsonObject() ? status.getAsJsonObject().get("message") : null;
      if (message == null || !message.isJsonPrimitive()) {
        return "";
      }
      String text = message.getAsString().strip().replace('\n', ' ');
      return ": " + (text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text);
    } catch (JsonParseException e) {
      return "";
    }
  }
}
