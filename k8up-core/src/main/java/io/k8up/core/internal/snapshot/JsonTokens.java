package io.k8up.core.internal.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link Tokens} of one JSON value, read with Gson's streaming reader in strict mode. */
final class JsonTokens implements Tokens {

  private static final Pattern GSON_LOCATION =
      Pattern.compile("(?:[\\w.]+: )?(.*?) at line (\\d+) column (\\d+)");

  private final JsonReader json;
  private final LimitedReader input;
  private final int maxDepth;
  private final Origin origin;
  private int depth;
  private boolean started;

  JsonTokens(Reader source, LimitedReader input, ReadLimits limits) {
    this(source, input, limits, Origin.START, 0);
  }

  /**
   * Tokens of a value that starts at {@code origin} in its source, {@code depth} levels deep in
   * it, e.g. an item of a list read on its own.
   */
  JsonTokens(Reader source, LimitedReader input, ReadLimits limits, Origin origin, int depth) {
    this.input = input;
    this.origin = origin;
    this.depth = depth;
    this.maxDepth = limits.maxDepth();
    this.json = new JsonReader(source);
    json.setStrictness(Strictness.STRICT);
    // Our own check comes first and says more than Gson's.
    json.setNestingLimit(maxDepth + 1);
  }

  @Override
  public boolean nextDocument() throws IOException {
    if (!started) {
      started = true;
      return true;
    }
    try {
      if (json.peek() == JsonToken.END_DOCUMENT) {
        return false;
      }
    } catch (MalformedJsonException e) {
      // Gson refuses a second top-level value in strict mode.
    }
    throw new InputException("malformed JSON: the file holds more than one JSON value;"
        + " put the objects in the items of a List");
  }

  @Override
  public int document() {
    return 1;
  }

  @Override
  public Token peek() throws IOException {
    try {
      return switch (json.peek()) {
        case BEGIN_OBJECT -> Token.BEGIN_MAP;
        case END_OBJECT -> Token.END_MAP;
        case BEGIN_ARRAY -> Token.BEGIN_LIST;
        case END_ARRAY -> Token.END_LIST;
        case NAME -> Token.KEY;
        case STRING, NUMBER, BOOLEAN, NULL -> Token.SCALAR;
        case END_DOCUMENT -> Token.END_DOCUMENT;
      };
    } catch (MalformedJsonException | EOFException e) {
      throw malformed(e);
    }
  }

  @Override
  public void consume() throws IOException {
    try {
      switch (json.peek()) {
        case BEGIN_OBJECT -> {
          deeper();
          json.beginObject();
        }
        case BEGIN_ARRAY -> {
          deeper();
          json.beginArray();
        }
        case END_OBJECT -> {
          depth--;
          json.endObject();
        }
        case END_ARRAY -> {
          depth--;
          json.endArray();
        }
        default -> throw new IllegalStateException("not a structural token: " + json.peek());
      }
    } catch (MalformedJsonException | EOFException e) {
      throw malformed(e);
    }
    input.tokenSeen();
  }

  private void deeper() throws InputException {
    if (++depth > maxDepth) {
      throw new InputException("nests mappings and lists deeper than " + maxDepth
          + " levels, by line " + input.line());
    }
  }

  @Override
  public String nextKey() throws IOException {
    try {
      String key = json.nextName();
      input.tokenSeen();
      return key;
    } catch (MalformedJsonException | EOFException e) {
      throw malformed(e);
    }
  }

  @Override
  public JsonElement nextScalar() throws IOException {
    try {
      JsonElement value = switch (json.peek()) {
        case STRING -> new JsonPrimitive(json.nextString());
        case NUMBER -> new JsonPrimitive(new BoundedNumber(json.nextString()));
        case BOOLEAN -> new JsonPrimitive(json.nextBoolean());
        case NULL -> {
          json.nextNull();
          yield JsonNull.INSTANCE;
        }
        default -> throw new IllegalStateException("not a scalar: " + json.peek());
      };
      input.tokenSeen();
      return value;
    } catch (MalformedJsonException | EOFException e) {
      throw malformed(e);
    }
  }

  @Override
  public void skipScalar() throws IOException {
    try {
      json.skipValue();
      input.tokenSeen();
    } catch (MalformedJsonException | EOFException e) {
      throw malformed(e);
    }
  }

  // Gson says "Expected ':' at line 1 column 7 path $.a", plus a troubleshooting link.
  private InputException malformed(IOException e) {
    Matcher matcher = GSON_LOCATION.matcher(e.getMessage() == null ? "" : e.getMessage());
    if (!matcher.find()) {
      return new InputException("malformed JSON (not valid JSON)");
    }
    String reason = matcher.group(1);
    if (reason.startsWith("Use JsonReader")) {
      reason = "not valid JSON here";
    } else if (reason.startsWith("End of input")) {
      reason = "the file ends before the JSON value does";
    }
    long line = Long.parseLong(matcher.group(2));
    long column = Long.parseLong(matcher.group(3));
    return new InputException("malformed JSON at line " + origin.line(line, column) + ", column "
        + origin.column(line, column) + ": " + reason);
  }
}
