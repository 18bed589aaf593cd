package io.k8up.core.internal.snapshot;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Reads a string field as the API server does: a number or a boolean is refused, not turned into
 * its text. In YAML this catches {@code k8up.io/backup: no}, a boolean where a string belongs.
 */
final class StrictStringAdapter extends TypeAdapter<String> {

  @Override
  public String read(JsonReader in) throws IOException {
    JsonToken token = in.peek();
    if (token == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    if (token == JsonToken.NUMBER || token == JsonToken.BOOLEAN) {
      throw new ValueException(notAString(token == JsonToken.NUMBER));
    }
    return in.nextString();
  }

  /** What a string field expects when it holds a number or a boolean. */
  static String notAString(boolean number) {
    return "a string, not " + (number ? "a number" : "a boolean") + "; quote it (unquoted yes, no,"
        + " on, off, true, false and numbers are not strings)";
  }

  @Override
  public void write(JsonWriter out, String value) throws IOException {
    out.value(value);
  }
}
